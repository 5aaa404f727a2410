//! Stage 6: writes the output folder atomically: into a temporary folder beside it, then swapped in.

use super::file::OutputFile;
use rayon::prelude::*;
use std::io;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Writes `files` to `out`, replacing its previous contents only once everything is written.
pub fn write_atomic(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::new(out)?;
    files.par_iter().try_for_each(|f| staging.put(f))?;
    staging.commit()
}

/// A temporary folder beside the output folder that files are written into as they are made;
/// [`Staging::commit`] swaps it in, dropping it without a commit leaves the output as it was.
pub struct Staging {
    tmp: tempfile::TempDir,
    out: PathBuf,
    name: String,
    /// Folders already created.
    dirs: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Creates the temporary folder beside `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = parent_of(out);
        std::fs::create_dir_all(&parent)?;
        let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let tmp = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent)?;
        Ok(Staging { tmp, out: out.to_path_buf(), name, dirs: Mutex::new(HashSet::new()) })
    }

    /// The folder the output is built beside (where scratch files belong: same file system).
    pub fn parent(&self) -> PathBuf {
        parent_of(&self.out)
    }

    /// Writes one file into the temporary folder.
    pub fn put(&self, f: &OutputFile) -> io::Result<()> {
        let path = self.tmp.path().join(&f.path);
        if let Some(dir) = path.parent() {
            let known = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir);
            if !known {
                std::fs::create_dir_all(dir)?;
                self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
            }
        }
        std::fs::write(path, &f.bytes)
    }

    /// Swaps the written folder in place of the output folder.
    pub fn commit(self) -> io::Result<()> {
        let (out, name) = (self.out.clone(), self.name.clone());
        let parent = parent_of(&out);
        let staged = self.tmp.keep();
        if out.exists() {
            let old = tempfile::Builder::new().prefix(&format!(".{name}.old-")).tempdir_in(&parent)?.keep();
            std::fs::remove_dir(&old)?;
            std::fs::rename(&out, &old)?;
            if let Err(e) = std::fs::rename(&staged, &out) {
                std::fs::rename(&old, &out).ok();
                std::fs::remove_dir_all(&staged).ok();
                return Err(e);
            }
            std::fs::remove_dir_all(&old)?;
        } else if let Err(e) = std::fs::rename(&staged, &out) {
            std::fs::remove_dir_all(&staged).ok();
            return Err(e);
        }
        Ok(())
    }
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

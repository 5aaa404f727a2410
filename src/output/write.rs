//! Stage 6: writes the output folder atomically: into a temporary folder beside it, then swapped in.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` to `out`, replacing its previous contents only once everything is written.
pub fn write_atomic(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let tmp = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent)?;
    write_all(tmp.path(), files)?;
    let staged = tmp.keep();
    if out.exists() {
        let old = tempfile::Builder::new().prefix(&format!(".{name}.old-")).tempdir_in(&parent)?.keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(out, &old)?;
        if let Err(e) = std::fs::rename(&staged, out) {
            std::fs::rename(&old, out).ok();
            std::fs::remove_dir_all(&staged).ok();
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else if let Err(e) = std::fs::rename(&staged, out) {
        std::fs::remove_dir_all(&staged).ok();
        return Err(e);
    }
    Ok(())
}

/// Writes every file under `dir`, creating folders as needed.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    let mut dirs: Vec<PathBuf> = files.iter().filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| std::fs::write(dir.join(&f.path), &f.bytes))
}

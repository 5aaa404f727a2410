//! Stage 6: writes the output folder atomically: into a temporary folder beside it, then swapped in.

use super::file::OutputFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
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
    /// The output folder as the last build left it, when there is one.
    previous: Option<PathBuf>,
}

impl Staging {
    /// Creates the temporary folder beside `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = parent_of(out);
        std::fs::create_dir_all(&parent)?;
        let name =
            out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let tmp = tempfile::Builder::new().prefix(&format!(".{name}.new-")).tempdir_in(&parent)?;
        let previous = out.is_dir().then(|| out.to_path_buf());
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            name,
            dirs: Mutex::new(HashSet::new()),
            previous,
        })
    }

    /// The folder the output is built beside (where scratch files belong: same file system).
    pub fn parent(&self) -> PathBuf {
        parent_of(&self.out)
    }

    /// Writes one file into the temporary folder. A file the last build wrote with the same bytes
    /// is linked instead (a hard link to it): it keeps its modification time, so deploy tools that
    /// compare times upload only what changed, and nothing is written twice.
    pub fn put(&self, f: &OutputFile) -> io::Result<()> {
        let path = self.tmp.path().join(&f.path);
        if let Some(dir) = path.parent() {
            let known = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir);
            if !known {
                std::fs::create_dir_all(dir)?;
                self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
            }
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(&f.path);
            if same_contents(&old, &f.bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
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
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(&parent)?
                .keep();
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

/// Whether the regular file at `path` holds exactly `bytes` (read a piece at a time).
fn same_contents(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut buf = vec![0u8; (64 << 10).min(bytes.len().max(1))];
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = buf.len().min(rest.len());
        if file.read_exact(&mut buf[..n]).is_err() || buf[..n] != rest[..n] {
            return false;
        }
        rest = &rest[n..];
    }
    // Nothing after the compared bytes (the file did not grow since it was measured).
    matches!(file.read(&mut [0u8; 1]), Ok(0))
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::site_file(path, text.as_bytes().to_vec())
    }

    #[test]
    fn unchanged_files_are_linked_changed_ones_written_and_the_old_output_left_whole_until_commit()
    {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomic(
            &out,
            &[file("a/index.html", "một"), file("b.txt", "hai"), file("c.txt", "ba")],
        )
        .unwrap();
        let before = |p: &str| std::fs::metadata(out.join(p)).unwrap();
        #[cfg(unix)]
        let inode = |m: &std::fs::Metadata| std::os::unix::fs::MetadataExt::ino(m);
        #[cfg(unix)]
        let (a_ino, b_ino) = (inode(&before("a/index.html")), inode(&before("b.txt")));

        let staging = Staging::new(&out).unwrap();
        staging.put(&file("a/index.html", "một")).unwrap();
        staging.put(&file("b.txt", "hai!")).unwrap();
        // Before the commit the old output is exactly as it was, even the changed file.
        assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "hai");
        assert!(out.join("c.txt").exists());
        staging.commit().unwrap();

        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "một");
        assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "hai!");
        assert!(!out.join("c.txt").exists(), "a file no longer made is gone");
        #[cfg(unix)]
        {
            assert_eq!(
                inode(&before("a/index.html")),
                a_ino,
                "the unchanged file is the same file"
            );
            assert_ne!(inode(&before("b.txt")), b_ino, "the changed file is a new file");
            assert_eq!(
                std::os::unix::fs::MetadataExt::nlink(&before("a/index.html")),
                1,
                "no link to the old output remains"
            );
        }
    }

    #[test]
    fn contents_are_compared_to_the_last_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &big).unwrap();
        assert!(same_contents(&p, &big));
        let mut other = big.clone();
        *other.last_mut().unwrap() ^= 1;
        assert!(!same_contents(&p, &other));
        assert!(!same_contents(&p, &big[..big.len() - 1]));
        std::fs::write(dir.path().join("empty"), b"").unwrap();
        assert!(same_contents(&dir.path().join("empty"), b""));
        assert!(!same_contents(&dir.path().join("missing"), b""));
        assert!(!same_contents(dir.path(), b""));
    }
}

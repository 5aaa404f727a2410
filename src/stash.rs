//! Large text of a document (body HTML, search text) held in memory or set aside in a spill file,
//! so a build holds only metadata however many documents the site has.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// An append-only temporary file that texts are set aside in (deleted when the last handle goes).
#[derive(Debug)]
pub struct SpillFile {
    file: File,
    /// Bytes written so far (the next text's offset), behind the lock appends take.
    end: Mutex<u64>,
    /// Set when a text could not be read back (the build must then not publish).
    read_failed: AtomicBool,
}

impl SpillFile {
    /// Creates an anonymous spill file in `dir` (on the output's file system, not in memory).
    pub fn new_in(dir: &Path) -> io::Result<Arc<SpillFile>> {
        Ok(Arc::new(SpillFile {
            file: tempfile::tempfile_in(dir)?,
            end: Mutex::new(0),
            read_failed: AtomicBool::new(false),
        }))
    }

    /// Appends `bytes`; returns their offset.
    pub fn append(&self, bytes: &[u8]) -> io::Result<u64> {
        let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
        let at = *end;
        // Written at the recorded end: a failed write leaves no gap the next offsets would miss.
        positioned::write_at(&self.file, bytes, at)?;
        *end += bytes.len() as u64;
        Ok(at)
    }

    /// Fails when a text set aside could not be read back: what was rendered from it is incomplete.
    pub fn check(&self) -> io::Result<()> {
        if self.read_failed.load(Ordering::Relaxed) {
            return Err(io::Error::other("không đọc lại được nội dung đã tạm cất trong tệp tạm"));
        }
        Ok(())
    }

    /// Reads back `len` bytes appended at `at`.
    pub fn read(&self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; len];
        positioned::read_at(&self.file, &self.end, &mut buf, at)?;
        Ok(buf)
    }

    /// Sets `text` aside and returns the handle that reads it back.
    pub fn put(self: &Arc<Self>, text: String) -> Stash {
        if text.is_empty() {
            return Stash::default();
        }
        match self.append(text.as_bytes()) {
            Ok(at) => Stash(Inner::Spilled { file: Arc::clone(self), at, len: text.len() }),
            // The disk is full or gone: keep the text in memory rather than lose it.
            Err(_) => Stash(Inner::Memory(text)),
        }
    }
}

/// Reading and writing at an offset: `pread`/`pwrite` on Unix (reads run in parallel); elsewhere a
/// seek then a read under the lock appends take (writes already hold it).
mod positioned {
    use std::fs::File;
    use std::io;
    use std::sync::Mutex;

    #[cfg(unix)]
    pub fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
    }

    #[cfg(unix)]
    pub fn read_at(file: &File, _lock: &Mutex<u64>, buf: &mut [u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
    }

    #[cfg(not(unix))]
    pub fn write_at(mut file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        file.seek(SeekFrom::Start(at))?;
        file.write_all(bytes)
    }

    #[cfg(not(unix))]
    pub fn read_at(mut file: &File, lock: &Mutex<u64>, buf: &mut [u8], at: u64) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let _held = lock.lock().unwrap_or_else(|e| e.into_inner());
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(buf)
    }
}

#[derive(Debug, Clone)]
enum Inner {
    Memory(String),
    Spilled { file: Arc<SpillFile>, at: u64, len: usize },
}

/// A text in memory or in a [`SpillFile`]; reading it back gives exactly what was put.
#[derive(Debug, Clone)]
pub struct Stash(Inner);

impl Default for Stash {
    fn default() -> Self {
        Stash(Inner::Memory(String::new()))
    }
}

impl From<String> for Stash {
    fn from(s: String) -> Self {
        Stash(Inner::Memory(s))
    }
}

impl Stash {
    /// The text (read from the spill file when it was set aside).
    pub fn get(&self) -> Cow<'_, str> {
        match &self.0 {
            Inner::Memory(s) => Cow::Borrowed(s),
            Inner::Spilled { file, at, len } => {
                match file.read(*at, *len) {
                    // Only valid UTF-8 was written, so this cannot fail unless the file was tampered with.
                    Ok(buf) => Cow::Owned(crate::text::utf8_owned(buf)),
                    // Marked on the file: `build` checks it and publishes nothing.
                    Err(_) => {
                        file.read_failed.store(true, Ordering::Relaxed);
                        Cow::Borrowed("")
                    }
                }
            }
        }
    }

    /// Byte length of the text.
    pub fn len(&self) -> usize {
        match &self.0 {
            Inner::Memory(s) => s.len(),
            Inner::Spilled { len, .. } => *len,
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the text into `file` when there is one (keeps it in memory otherwise).
    pub fn spill(self, file: Option<&Arc<SpillFile>>) -> Stash {
        match (self.0, file) {
            (Inner::Memory(s), Some(f)) => f.put(s),
            (inner, _) => Stash(inner),
        }
    }
}

impl PartialEq for Stash {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Inner::Memory(a), Inner::Memory(b)) => a == b,
            _ => self.len() == other.len() && self.get() == other.get(),
        }
    }
}

impl Serialize for Stash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_texts_read_back_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let f = SpillFile::new_in(dir.path()).unwrap();
        let a = f.put("Nghị quyết số 01/NQ-CP".into());
        let b = Stash::from("đầu tư công".to_string()).spill(Some(&f));
        let empty = f.put(String::new());
        assert_eq!(a.get(), "Nghị quyết số 01/NQ-CP");
        assert_eq!(b.get(), "đầu tư công");
        assert_eq!(empty.get(), "");
        assert_eq!(a, Stash::from("Nghị quyết số 01/NQ-CP".to_string()));
        assert_ne!(a, b);
        assert!(f.check().is_ok());
    }

    #[test]
    fn a_text_that_cannot_be_read_back_marks_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = SpillFile::new_in(dir.path()).unwrap();
        let lost = Stash(Inner::Spilled { file: Arc::clone(&f), at: 1 << 20, len: 10 });
        assert_eq!(lost.get(), "");
        let e = f.check().unwrap_err();
        assert!(e.to_string().contains("không đọc lại được"), "{e}");
    }
}

//! The folder a tantivy index lives in, read with positioned reads instead of memory maps: what a
//! build reads of the index (postings while exporting, segments while merging) is held only while
//! it is used, so a large site's index does not count in the build's resident memory.

use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::HasLen;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// tantivy's folder directory (writes, locks, atomic files) with reads through [`ReadFile`].
#[derive(Debug, Clone)]
pub struct FolderDirectory {
    root: PathBuf,
    inner: MmapDirectory,
}

impl FolderDirectory {
    /// The directory of an existing folder.
    pub fn open(root: &Path) -> Result<FolderDirectory, OpenDirectoryError> {
        Ok(FolderDirectory { root: root.to_path_buf(), inner: MmapDirectory::open(root)? })
    }
}

/// A file read a range at a time.
#[derive(Debug)]
pub struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        let mut buf = vec![0; range.end.saturating_sub(range.start)];
        if !buf.is_empty() {
            use std::os::unix::fs::FileExt;
            self.file.read_exact_at(&mut buf, range.start as u64)?;
        }
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for FolderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let file = File::open(&full).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
        })?;
        let len =
            file.metadata().map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))?.len()
                as usize;
        Ok(Arc::new(ReadFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

//! The last export kept beside the index (`ROOT/.cache/banhanh/search-export/`), so a build whose
//! index did not change writes the same files again without computing them.

use super::Written;
use crate::output::file::{OutputFile, Put};
use crate::search::index::SearchIndex;
use std::path::{Path, PathBuf};

const STAMP: &str = "export.txt";

/// What an export depends on: the format, the index's segments and deletions (ids unique to each
/// commit), and the page count (the file budget).
pub fn key(index: &SearchIndex, pages: usize) -> String {
    let mut parts = vec![format!("{} {pages}", super::VERSION)];
    if let Ok(metas) = index.index.searchable_segment_metas() {
        let mut ids: Vec<String> = metas
            .iter()
            .map(|m| format!("{}:{:?}", m.id().uuid_string(), m.delete_opstamp()))
            .collect();
        ids.sort();
        parts.extend(ids);
    }
    format!("{:08x}", super::fnv1a(&parts.join("\n")))
}

/// Puts the kept files again when they were made for `key`; returns what the export wrote.
pub fn replay(dir: &Path, key: &str, put: &Put<'_>) -> std::io::Result<Option<Written>> {
    let Ok(stamp) = std::fs::read_to_string(dir.join(STAMP)) else { return Ok(None) };
    let mut lines = stamp.lines();
    if lines.next() != Some(key) {
        return Ok(None);
    }
    let (Some(id), Some(dict), Some(heads)) = (lines.next(), lines.next(), lines.next()) else {
        return Ok(None);
    };
    let Ok(dict) = dict.parse() else { return Ok(None) };
    let files = dir.join("files");
    for e in walkdir::WalkDir::new(&files).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&files).unwrap_or(e.path());
            let path = format!("search/{}", rel.to_string_lossy().replace('\\', "/"));
            put(OutputFile::site_file(path, std::fs::read(e.path())?))?;
        }
    }
    Ok(Some(Written { id: id.to_string(), dict, heads: heads == "true" }))
}

/// Keeps each file an export puts, in a folder that replaces the kept export once it is complete.
pub struct Keeper {
    dir: PathBuf,
    staged: tempfile::TempDir,
}

impl Keeper {
    /// A new, empty export to keep in `dir`.
    pub fn new(dir: &Path) -> std::io::Result<Keeper> {
        let parent = dir.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent)?;
        let staged = tempfile::Builder::new().prefix(".search-export.new-").tempdir_in(parent)?;
        Ok(Keeper { dir: dir.to_path_buf(), staged })
    }

    /// Keeps a copy of `file` (a `search/…` output file).
    pub fn keep(&self, file: &OutputFile) -> std::io::Result<()> {
        let rel = file.path.strip_prefix("search/").unwrap_or(&file.path);
        let to = self.staged.path().join("files").join(rel);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(to, &file.bytes)
    }

    /// Makes the kept export the one for `key`.
    pub fn commit(self, key: &str, w: &Written) -> std::io::Result<()> {
        let stamp = format!("{key}\n{}\n{}\n{}\n", w.id, w.dict, w.heads);
        std::fs::write(self.staged.path().join(STAMP), stamp)?;
        let staged = self.staged.keep();
        if self.dir.exists() {
            std::fs::remove_dir_all(&self.dir)?;
        }
        std::fs::rename(&staged, &self.dir)
    }
}

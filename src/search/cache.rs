//! The index the last build left in `ROOT/.cache/banhanh/search/`, and when it is still valid.

use super::export;
use super::index::{self, SearchIndex};
use crate::data::Catalog;
use std::path::{Path, PathBuf};

/// Folder of the cached index of a site.
pub fn dir(root: &Path) -> PathBuf {
    root.join(".cache").join("banhanh").join("search")
}

const STAMP: &str = "fingerprint.txt";

/// A fingerprint of everything the index depends on: content files (path, size, mtime), `site.yaml`, program version.
pub fn fingerprint(root: &Path) -> String {
    let mut parts = vec![format!("{} {}", env!("CARGO_PKG_VERSION"), export::VERSION)];
    let mut add = |p: &Path| {
        if let Ok(m) = std::fs::metadata(p) {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            parts.push(format!("{}\t{}\t{mtime}", p.display(), m.len()));
        }
    };
    add(&root.join("site.yaml"));
    for e in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        add(e.path());
    }
    format!("{:08x}", export::fnv1a(&parts.join("\n")))
}

/// Keeps the `search/` folder a build wrote to `out` (hard links, copies where links fail) with the
/// fingerprint it was built from, replacing the previous cache.
pub fn store(root: &Path, out: &Path, fingerprint: &str) -> std::io::Result<()> {
    let dir = dir(root);
    let parent = dir.parent().unwrap_or(root);
    std::fs::create_dir_all(parent)?;
    let tmp = tempfile::Builder::new().prefix(".search.new-").tempdir_in(parent)?;
    let src = out.join("search");
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = e.path().strip_prefix(&src).unwrap_or(e.path());
        let to = tmp.path().join(rel);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        if std::fs::hard_link(e.path(), &to).is_err() {
            std::fs::copy(e.path(), &to)?;
        }
    }
    std::fs::write(tmp.path().join(STAMP), fingerprint)?;
    let staged = tmp.keep();
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::rename(&staged, &dir)
}

/// Where the index used by a search came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The cache the last build left.
    Cache,
    /// Built in memory (no cache, or content changed since).
    Fresh,
}

/// The site's index: the cached one when it is up to date, else built in memory from `content/`.
pub fn open(root: &Path, catalog: &Catalog) -> (SearchIndex, Origin) {
    let d = dir(root);
    let fresh = std::fs::read_to_string(d.join(STAMP)).is_ok_and(|s| s.trim() == fingerprint(root));
    if fresh && let Ok(idx) = export::load(&d) {
        return (idx, Origin::Cache);
    }
    let loaded = crate::load(root, catalog, crate::LoadOptions::default());
    (index::build(&loaded.site), Origin::Fresh)
}

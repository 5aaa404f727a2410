//! The index the last build left in `ROOT/.cache/banhanh/search/`, and when it is still valid.

use super::export;
use super::index::{self, SearchIndex};
use crate::data::Catalog;
use crate::render::OutputFile;
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
            let mtime = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
            parts.push(format!("{}\t{}\t{mtime}", p.display(), m.len()));
        }
    };
    add(&root.join("site.yaml"));
    for e in walkdir::WalkDir::new(root.join("content")).sort_by_file_name().into_iter().filter_map(Result::ok) {
        add(e.path());
    }
    format!("{:08x}", export::fnv1a(&parts.join("\n")))
}

/// Saves the build's `search/` files and the fingerprint they were built from (replacing the old cache).
pub fn store(root: &Path, files: &[OutputFile], fingerprint: &str) -> std::io::Result<()> {
    let mut cached: Vec<OutputFile> = files
        .iter()
        .filter_map(|f| f.path.strip_prefix("search/").map(|p| OutputFile { path: p.to_string(), bytes: f.bytes.clone() }))
        .collect();
    cached.push(OutputFile { path: STAMP.into(), bytes: fingerprint.as_bytes().to_vec() });
    crate::output::write::write_atomic(&dir(root), &cached)
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
    let loaded = crate::load(root, None, catalog);
    (index::build(&loaded.site), Origin::Fresh)
}

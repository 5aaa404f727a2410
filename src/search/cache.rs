//! The index the last build left in `ROOT/.cache/banhanh/search/`, and when it is still valid.

use super::index::{self, SearchIndex};
use crate::model::Site;
use std::path::Path;

/// File in the index folder naming the content the index was last brought up to date with.
const STAMP: &str = "fingerprint.txt";

/// A fingerprint of everything the index depends on: content files (path, size, mtime),
/// `site.yaml`, program version.
pub fn fingerprint(root: &Path) -> String {
    let mut parts = vec![format!("{} {}", env!("CARGO_PKG_VERSION"), super::export::VERSION)];
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
    format!("{:08x}", super::export::fnv1a(&parts.join("\n")))
}

/// Records that the index in the cache folder holds the content `fingerprint` names, when this
/// build brought it up to date (a build that could not write it used an index in memory).
pub fn store(root: &Path, fingerprint: &str) -> std::io::Result<()> {
    let dir = crate::folders::search_index(root);
    if index::synced(&dir) {
        std::fs::write(dir.join(STAMP), fingerprint)?;
    }
    Ok(())
}

/// Where the index used by a search came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The cache the last build left.
    Cache,
    /// Brought up to date from `content/` first (no cache, or content changed since).
    Fresh,
}

/// The site's index: the cached one when it is up to date, else the cache brought up to date
/// from the site `load` reads (only what changed is indexed again).
pub fn open(root: &Path, load: impl FnOnce() -> Site) -> (SearchIndex, Origin) {
    let d = crate::folders::search_index(root);
    let fingerprint = fingerprint(root);
    let fresh = std::fs::read_to_string(d.join(STAMP)).is_ok_and(|s| s.trim() == fingerprint);
    if fresh && let Ok(idx) = SearchIndex::open(&d) {
        return (idx, Origin::Cache);
    }
    let idx = index::sync(&load());
    store(root, &fingerprint).ok();
    (idx, Origin::Fresh)
}

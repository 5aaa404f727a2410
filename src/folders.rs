//! The folders a site keeps beside its content and never publishes: `ROOT/.cache/banhanh/` and
//! what lives in it.

use std::path::{Path, PathBuf};

/// The site's cache folder, `ROOT/.cache/banhanh/` (safe to delete: the next build remakes it).
pub fn cache(root: &Path) -> PathBuf {
    root.join(".cache").join("banhanh")
}

/// The search index of the site's documents, as the last build wrote it (for `banhanh search`).
pub fn search_index(root: &Path) -> PathBuf {
    cache(root).join("search")
}

/// What `check --external` learnt of external links, by URL.
pub fn external_links(root: &Path) -> PathBuf {
    cache(root).join("external-links.json")
}

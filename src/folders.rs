//! The folders a site keeps beside its content and never publishes: `ROOT/.cache/banhanh/` and
//! what lives in it.

use std::path::{Path, PathBuf};

/// The site's cache folder, `ROOT/.cache/banhanh/` (safe to delete: the next build remakes it).
pub fn cache(root: &Path) -> PathBuf {
    root.join(".cache").join("banhanh")
}

/// The tantivy index of the site's documents.
pub fn search_index(root: &Path) -> PathBuf {
    cache(root).join("search")
}

/// The last static search index exported, kept to be written again when nothing changed.
pub fn search_export(root: &Path) -> PathBuf {
    cache(root).join("search-export")
}

/// What `check --external` learnt of external links, by URL.
pub fn external_links(root: &Path) -> PathBuf {
    cache(root).join("external-links.json")
}

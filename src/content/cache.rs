//! Parsed and rendered documents kept between builds, keyed by source path and content hash.

use super::Source;
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::markdown::citations::CitationFinder;
use crate::model::Document;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::SystemTime;

/// What parsing one file gave: an unlinked document (body rendered, path not yet set) or its errors.
pub type ParseResult = Result<Document, Vec<Diagnostic>>;

struct Entry {
    hash: u64,
    stamp: Option<(SystemTime, u64)>,
    result: ParseResult,
}

/// Results of parsing content files, reused while a file's bytes stay the same.
#[derive(Default)]
pub struct ParseCache {
    entries: HashMap<String, Entry>,
    /// Base path the cached bodies were rendered with (links in bodies depend on it).
    base_path: String,
    /// Files to re-read even if their size and modification time look unchanged.
    dirty: BTreeSet<String>,
    finder: Option<Arc<CitationFinder>>,
    /// What the last `discover` found, reused while only known files change.
    discovered: Option<(Vec<Source>, Vec<Diagnostic>)>,
}

/// What `ParseCache::resolve` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheStats {
    /// Sources whose bytes changed (or were new) and were parsed again.
    pub parsed: Vec<String>,
    /// Sources that disappeared since the last build.
    pub removed: Vec<String>,
}

impl ParseCache {
    /// Marks a file (path relative to the site root) to be read again on the next build.
    pub fn invalidate(&mut self, rel: &str) {
        self.dirty.insert(rel.to_string());
    }

    /// The citation pattern for `catalog`, compiled once per cache.
    pub fn finder(&mut self, catalog: &Catalog) -> Arc<CitationFinder> {
        self.finder.get_or_insert_with(|| Arc::new(CitationFinder::new(catalog))).clone()
    }

    /// The content files of `root`: walks `content/` again unless the only changes are edits of files
    /// already known (the list cannot have changed then).
    pub fn discover(&mut self, root: &std::path::Path) -> (Vec<Source>, Vec<Diagnostic>) {
        if let Some((sources, ds)) = &self.discovered
            && !self.dirty.is_empty()
            && self.dirty.iter().all(|d| sources.iter().any(|s| s.rel == *d && s.abs.is_file()))
        {
            return (sources.clone(), ds.clone());
        }
        let found = super::discover(root);
        self.discovered = Some(found.clone());
        found
    }

    /// Forgets everything (after a change that affects every body, such as the base path).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.dirty.clear();
        self.discovered = None;
    }

    /// Returns the parse result of every source, parsing only files that are new or whose bytes changed.
    pub fn resolve(
        &mut self,
        sources: &[Source],
        base_path: &str,
        parse: impl Fn(&Source, &[u8]) -> ParseResult + Sync,
    ) -> (Vec<ParseResult>, CacheStats) {
        use rayon::prelude::*;
        if self.base_path != base_path {
            self.clear();
            self.base_path = base_path.to_string();
        }
        let dirty = std::mem::take(&mut self.dirty);
        let entries = &self.entries;
        // Decide per file: reuse (None) or the fresh entry.
        let fresh: Vec<Option<Entry>> = sources
            .par_iter()
            .map(|s| {
                let stamp = stamp(s);
                if let Some(e) = entries.get(&s.rel)
                    && !dirty.contains(&s.rel)
                    && stamp.is_some()
                    && e.stamp == stamp
                {
                    return None;
                }
                let bytes = match std::fs::read(&s.abs) {
                    Ok(b) => b,
                    Err(e) => {
                        let d = Diagnostic::error(&s.rel, 0, 0, format!("không đọc được tệp: {e}"));
                        return Some(Entry { hash: 0, stamp: None, result: Err(vec![d]) });
                    }
                };
                let hash = hash_bytes(&bytes);
                if let Some(e) = entries.get(&s.rel)
                    && e.hash == hash
                    && e.stamp.is_some()
                {
                    return Some(Entry { hash, stamp, result: e.result.clone() });
                }
                Some(Entry { hash, stamp, result: parse(s, &bytes) })
            })
            .collect();
        let mut stats = CacheStats::default();
        let live: BTreeSet<&str> = sources.iter().map(|s| s.rel.as_str()).collect();
        stats.removed =
            self.entries.keys().filter(|k| !live.contains(k.as_str())).cloned().collect();
        stats.removed.sort();
        self.entries.retain(|k, _| live.contains(k.as_str()));
        for (s, f) in sources.iter().zip(fresh) {
            if let Some(entry) = f {
                let changed = self
                    .entries
                    .get(&s.rel)
                    .is_none_or(|old| old.hash != entry.hash || entry.hash == 0);
                if changed {
                    stats.parsed.push(s.rel.clone());
                }
                self.entries.insert(s.rel.clone(), entry);
            }
        }
        let entries = &self.entries;
        let results = sources.par_iter().map(|s| entries[&s.rel].result.clone()).collect();
        (results, stats)
    }
}

fn stamp(s: &Source) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(&s.abs).ok()?;
    Some((m.modified().ok()?, m.len()))
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    fn parse_stub(s: &Source, bytes: &[u8]) -> ParseResult {
        Err(vec![Diagnostic::error(&s.rel, 1, 1, String::from_utf8_lossy(bytes).into_owned())])
    }

    fn sources(dir: &std::path::Path) -> Vec<Source> {
        let mut v: Vec<Source> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| Source {
                rel: format!("content/{}", e.file_name().to_string_lossy()),
                abs: e.path(),
            })
            .collect();
        v.sort_by(|a, b| a.rel.cmp(&b.rel));
        v
    }

    #[test]
    fn parses_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "a").unwrap();
        std::fs::write(dir.path().join("b.md"), "b").unwrap();
        let mut cache = ParseCache::default();
        let (results, stats) = cache.resolve(&sources(dir.path()), "/", parse_stub);
        assert_eq!(stats.parsed, vec!["content/a.md", "content/b.md"]);
        assert_eq!(results[1].as_ref().unwrap_err()[0].message, "b");

        let (_, stats) = cache.resolve(&sources(dir.path()), "/", parse_stub);
        assert!(stats.parsed.is_empty() && stats.removed.is_empty());

        std::fs::write(dir.path().join("b.md"), "b2").unwrap();
        cache.invalidate("content/b.md");
        cache.invalidate("content/a.md");
        let (results, stats) = cache.resolve(&sources(dir.path()), "/", parse_stub);
        assert_eq!(
            stats.parsed,
            vec!["content/b.md"],
            "a.md was re-read but its bytes did not change"
        );
        assert_eq!(results[1].as_ref().unwrap_err()[0].message, "b2");

        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        let (results, stats) = cache.resolve(&sources(dir.path()), "/", parse_stub);
        assert_eq!((results.len(), stats.removed), (1, vec!["content/a.md".to_string()]));

        let (_, stats) = cache.resolve(&sources(dir.path()), "/ct/", parse_stub);
        assert_eq!(stats.parsed, vec!["content/b.md"], "a new base path re-renders every body");
    }

    #[test]
    fn walks_content_again_only_when_the_list_may_have_changed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "a").unwrap();
        let mut cache = ParseCache::default();
        assert_eq!(cache.discover(dir.path()).0.len(), 1);
        std::fs::write(dir.path().join("content/b.md"), "b").unwrap();
        cache.invalidate("content/a.md");
        assert_eq!(cache.discover(dir.path()).0.len(), 1, "only a known file was reported changed");
        cache.invalidate("content/b.md");
        assert_eq!(cache.discover(dir.path()).0.len(), 2, "an unknown path means a new walk");
        std::fs::remove_file(dir.path().join("content/a.md")).unwrap();
        cache.dirty.clear();
        cache.invalidate("content/a.md");
        assert_eq!(
            cache.discover(dir.path()).0.len(),
            1,
            "a known file that is gone means a new walk"
        );
    }
}

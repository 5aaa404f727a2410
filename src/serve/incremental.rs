//! What to rebuild after a change: re-parse changed files, re-link, and re-render only the pages whose data changed.

use super::watch::Changes;
use crate::content::cache::ParseCache;
use crate::data::Catalog;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::links;
use crate::render::page::Page;
use crate::render::templates::{self, Theme};
use crate::render::views::Views;
use crate::render::{self, OutputFile};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The files of the site as served, by output path (`vinh-long/index.html`).
pub type Files = HashMap<String, Arc<[u8]>>;

/// A successful rebuild.
#[derive(Debug, Default)]
pub struct Update {
    /// Source files read and parsed again.
    pub parsed: Vec<String>,
    /// Source files that disappeared.
    pub removed_sources: Vec<String>,
    /// Output files whose bytes changed or that are new.
    pub changed: Vec<String>,
    /// Output files no longer part of the site.
    pub removed: Vec<String>,
    /// Pages rendered (templates run), out of `pages_total`.
    pub pages_rendered: usize,
    /// Pages the site has.
    pub pages_total: usize,
    /// Published documents.
    pub documents: usize,
    /// Warnings of this build (content that builds but deserves a look).
    pub warnings: Diagnostics,
    /// Time from the change to the new files being ready.
    pub elapsed: Duration,
}

/// Why a rebuild failed: the same text `check` prints.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Every diagnostic and a summary line, as `check` prints them.
    pub message: String,
    /// Time the failed rebuild took.
    pub elapsed: Duration,
}

/// Keeps what the last good build produced, so the next one redoes only what changed.
pub struct Incremental {
    root: PathBuf,
    base_url: Option<String>,
    catalog: Catalog,
    cache: ParseCache,
    theme: Option<Theme>,
    files: Files,
    /// `id`s of each served HTML file, for `#anchor` checks.
    anchors: HashMap<String, BTreeSet<String>>,
    /// Output paths of the whole-site files (`render::site_files`) last generated.
    site_file_paths: BTreeSet<String>,
    /// Every page of the last good build (body-only edits swap their pages in), and where each is.
    pages: Vec<Page>,
    page_index: HashMap<String, usize>,
    /// The last good linked site, to tell body-only edits from changes that reach other pages.
    prev: Option<Site>,
}

impl Incremental {
    /// An empty state for the site at `root`; the first `rebuild` builds everything.
    pub fn new(root: PathBuf, base_url: Option<String>, catalog: Catalog) -> Self {
        Incremental {
            root,
            base_url,
            catalog,
            cache: ParseCache::default(),
            theme: None,
            files: Files::new(),
            anchors: HashMap::new(),
            site_file_paths: BTreeSet::new(),
            pages: Vec::new(),
            page_index: HashMap::new(),
            prev: None,
        }
    }

    /// The files of the last good build.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Rebuilds after `changes`; on failure the last good files stay as they were.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Failure> {
        let start = Instant::now();
        let fail = |message: String| Failure { message, elapsed: start.elapsed() };
        for c in &changes.content {
            self.cache.invalidate(c);
        }
        if changes.theme || changes.config {
            self.theme = None;
        }
        // 1. Parse what changed, link everything (cheap), stop at the first content error.
        let (loaded, stats) = crate::load_cached(
            &self.root,
            self.base_url.as_deref(),
            &self.catalog,
            &mut self.cache,
        );
        if loaded.diagnostics.has_errors() {
            return Err(fail(failure_text(&loaded.diagnostics)));
        }
        let site = &loaded.site;
        let fresh_theme = self.theme.is_none();
        if fresh_theme {
            let theme = templates::load(&self.root, site.config.theme.as_deref())
                .map_err(|e| fail(format!("lỗi: {e}\n")))?;
            self.theme = Some(theme);
        }
        let theme = self.theme.as_ref().expect("theme loaded above");
        // 2. Which pages may differ, and which of them really do.
        let views = Views::new(site, &self.catalog);
        // When no title, date, number, link or hub changed, only the pages of edited bodies can differ.
        let body_only =
            matches!(&self.prev, Some(prev) if !fresh_theme && same_structure(prev, site));
        let work: Vec<Page> = match &self.prev {
            Some(prev) if body_only => {
                render::pages::document_pages(&views, &edited_bodies(prev, site))
            }
            _ => render::pages::pages(&views),
        };
        let stale: Vec<&Page> = work
            .par_iter()
            .filter(|p| {
                fresh_theme
                    || self.page_index.get(&p.path).is_none_or(|&i| !same_page(&self.pages[i], p))
            })
            .collect();
        let pages_rendered = stale.len();
        // 3. Render those; whole-site files (sitemap, hooks) when anything changed.
        let mut out = render::render_pages(site, &self.catalog, theme, &stale)
            .map_err(|e| fail(format!("lỗi: {e}\n")))?;
        if fresh_theme {
            out.extend(render::asset_files(theme));
        }
        // Whole-site files see every page: the new set, or the last one with the edited pages swapped in.
        let mut swapped: Vec<(usize, Page)> = Vec::new();
        if body_only {
            for p in &work {
                if let Some(&i) = self.page_index.get(&p.path) {
                    swapped.push((i, std::mem::replace(&mut self.pages[i], p.clone())));
                }
            }
        }
        let all: &[Page] = if body_only { &self.pages } else { &work };
        let mut site_file_paths = self.site_file_paths.clone();
        if pages_rendered > 0 || fresh_theme {
            let whole =
                render::site_files(site, &self.catalog, all.iter().map(|p| p.path.as_str()));
            site_file_paths = whole.iter().map(|f| f.path.clone()).collect();
            out.extend(whole);
        }
        let live: BTreeSet<String> = all
            .iter()
            .map(|p| render::file_for(&p.path))
            .chain(theme.assets.keys().cloned())
            .chain(site_file_paths.iter().cloned())
            .collect();
        // 4. What the served site gains and loses; links of changed pages must resolve.
        let removed: Vec<String> =
            self.files.keys().filter(|p| !live.contains(*p)).cloned().collect();
        let changed: Vec<OutputFile> = out
            .into_iter()
            .filter(|f| self.files.get(&f.path).is_none_or(|old| **old != *f.bytes))
            .collect();
        let added_paths = changed.iter().any(|f| !self.files.contains_key(&f.path));
        if let Err(message) =
            self.check_links(site, &changed, &live, added_paths || !removed.is_empty())
        {
            for (i, old) in swapped {
                self.pages[i] = old;
            }
            return Err(fail(message));
        }

        // 5. Commit: the new build is good.
        for r in &removed {
            self.files.remove(r);
            self.anchors.remove(r);
        }
        let update = Update {
            parsed: stats.parsed,
            removed_sources: stats.removed,
            changed: changed.iter().map(|f| f.path.clone()).collect(),
            removed,
            pages_rendered,
            pages_total: if body_only { self.pages.len() } else { work.len() },
            documents: site.documents.len(),
            warnings: loaded.diagnostics.clone(),
            elapsed: Duration::ZERO,
        };
        for f in changed {
            if f.path.ends_with(".html") {
                self.anchors
                    .insert(f.path.clone(), links::anchors(&crate::text::utf8_lossy(&f.bytes)));
            }
            self.files.insert(f.path, f.bytes.into());
        }
        self.site_file_paths = site_file_paths;
        let mut old_pages = Vec::new();
        if !body_only {
            self.page_index = work.iter().enumerate().map(|(i, p)| (p.path.clone(), i)).collect();
            old_pages = std::mem::replace(&mut self.pages, work);
        }
        let old_site = self.prev.replace(loaded.site);
        // Freeing the previous build's pages and documents takes a while: not on the editor's time.
        rayon::spawn(move || drop((old_pages, old_site)));
        Ok(Update { elapsed: start.elapsed(), ..update })
    }

    /// Checks the links of the changed pages (of every page when files appeared or disappeared).
    fn check_links(
        &self,
        site: &Site,
        changed: &[OutputFile],
        live: &BTreeSet<String>,
        everything: bool,
    ) -> Result<(), String> {
        let new_ids: HashMap<&str, BTreeSet<String>> = changed
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| (f.path.as_str(), links::anchors(&crate::text::utf8_lossy(&f.bytes))))
            .collect();
        let ids = |p: &str| new_ids.get(p).or_else(|| self.anchors.get(p));
        let exists = |p: &str| live.contains(p);
        let base = &site.config.base_path;
        let mut broken: Vec<links::BrokenLink> = changed
            .iter()
            .flat_map(|f| links::check_file(&f.path, &f.bytes, base, &exists, &ids))
            .collect();
        if everything {
            let changed_paths: BTreeSet<&str> = changed.iter().map(|f| f.path.as_str()).collect();
            for (path, bytes) in self
                .files
                .iter()
                .filter(|(p, _)| live.contains(*p) && !changed_paths.contains(p.as_str()))
            {
                broken.extend(links::check_file(path, bytes, base, &exists, &ids));
            }
        }
        if broken.is_empty() {
            return Ok(());
        }
        let mut ds = Diagnostics::default();
        ds.extend(links::diagnostics(site, &broken));
        ds.sort();
        Err(failure_text(&ds))
    }
}

/// Whether two builds have the same documents, metadata, links and hubs (so lists and hubs are unchanged).
fn same_structure(a: &Site, b: &Site) -> bool {
    a.documents.len() == b.documents.len()
        && a.documents
            .iter()
            .zip(&b.documents)
            .all(|(x, y)| x.path == y.path && x.source == y.source && x.meta == y.meta)
        && a.links == b.links
        && a.hubs == b.hubs
}

/// Indices of documents whose rendered body or table of contents changed.
fn edited_bodies(prev: &Site, site: &Site) -> Vec<usize> {
    (0..site.documents.len())
        .filter(|&i| {
            site.documents[i].body.html != prev.documents[i].body.html
                || site.documents[i].body.headings != prev.documents[i].body.headings
        })
        .collect()
}

/// The text shown in the terminal and the browser overlay for failed content: every diagnostic, then a summary.
pub fn failure_text(ds: &Diagnostics) -> String {
    format!(
        "{ds}Dừng lại: {} lỗi, {} cảnh báo; trang đang xem là bản dựng tốt gần nhất.\n",
        ds.error_count(),
        ds.warning_count()
    )
}

/// Site path of an output file: `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`.
pub fn url_for(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{file}"),
    }
}

/// Whether two versions of a page would render the same HTML (same theme and settings assumed).
fn same_page(a: &Page, b: &Page) -> bool {
    a.path == b.path
        && a.template == b.template
        && a.title == b.title
        && a.breadcrumbs.len() == b.breadcrumbs.len()
        && a.breadcrumbs.iter().zip(&b.breadcrumbs).all(|(x, y)| {
            x.label == y.label && x.url == y.url && x.count == y.count && x.note == y.note
        })
        && a.data == b.data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_files() {
        assert_eq!(url_for("index.html"), "/");
        assert_eq!(url_for("vinh-long/2024/17-ct-ubnd/index.html"), "/vinh-long/2024/17-ct-ubnd/");
        assert_eq!(url_for("404.html"), "/404.html");
        assert_eq!(url_for("static/style.css"), "/static/style.css");
    }
}

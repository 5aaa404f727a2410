//! What to rebuild after a change: re-parse changed files, re-link, and re-render only the pages whose data changed.

use super::watch::Changes;
use crate::content::cache::ParseCache;
use crate::data::Catalog;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::file::{Origin, OutputFile, collect};
use crate::output::links;
use crate::render;
use crate::render::page::Page;
use crate::render::templates::{self, Theme, ThemeError};
use crate::render::views::Views;
use crate::urls;
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

/// What rendering a rebuild made, before it is checked and committed.
struct Rendered {
    /// Files rendered (pages that differ, whole-site files, theme files).
    out: Vec<OutputFile>,
    /// Every output file of the new build.
    live: BTreeSet<String>,
    /// Kept pages replaced by edited ones (position, old page), to put back if the rebuild fails.
    swapped: Vec<(usize, Page)>,
    /// Output paths of the whole-site files.
    site_file_paths: BTreeSet<String>,
    /// Every page of the new build, when all were made (not only edited documents').
    work: Option<Vec<Page>>,
    /// How many pages went through their templates.
    pages_rendered: usize,
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
    /// What made each served file, for reporting its broken links where they were written.
    origins: HashMap<String, Origin>,
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
            origins: HashMap::new(),
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
        let opts = crate::LoadOptions {
            base_url: self.base_url.as_deref(),
            spill: None,
            cache: Some(&mut self.cache),
            progress: None,
        };
        let loaded = crate::load(&self.root, &self.catalog, opts);
        if loaded.diagnostics.has_errors() {
            return Err(fail(failure_text(&loaded.diagnostics)));
        }
        let fresh_theme = self.theme.is_none();
        if fresh_theme {
            let theme = templates::load(&self.root, loaded.site.config.theme.as_deref())
                .map_err(|e| fail(format!("lỗi: {e}\n")))?;
            self.theme = Some(theme);
        }
        // 2. Render the pages that may differ and do; whole-site files when anything changed.
        let rendered =
            self.render(&loaded.site, fresh_theme).map_err(|e| fail(format!("lỗi: {e}\n")))?;
        // 3. What the served site gains and loses; links of changed pages must resolve.
        let removed: Vec<String> =
            self.files.keys().filter(|p| !rendered.live.contains(*p)).cloned().collect();
        let changed: Vec<OutputFile> = rendered
            .out
            .into_iter()
            .filter(|f| self.files.get(&f.path).is_none_or(|old| **old != *f.bytes))
            .collect();
        let added_paths = changed.iter().any(|f| !self.files.contains_key(&f.path));
        let everything = added_paths || !removed.is_empty();
        if let Err(message) = self.check_links(&loaded.site, &changed, &rendered.live, everything) {
            for (i, old) in rendered.swapped {
                self.pages[i] = old;
            }
            return Err(fail(message));
        }
        // 4. Commit: the new build is good.
        let update = Update {
            parsed: loaded.stats.parsed.clone(),
            removed_sources: loaded.stats.removed.clone(),
            changed: changed.iter().map(|f| f.path.clone()).collect(),
            removed,
            pages_rendered: rendered.pages_rendered,
            pages_total: rendered.work.as_ref().map_or(self.pages.len(), Vec::len),
            documents: loaded.site.documents.len(),
            warnings: loaded.diagnostics.clone(),
            elapsed: Duration::ZERO,
        };
        self.commit(&update.removed, changed, rendered.site_file_paths, rendered.work, loaded.site);
        Ok(Update { elapsed: start.elapsed(), ..update })
    }

    /// Renders the pages of `site` that differ from the last good build, and the whole-site files
    /// when any did. When no title, date, number, link or hub changed, only the edited documents'
    /// own pages are even made (and swapped into the kept pages).
    fn render(&mut self, site: &Site, fresh_theme: bool) -> Result<Rendered, ThemeError> {
        let theme = self.theme.as_ref().expect("theme loaded before rendering");
        let views = Views::new(site, &self.catalog);
        let plan = render::plan::plan(&views);
        let body_only =
            matches!(&self.prev, Some(prev) if !fresh_theme && same_structure(prev, site));
        let work: Vec<Page> = match &self.prev {
            Some(prev) if body_only => plan.documents(&views, &edited_bodies(prev, site)),
            _ => plan.all(&views),
        };
        let stale: Vec<&Page> = work
            .par_iter()
            .filter(|p| {
                fresh_theme || self.page_index.get(&p.path).is_none_or(|&i| self.pages[i] != **p)
            })
            .collect();
        let pages_rendered = stale.len();
        let mut out: Vec<OutputFile> = stale
            .par_iter()
            .map(|p| render::render_page(site, &self.catalog, theme, p))
            .collect::<Result<_, _>>()?;
        if fresh_theme {
            out.extend(render::asset_files(theme));
        }
        // Whole-site files see every page: the new set, or the kept one with the edited pages swapped in.
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
            let paths = all.iter().map(|p| p.path.as_str());
            let whole =
                collect(|put| render::site_files(site, &self.catalog, paths, put).map(drop))
                    .expect("collecting in memory cannot fail");
            site_file_paths = whole.iter().map(|f| f.path.clone()).collect();
            out.extend(whole);
        }
        let live: BTreeSet<String> = all
            .iter()
            .map(|p| urls::file_for(&p.path))
            .chain(theme.assets.keys().cloned())
            .chain(site_file_paths.iter().cloned())
            .collect();
        let work = (!body_only).then_some(work);
        Ok(Rendered { out, live, swapped, site_file_paths, work, pages_rendered })
    }

    /// Makes a good rebuild the served one: its files, its pages (when all were made) and its site.
    fn commit(
        &mut self,
        removed: &[String],
        changed: Vec<OutputFile>,
        site_file_paths: BTreeSet<String>,
        work: Option<Vec<Page>>,
        site: Site,
    ) {
        for r in removed {
            self.files.remove(r);
            self.anchors.remove(r);
            self.origins.remove(r);
        }
        for f in changed {
            if f.path.ends_with(".html") {
                self.anchors
                    .insert(f.path.clone(), links::anchors(&crate::text::utf8_lossy(&f.bytes)));
            }
            self.origins.insert(f.path.clone(), f.origin);
            self.files.insert(f.path, f.bytes.into());
        }
        self.site_file_paths = site_file_paths;
        let mut old_pages = Vec::new();
        if let Some(work) = work {
            self.page_index = work.iter().enumerate().map(|(i, p)| (p.path.clone(), i)).collect();
            old_pages = std::mem::replace(&mut self.pages, work);
        }
        let old_site = self.prev.replace(site);
        // Freeing the previous build's pages and documents takes a while: not on the editor's time.
        rayon::spawn(move || drop((old_pages, old_site)));
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
        let mut broken: Vec<links::BrokenLink> =
            changed.iter().flat_map(|f| links::check_file(f, base, &exists, &ids)).collect();
        if everything {
            let changed_paths: BTreeSet<&str> = changed.iter().map(|f| f.path.as_str()).collect();
            for (path, bytes) in self
                .files
                .iter()
                .filter(|(p, _)| live.contains(*p) && !changed_paths.contains(p.as_str()))
            {
                let origin = self.origins.get(path).copied().unwrap_or(Origin::SiteFile);
                let file = OutputFile { path: path.clone(), bytes: bytes.to_vec(), origin };
                broken.extend(links::check_file(&file, base, &exists, &ids));
            }
        }
        if broken.is_empty() {
            return Ok(());
        }
        let mut ds = Diagnostics::default();
        ds.extend(crate::output::broken::diagnostics(site, &broken));
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

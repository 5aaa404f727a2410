//! banhanh: a static site generator for Vietnamese provinces' action programmes.
//!
//! The build is one pipeline, a module per stage:
//! [`content`] (discover, frontmatter) → [`markdown`] → [`link`] → [`render`] → [`output`];
//! the search index ([`search`]) is made from the same linked site. [`load`] runs the first
//! stages, [`build`] and [`check`] the whole pipeline.

pub mod chart;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod folders;
pub mod import;
pub mod link;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod stash;
pub mod text;
pub mod timing;
pub mod tracker;
pub mod urls;

use content::cache::{CacheStats, ParseCache, ParseResult};
use data::Catalog;
use diagnostics::{Diagnostic, Diagnostics};
use markdown::MarkdownRenderer;
use model::{Site, SiteConfig};
use output::file::OutputFile;
use output::links::PageLinks;
use progress::{Progress, Stage};
use stash::SpillFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use timing::timing;

/// Why a build or check failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Errors in the content (or broken links), every one of them.
    #[error("{} lỗi trong nội dung", .0.error_count())]
    Content(Diagnostics),
    /// The theme could not be loaded or a template failed.
    #[error(transparent)]
    Theme(#[from] render::templates::ThemeError),
    /// The output (or the scratch file beside it) could not be written.
    #[error("không ghi được thư mục kết quả {path}: {source}")]
    Write {
        /// Folder being written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// A loaded, linked site and what was noticed on the way.
pub struct Loaded {
    /// The linked site.
    pub site: Site,
    /// Warnings (and errors, when the site is not buildable).
    pub diagnostics: Diagnostics,
    /// Documents left out because they are marked `draft: true`.
    pub drafts: usize,
    /// With a parse cache: which files were parsed again and which disappeared.
    pub stats: CacheStats,
}

/// How [`load`] reads a site.
#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Base URL overriding `site.yaml`'s.
    pub base_url: Option<&'a str>,
    /// Scratch file each body's HTML and text are set aside in as soon as they are rendered, so
    /// memory holds only metadata and links (`build`, `check`).
    pub spill: Option<&'a Arc<SpillFile>>,
    /// Parsed files kept from the last load: only files whose bytes changed are parsed (`serve`).
    pub cache: Option<&'a mut ParseCache>,
    /// Told of each file read.
    pub progress: Option<&'a dyn Progress>,
}

/// Stages 1–4: discover, parse and validate, render Markdown, link. Reports every content error.
pub fn load(root: &Path, catalog: &Catalog, mut opts: LoadOptions<'_>) -> Loaded {
    let mut diagnostics = Diagnostics::default();
    let config = site_config(root, opts.base_url, catalog, &mut diagnostics);
    let t = Instant::now();
    let progress = opts.progress.unwrap_or(&());
    let finder = match &mut opts.cache {
        Some(cache) => cache.finder(catalog),
        None => Arc::new(markdown::citations::CitationFinder::new(catalog)),
    };
    let (results, stats) = match opts.cache {
        Some(cache) => {
            let (sources, ds) = cache.discover(root);
            diagnostics.extend(ds);
            progress.stage(Stage::Read, Some(sources.len() as u64));
            let renderer = MarkdownRenderer { finder: &finder, base_path: &config.base_path };
            cache.resolve(&sources, &config.base_path, |s, bytes| {
                parse(content::parse_bytes(&s.rel, bytes, catalog), &renderer, opts.spill)
            })
        }
        None => {
            use rayon::prelude::*;
            let (sources, ds) = content::discover(root);
            diagnostics.extend(ds);
            progress.stage(Stage::Read, Some(sources.len() as u64));
            let renderer = MarkdownRenderer { finder: &finder, base_path: &config.base_path };
            let results = sources
                .par_iter()
                .map(|s| {
                    let parsed = parse(content::parse_file(s, catalog), &renderer, opts.spill);
                    progress.advance(1);
                    parsed
                })
                .collect();
            (results, CacheStats::default())
        }
    };
    timing("  parse+markdown", t);
    let mut loaded = finish(results, config, catalog, &finder, diagnostics, stats);
    loaded.site.spill = opts.spill.cloned();
    loaded
}

/// A parsed file with its body rendered (and set aside in `spill` when given).
fn parse(
    parsed: Result<content::Parsed, Vec<Diagnostic>>,
    renderer: &MarkdownRenderer<'_>,
    spill: Option<&Arc<SpillFile>>,
) -> ParseResult {
    let parsed = parsed?;
    let mut body = renderer.render(&parsed.markdown, parsed.body_line);
    if spill.is_some() {
        body.html = std::mem::take(&mut body.html).spill(spill);
        for sec in &mut body.sections {
            sec.text = std::mem::take(&mut sec.text).spill(spill);
        }
    }
    Ok(parsed.into_document(body))
}

/// The site settings; the defaults (with the errors reported) when `site.yaml` is bad.
fn site_config(
    root: &Path,
    base_url: Option<&str>,
    catalog: &Catalog,
    diagnostics: &mut Diagnostics,
) -> SiteConfig {
    config::load(root, base_url, catalog).unwrap_or_else(|ds| {
        diagnostics.extend(ds);
        SiteConfig::defaults(root, catalog)
    })
}

/// Drafts set apart, errors collected, the rest linked into a site.
fn finish(
    results: Vec<ParseResult>,
    config: SiteConfig,
    catalog: &Catalog,
    finder: &markdown::citations::CitationFinder,
    mut diagnostics: Diagnostics,
    stats: CacheStats,
) -> Loaded {
    let mut documents = Vec::new();
    let mut drafts = 0;
    for r in results {
        match r {
            Ok(d) if d.meta.draft => drafts += 1,
            Ok(d) => {
                diagnostics.extend(d.warnings.iter().cloned());
                documents.push(d);
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    let t = Instant::now();
    let (mut site, ds) = link::link(documents, config, catalog);
    diagnostics.extend(ds);
    timing("  link", t);
    let t = Instant::now();
    diagnostics.extend(tracker::annotate(&mut site, catalog, finder));
    timing("  tracker", t);
    diagnostics.sort();
    Loaded { site, diagnostics, drafts, stats }
}

/// What a successful build did.
pub struct BuildReport {
    /// Documents published.
    pub documents: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    /// Documents left out as drafts.
    pub drafts: usize,
    /// Warnings about the content.
    pub warnings: Diagnostics,
    /// Time the build took.
    pub elapsed: Duration,
}

/// Options of `build` and `check`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (with `content/` and `site.yaml`).
    pub root: PathBuf,
    /// Output folder; `root/public` when None.
    pub output: Option<PathBuf>,
    /// Base URL overriding `site.yaml`'s.
    pub base_url: Option<String>,
    /// Warnings fail the build like errors (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// What rendering a site made, without the files themselves.
pub struct Rendered {
    /// Number of output files.
    pub files: usize,
    /// Number of HTML pages among them.
    pub pages: usize,
    /// Links and anchors of every output file.
    pub links: Vec<PageLinks>,
}

/// Loads, renders and checks links without writing anything (`check`).
pub fn check(
    opts: &BuildOptions,
    catalog: &Catalog,
    progress: &dyn Progress,
) -> Result<(Loaded, Rendered), BuildError> {
    // Like `build`, bodies go to a scratch file: checking a large site takes no more memory than building it.
    let scratch = std::env::temp_dir();
    let spill = SpillFile::new_in(&scratch).ok();
    let loaded = load_checked(opts, catalog, spill.as_ref(), progress)?;
    let rendered = render_checked(&loaded, catalog, None, &opts.root, progress)?;
    if let Some(spill) = &spill {
        spill.check().map_err(|source| BuildError::Write { path: scratch, source })?;
    }
    Ok((loaded, rendered))
}

/// Loads the site with bodies set aside in `spill`; every content error stops here.
fn load_checked(
    opts: &BuildOptions,
    catalog: &Catalog,
    spill: Option<&Arc<SpillFile>>,
    progress: &dyn Progress,
) -> Result<Loaded, BuildError> {
    let t = Instant::now();
    let base_url = opts.base_url.as_deref();
    let load_opts = LoadOptions { base_url, spill, cache: None, progress: Some(progress) };
    let loaded = load(&opts.root, catalog, load_opts);
    timing("load", t);
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Content(loaded.diagnostics));
    }
    if opts.deny_warnings && loaded.diagnostics.warning_count() > 0 {
        return Err(BuildError::Content(loaded.diagnostics.clone().deny_warnings()));
    }
    Ok(loaded)
}

/// Renders a loaded site (into `staging` when given), then checks every internal link.
fn render_checked(
    loaded: &Loaded,
    catalog: &Catalog,
    staging: Option<&output::write::Staging>,
    out: &Path,
    progress: &dyn Progress,
) -> Result<Rendered, BuildError> {
    let site = &loaded.site;
    let theme = render::templates::load(&site.config.root, site.config.theme.as_deref())?;
    let t = Instant::now();
    let links = std::sync::Mutex::new(Vec::new());
    let put = |f: OutputFile| -> std::io::Result<()> {
        let l = output::links::page_links(&f);
        if let Some(s) = staging {
            s.put(&f)?;
        }
        links.lock().unwrap_or_else(|e| e.into_inner()).push(l);
        Ok(())
    };
    render::render(site, catalog, &theme, &put, progress).map_err(|e| match e {
        render::RenderError::Theme(e) => BuildError::Theme(e),
        render::RenderError::Write(source) => BuildError::Write { path: out.to_path_buf(), source },
    })?;
    let mut links = links.into_inner().unwrap_or_else(|e| e.into_inner());
    links.sort_by(|a, b| a.path.cmp(&b.path));
    timing("render", t);
    let t = Instant::now();
    progress.stage(Stage::Links, None);
    let existing: std::collections::HashSet<&str> = links.iter().map(|l| l.path.as_str()).collect();
    let base_path = &site.config.base_path;
    let broken = output::links::check_pages(&links, &|p| existing.contains(p), base_path);
    timing("links", t);
    if !broken.is_empty() {
        let mut ds = loaded.diagnostics.clone();
        ds.extend(output::broken::diagnostics(site, &broken));
        ds.sort();
        return Err(BuildError::Content(ds));
    }
    let pages = links.iter().filter(|l| l.path.ends_with(".html")).count();
    Ok(Rendered { files: links.len(), pages, links })
}

/// Builds the site into the output folder; on any error the previous output is left as it was.
///
/// Bodies are set aside in a scratch file once rendered and pages are written as they are made, so
/// memory holds the site's metadata, links and search postings, not its text.
pub fn build(
    opts: &BuildOptions,
    catalog: &Catalog,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let fingerprint = search::cache::fingerprint(&opts.root);
    let out = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let write_err = |source| BuildError::Write { path: out.clone(), source };
    let scratch =
        out.parent().filter(|p| p.is_dir()).map_or_else(std::env::temp_dir, Path::to_path_buf);
    let spill = SpillFile::new_in(&scratch).ok();
    let loaded = load_checked(opts, catalog, spill.as_ref(), progress)?;
    let staging = output::write::Staging::new(&out).map_err(write_err)?;
    let rendered = render_checked(&loaded, catalog, Some(&staging), &out, progress)?;
    if let Some(spill) = &spill {
        spill.check().map_err(write_err)?;
    }
    let t = Instant::now();
    progress.stage(Stage::Write, None);
    staging.commit().map_err(write_err)?;
    timing("write", t);
    // The cache only saves `banhanh search` a rebuild; without it search builds its index in memory.
    search::cache::store(&opts.root, &fingerprint).ok();
    Ok(BuildReport {
        documents: loaded.site.documents.len(),
        pages: rendered.pages,
        files: rendered.files,
        drafts: loaded.drafts,
        warnings: loaded.diagnostics,
        elapsed: start.elapsed(),
    })
}

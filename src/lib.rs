//! banhanh: a static site generator for Vietnamese provinces' action programmes.
//!
//! The build is one pipeline: discover → frontmatter → markdown → link → render → write.

pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod import;
pub mod link;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;

use data::Catalog;
use diagnostics::Diagnostics;
use markdown::MarkdownRenderer;
use model::Site;
use render::OutputFile;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why a build or check failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{} lỗi trong nội dung", .0.error_count())]
    Content(Diagnostics),
    #[error(transparent)]
    Theme(#[from] render::templates::ThemeError),
    #[error("không ghi được thư mục kết quả {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// A loaded, linked site and what was noticed on the way.
pub struct Loaded {
    pub site: Site,
    /// Warnings (and errors, when the site is not buildable).
    pub diagnostics: Diagnostics,
    /// Documents left out because they are marked `draft: true`.
    pub drafts: usize,
}

/// Stages 1–4: discover, parse and validate, render Markdown, link. Reports every content error.
pub fn load(root: &Path, base_url: Option<&str>, catalog: &Catalog) -> Loaded {
    load_cached(root, base_url, catalog, &mut content::cache::ParseCache::default()).0
}

/// Like [`load`], but re-parses only the files whose bytes changed since `cache` last saw them.
pub fn load_cached(root: &Path, base_url: Option<&str>, catalog: &Catalog, cache: &mut content::cache::ParseCache) -> (Loaded, content::cache::CacheStats) {
    let mut diagnostics = Diagnostics::default();
    let config = match config::load(root, base_url, catalog) {
        Ok(c) => c,
        Err(ds) => {
            diagnostics.extend(ds);
            config::load(Path::new("/nonexistent"), None, catalog).expect("default config")
        }
    };
    let (sources, ds) = cache.discover(root);
    diagnostics.extend(ds);
    let finder = cache.finder(catalog);
    let renderer = MarkdownRenderer { finder: &finder, base_path: &config.base_path };
    let t = Instant::now();
    let (results, stats) = cache.resolve(&sources, &config.base_path, |s, bytes| {
        let parsed = content::parse_bytes(&s.rel, bytes, catalog)?;
        let body = renderer.render(&parsed.markdown, parsed.body_line);
        Ok(parsed.into_document(body))
    });
    let mut documents = Vec::new();
    let mut drafts = 0;
    for r in results {
        match r {
            Ok(d) if d.meta.draft => drafts += 1,
            Ok(d) => documents.push(d),
            Err(ds) => diagnostics.extend(ds),
        }
    }
    timing("  parse+markdown", t);
    let t = Instant::now();
    let (site, ds) = link::link(documents, config, catalog);
    timing("  link", t);
    diagnostics.extend(ds);
    diagnostics.sort();
    (Loaded { site, diagnostics, drafts }, stats)
}

/// What a successful build did.
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    pub files: usize,
    pub drafts: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

/// Options of `build` and `check`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `root/public` when None.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

/// Loads, renders and checks links; returns the site and its files without writing anything.
pub fn render_site(opts: &BuildOptions, catalog: &Catalog) -> Result<(Loaded, Vec<OutputFile>), BuildError> {
    let t = Instant::now();
    let loaded = load(&opts.root, opts.base_url.as_deref(), catalog);
    timing("load", t);
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Content(loaded.diagnostics));
    }
    let theme = render::templates::load(&opts.root, loaded.site.config.theme.as_deref())?;
    let t = Instant::now();
    let files = render::render(&loaded.site, catalog, &theme)?;
    timing("render", t);
    let t = Instant::now();
    let broken = output::links::check(&files, &loaded.site.config.base_path);
    timing("links", t);
    if !broken.is_empty() {
        let mut ds = loaded.diagnostics.clone();
        let templates = render::templates_by_file(&loaded.site, catalog);
        ds.extend(output::links::diagnostics_with_templates(&loaded.site, &broken, &templates));
        ds.sort();
        return Err(BuildError::Content(ds));
    }
    Ok((loaded, files))
}

/// Builds the site into the output folder; on any error the previous output is left as it was.
pub fn build(opts: &BuildOptions, catalog: &Catalog) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let fingerprint = search::cache::fingerprint(&opts.root);
    let (loaded, files) = render_site(opts, catalog)?;
    let out = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let t = Instant::now();
    let r = output::write::write_atomic(&out, &files);
    timing("write", t);
    r.map_err(|source| BuildError::Write { path: out.clone(), source })?;
    // The cache only saves `banhanh search` a rebuild; without it search builds its index in memory.
    search::cache::store(&opts.root, &out, &fingerprint).ok();
    Ok(BuildReport {
        documents: loaded.site.documents.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        drafts: loaded.drafts,
        warnings: loaded.diagnostics,
        elapsed: start.elapsed(),
    })
}

pub(crate) fn timing(stage: &str, t: Instant) {
    if std::env::var_os("BANHANH_TIMINGS").is_some() {
        eprintln!("{stage}: {:.3} s", t.elapsed().as_secs_f64());
    }
}

//! banhanh: a static site generator for Vietnamese provinces' action programmes.
//!
//! The build is one pipeline: discover → frontmatter → markdown → link → render → write.

pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod extract;
pub mod import;
pub mod link;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod stash;
pub mod text;

use data::Catalog;
use diagnostics::Diagnostics;
use markdown::MarkdownRenderer;
use model::Site;
use render::OutputFile;
use stash::SpillFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    load_spilled(root, base_url, catalog, None)
}

/// Like [`load`], setting each body's HTML and text aside in `spill` (when given) as soon as it is
/// rendered, so memory holds only metadata and links.
pub fn load_spilled(
    root: &Path,
    base_url: Option<&str>,
    catalog: &Catalog,
    spill: Option<&Arc<SpillFile>>,
) -> Loaded {
    use rayon::prelude::*;
    let mut diagnostics = Diagnostics::default();
    let config = site_config(root, base_url, catalog, &mut diagnostics);
    let (sources, ds) = content::discover(root);
    diagnostics.extend(ds);
    let finder = link::citations::CitationFinder::new(catalog);
    let renderer = MarkdownRenderer { finder: &finder, base_path: &config.base_path };
    let t = Instant::now();
    let results: Vec<content::cache::ParseResult> = sources
        .par_iter()
        .map(|s| {
            let parsed = content::parse_file(s, catalog)?;
            let mut body = renderer.render(&parsed.markdown, parsed.body_line);
            extract::read(&mut body, &parsed.meta, catalog);
            body.html = std::mem::take(&mut body.html).spill(spill);
            for sec in &mut body.sections {
                sec.text = std::mem::take(&mut sec.text).spill(spill);
            }
            Ok(parsed.into_document(body))
        })
        .collect();
    timing("  parse+markdown", t);
    let mut loaded = finish(results, config, catalog, diagnostics);
    loaded.site.spill = spill.cloned();
    loaded
}

/// Like [`load`], but re-parses only the files whose bytes changed since `cache` last saw them.
pub fn load_cached(
    root: &Path,
    base_url: Option<&str>,
    catalog: &Catalog,
    cache: &mut content::cache::ParseCache,
) -> (Loaded, content::cache::CacheStats) {
    let mut diagnostics = Diagnostics::default();
    let config = site_config(root, base_url, catalog, &mut diagnostics);
    let (sources, ds) = cache.discover(root);
    diagnostics.extend(ds);
    let finder = cache.finder(catalog);
    let renderer = MarkdownRenderer { finder: &finder, base_path: &config.base_path };
    let (results, stats) = cache.resolve(&sources, &config.base_path, |s, bytes| {
        let parsed = content::parse_bytes(&s.rel, bytes, catalog)?;
        let mut body = renderer.render(&parsed.markdown, parsed.body_line);
        extract::read(&mut body, &parsed.meta, catalog);
        Ok(parsed.into_document(body))
    });
    (finish(results, config, catalog, diagnostics), stats)
}

/// The site settings; the defaults (with the errors reported) when `site.yaml` is bad.
fn site_config(
    root: &Path,
    base_url: Option<&str>,
    catalog: &Catalog,
    diagnostics: &mut Diagnostics,
) -> model::SiteConfig {
    match config::load(root, base_url, catalog) {
        Ok(c) => c,
        Err(ds) => {
            diagnostics.extend(ds);
            config::load(Path::new("/nonexistent"), None, catalog).expect("default config")
        }
    }
}

/// Drafts set apart, errors collected, the rest linked into a site.
fn finish(
    results: Vec<content::cache::ParseResult>,
    config: model::SiteConfig,
    catalog: &Catalog,
    mut diagnostics: Diagnostics,
) -> Loaded {
    let mut documents = Vec::new();
    let mut drafts = 0;
    for r in results {
        match r {
            Ok(d) if d.meta.draft => drafts += 1,
            Ok(d) => {
                diagnostics.extend(extract::warnings(&d, catalog));
                documents.push(d);
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    let t = Instant::now();
    let (site, ds) = link::link(documents, config, catalog);
    timing("  link", t);
    diagnostics.extend(ds);
    diagnostics.sort();
    Loaded { site, diagnostics, drafts }
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

/// What rendering a site made, without the files themselves.
pub struct Rendered {
    /// Number of output files and of HTML pages among them.
    pub files: usize,
    pub pages: usize,
    /// Links and anchors of every output file.
    pub links: Vec<output::links::PageLinks>,
}

/// Loads, renders and checks links without writing anything (`check`).
pub fn render_site(
    opts: &BuildOptions,
    catalog: &Catalog,
) -> Result<(Loaded, Rendered), BuildError> {
    let t = Instant::now();
    // Like `build`, bodies go to a scratch file: checking a large site takes no more memory than building it.
    let spill = SpillFile::new_in(&std::env::temp_dir()).ok();
    let loaded = load_spilled(&opts.root, opts.base_url.as_deref(), catalog, spill.as_ref());
    timing("load", t);
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Content(loaded.diagnostics));
    }
    let rendered = render_checked(&loaded, catalog, None, &opts.root)?;
    if let Some(spill) = &spill {
        spill.check().map_err(|source| BuildError::Write { path: std::env::temp_dir(), source })?;
    }
    Ok((loaded, rendered))
}

/// Renders a loaded site (into `staging` when given), then checks every internal link.
fn render_checked(
    loaded: &Loaded,
    catalog: &Catalog,
    staging: Option<&output::write::Staging>,
    out: &Path,
) -> Result<Rendered, BuildError> {
    let site = &loaded.site;
    let theme = render::templates::load(&site.config.root, site.config.theme.as_deref())?;
    let t = Instant::now();
    let links = std::sync::Mutex::new(Vec::new());
    let put = |f: OutputFile| -> std::io::Result<()> {
        let l = output::links::page_links(&f.path, &f.bytes);
        if let Some(s) = staging {
            s.put(&f)?;
        }
        links.lock().unwrap_or_else(|e| e.into_inner()).push(l);
        Ok(())
    };
    match render::render_to(site, catalog, &theme, &put) {
        Ok(()) => {}
        Err(render::RenderError::Theme(e)) => return Err(e.into()),
        Err(render::RenderError::Write(source)) => {
            return Err(BuildError::Write { path: out.to_path_buf(), source });
        }
    }
    let mut links = links.into_inner().unwrap_or_else(|e| e.into_inner());
    links.sort_by(|a, b| a.path.cmp(&b.path));
    timing("render", t);
    let t = Instant::now();
    let existing: std::collections::HashSet<&str> = links.iter().map(|l| l.path.as_str()).collect();
    let broken =
        output::links::check_pages(&links, &|p| existing.contains(p), &site.config.base_path);
    timing("links", t);
    if !broken.is_empty() {
        let mut ds = loaded.diagnostics.clone();
        let templates = render::templates_by_file(site, catalog);
        ds.extend(output::links::diagnostics_with_templates(site, &broken, &templates));
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
pub fn build(opts: &BuildOptions, catalog: &Catalog) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let fingerprint = search::cache::fingerprint(&opts.root);
    let out = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let write_err = |source| BuildError::Write { path: out.clone(), source };
    let scratch =
        out.parent().filter(|p| p.is_dir()).map_or_else(std::env::temp_dir, Path::to_path_buf);
    let spill = SpillFile::new_in(&scratch).ok();
    let t = Instant::now();
    let loaded = load_spilled(&opts.root, opts.base_url.as_deref(), catalog, spill.as_ref());
    timing("load", t);
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Content(loaded.diagnostics));
    }
    let staging = output::write::Staging::new(&out).map_err(write_err)?;
    let rendered = render_checked(&loaded, catalog, Some(&staging), &out)?;
    if let Some(spill) = &spill {
        spill.check().map_err(write_err)?;
    }
    let t = Instant::now();
    staging.commit().map_err(write_err)?;
    timing("write", t);
    // The cache only saves `banhanh search` a rebuild; without it search builds its index in memory.
    search::cache::store(&opts.root, &out, &fingerprint).ok();
    Ok(BuildReport {
        documents: loaded.site.documents.len(),
        pages: rendered.pages,
        files: rendered.files,
        drafts: loaded.drafts,
        warnings: loaded.diagnostics,
        elapsed: start.elapsed(),
    })
}

pub(crate) fn timing(stage: &str, t: Instant) {
    if std::env::var_os("BANHANH_TIMINGS").is_some() {
        // Resident and peak memory so far (Linux), to see which stage holds what.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let kib = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
                .unwrap_or(0)
                / 1024
        };
        eprintln!(
            "{stage}: {:.3} s, rss {} MiB, peak {} MiB",
            t.elapsed().as_secs_f64(),
            kib("VmRSS:"),
            kib("VmHWM:")
        );
    }
}

//! Stage 5: pages rendered through the theme's Tera templates, in parallel.

pub mod document;
pub mod jsonld;
pub mod pages;
pub mod templates;
pub mod views;

use crate::data::Catalog;
use crate::model::Site;
use pages::Page;
use rayon::prelude::*;
use crate::output::feeds::FeedLink;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use templates::{Theme, ThemeError, error_chain};
use views::Views;

/// A rendered output file: path relative to the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Output file path for a site path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') { format!("{p}index.html") } else { p.to_string() }
}

/// Renders every page of the site and adds the theme's static files.
pub fn render(site: &Site, catalog: &Catalog, theme: &Theme) -> Result<Vec<OutputFile>, ThemeError> {
    let views = Views::new(site, catalog);
    let pages = pages::pages(&views);
    let feeds = page_feeds(site);
    let mut files: Vec<OutputFile> = pages
        .par_iter()
        .map(|p| render_page(site, catalog, theme, p, &feeds))
        .collect::<Result<_, _>>()?;
    files.extend(crate::output::feeds::feeds(site));
    files.extend(crate::output::opendata::files(site, catalog));
    files.extend(theme.assets.iter().map(|(p, b)| OutputFile { path: p.clone(), bytes: b.clone() }));
    files.push(OutputFile { path: "sitemap.xml".into(), bytes: crate::output::sitemap::sitemap(&site.config.base_url, &pages).into_bytes() });
    files.push(OutputFile { path: "robots.txt".into(), bytes: crate::output::sitemap::robots(&site.config.base_url).into_bytes() });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Which template renders each output file (for naming the template of a broken theme link).
pub fn templates_by_file(site: &Site, catalog: &Catalog) -> std::collections::BTreeMap<String, &'static str> {
    pages::pages(&Views::new(site, catalog)).into_iter().map(|p| (file_for(&p.path), p.template)).collect()
}

/// Feeds a page links to: the site's, plus its province's for pages under `/{province}/`.
struct PageFeeds {
    site: FeedLink,
    provinces: BTreeMap<String, FeedLink>,
}

fn page_feeds(site: &Site) -> PageFeeds {
    let provinces = site.documents.iter()
        .map(|d| (crate::data::province_slug(&d.meta.province), crate::output::feeds::province_feed(site, &d.meta.province)))
        .collect();
    PageFeeds { site: crate::output::feeds::site_feed(site), provinces }
}

fn render_page(site: &Site, catalog: &Catalog, theme: &Theme, page: &Page, feeds: &PageFeeds) -> Result<OutputFile, ThemeError> {
    let base = site.config.base_path.trim_end_matches('/');
    let first = page.path.trim_start_matches('/').split('/').next().unwrap_or("");
    let page_feeds: Vec<Value> = std::iter::once(&feeds.site).chain(feeds.provinces.get(first).filter(|_| page.path.ends_with('/')))
        .map(|f| json!({"url": format!("{base}{}", f.path), "title": f.title}))
        .collect();
    let ctx = json!({
        "site": {"title": site.config.title, "description": site.config.description, "base_url": site.config.base_url},
        "base": base,
        "ui": catalog.ui,
        "page": {"title": page.title, "path": page.path, "breadcrumbs": page.breadcrumbs,
                 "canonical": format!("{}{}", site.config.base_url.trim_end_matches('/'), page.path),
                 "feeds": page_feeds},
        "data": page.data,
    });
    let ctx = tera::Context::from_value(ctx).map_err(|e| ThemeError::Template { name: page.template.into(), message: e.to_string() })?;
    let html = theme.tera.render(page.template, &ctx)
        .map_err(|e| ThemeError::Template { name: page.template.into(), message: error_chain(&e) })?;
    Ok(OutputFile { path: file_for(&page.path), bytes: html.into_bytes() })
}

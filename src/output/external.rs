//! `check --external`: external links checked over HTTP with a timeout and a cache of good results.
//!
//! A flaky network never fails a check: broken or unreachable links are warnings unless `strict`.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::links::{PageLinks, is_external};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Settings of an external link check.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Time allowed for one request.
    pub timeout: Duration,
    /// Broken or unreachable links are errors instead of warnings.
    pub strict: bool,
    /// How long a good result is trusted before the link is checked again.
    pub max_age: Duration,
    /// Cache file, usually `ROOT/.cache/banhanh/external-links.json`.
    pub cache: PathBuf,
    /// Requests in flight at once.
    pub parallel: usize,
}

impl ExternalOptions {
    /// Defaults for a site root: 10 s timeout, good results kept 7 days, warnings only.
    pub fn for_root(root: &Path) -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            strict: false,
            max_age: Duration::from_secs(7 * 24 * 3600),
            cache: crate::folders::external_links(root),
            parallel: 8,
        }
    }
}

/// Where an external link was written: a content file and line, or an output page of the theme.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Content file (`content/a.md`) or output page (`public/index.html`).
    pub path: String,
    /// 1-based line in the content file; 0 for an output page.
    pub line: usize,
}

/// What a request for a link gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx/3xx status (redirects followed).
    Ok(u16),
    /// 4xx/5xx status.
    Broken(u16),
    /// No answer: timeout, refused connection, unknown host, TLS error…
    Unreachable(String),
}

/// Totals of a run, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct external links.
    pub links: usize,
    /// Links known good from the cache, not requested.
    pub from_cache: usize,
    /// Links answered with HTTP 4xx/5xx.
    pub broken: usize,
    /// Links that gave no answer (timeout, connection refused, unknown host…).
    pub unreachable: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    /// Good results: URL → (HTTP status, seconds since the epoch when checked).
    ok: BTreeMap<String, (u16, u64)>,
}

/// Every `http(s)` link of the site with where it was written (body lines first, then theme pages).
pub fn collect(site: &Site, pages: &[PageLinks]) -> BTreeMap<String, Vec<Place>> {
    let mut links: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for d in &site.documents {
        for (url, line) in d.body.links.iter().filter(|(u, _)| is_http(u)) {
            links
                .entry(url.clone())
                .or_default()
                .push(Place { path: d.source.clone(), line: *line });
        }
    }
    for f in pages.iter().filter(|f| f.path.ends_with(".html")) {
        for href in f.hrefs.iter().filter(|h| is_http(h)) {
            let places = links.entry(href.clone()).or_default();
            // Links written in a body are placed at their line; others name up to 3 output pages.
            if places.len() < 3 && places.iter().all(|p| p.line == 0) {
                places.push(Place { path: format!("public/{}", f.path), line: 0 });
            }
        }
    }
    links
}

fn is_http(href: &str) -> bool {
    is_external(href) && (href.starts_with("http://") || href.starts_with("https://"))
}

/// Checks the links (using and refreshing the cache) and reports the bad ones.
pub fn check(
    links: &BTreeMap<String, Vec<Place>>,
    opts: &ExternalOptions,
) -> (Vec<Diagnostic>, Summary) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut cache = read_cache(&opts.cache);
    let fresh = |url: &str| {
        cache.ok.get(url).is_some_and(|(_, at)| now.saturating_sub(*at) < opts.max_age.as_secs())
    };
    let todo: Vec<&String> = links.keys().filter(|u| !fresh(u)).collect();
    let mut summary =
        Summary { links: links.len(), from_cache: links.len() - todo.len(), ..Summary::default() };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("banhanh/", env!("CARGO_PKG_VERSION"), " (link checker)"))
        .build()
        .into();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.parallel.max(1)).build();
    let request = |u: &&String| ((*u).clone(), request(&agent, u));
    let results: Vec<(String, Outcome)> = match &pool {
        Ok(pool) => pool.install(|| todo.par_iter().map(request).collect()),
        Err(_) => todo.iter().map(request).collect(),
    };
    let mut diagnostics = Vec::new();
    for (url, outcome) in results {
        let reason = match outcome {
            Outcome::Ok(status) => {
                cache.ok.insert(url, (status, now));
                continue;
            }
            Outcome::Broken(status) => {
                summary.broken += 1;
                cache.ok.remove(&url);
                format!("liên kết ngoài hỏng {url}: máy chủ trả lời HTTP {status}")
            }
            Outcome::Unreachable(why) => {
                summary.unreachable += 1;
                format!("không kiểm tra được liên kết ngoài {url}: {why}")
            }
        };
        for p in &links[&url] {
            let d = if opts.strict {
                Diagnostic::error(&p.path, p.line, 0, reason.clone())
            } else {
                Diagnostic::warning(&p.path, p.line, 0, reason.clone())
            };
            diagnostics.push(d.with_help("sửa hoặc bỏ liên kết; nếu mạng chập chờn, chạy lại sau"));
        }
    }
    write_cache(&opts.cache, &cache);
    (diagnostics, summary)
}

/// One request: HEAD, then GET when the server refuses HEAD.
pub fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    let status =
        |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| r.map(|r| r.status().as_u16());
    let mut result = status(agent.head(url).call());
    if matches!(result, Ok(403 | 405 | 501)) {
        result = status(agent.get(url).call());
    }
    match result {
        Ok(s) if s < 400 => Outcome::Ok(s),
        Ok(429) => Outcome::Unreachable("máy chủ từ chối vì quá nhiều yêu cầu (HTTP 429)".into()),
        Ok(s) => Outcome::Broken(s),
        Err(ureq::Error::Timeout(_)) => Outcome::Unreachable("hết thời gian chờ".into()),
        Err(ureq::Error::HostNotFound) => Outcome::Unreachable("không tìm thấy máy chủ".into()),
        Err(e) => Outcome::Unreachable(e.to_string()),
    }
}

fn read_cache(path: &Path) -> Cache {
    std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Writes the cache; a cache that cannot be written only costs time next run.
fn write_cache(path: &Path, cache: &Cache) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    if let Ok(bytes) = serde_json::to_vec_pretty(cache) {
        std::fs::write(path, bytes).ok();
    }
}

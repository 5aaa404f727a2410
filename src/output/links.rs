//! Checks every internal link and anchor of the rendered output before anything is written.

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::{OutputFile, file_for};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// A link in the output that points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Output file holding the link (e.g. `kien-giang/index.html`).
    pub page: String,
    pub href: String,
    pub reason: String,
}

static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?:href|src)="([^"]*)""#).expect("valid"));
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]*)""#).expect("valid"));

/// Finds internal links (`href`/`src`) whose file or `#anchor` does not exist in `files`.
pub fn check(files: &[OutputFile], base_path: &str) -> Vec<BrokenLink> {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        ids.insert(&f.path, anchors(&String::from_utf8_lossy(&f.bytes)));
    }
    let existing: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    files
        .iter()
        .flat_map(|f| check_file(&f.path, &f.bytes, base_path, &|p| existing.contains(p), &|p| ids.get(p)))
        .collect()
}

/// The `id`s of an HTML page: what `#anchor` links to it may point at.
pub fn anchors(html: &str) -> BTreeSet<String> {
    ID.captures_iter(html).map(|c| unescape(&c[1])).collect()
}

/// Broken internal links of one output file, given which output files exist and the anchors of each page.
pub fn check_file<'a>(
    path: &str,
    bytes: &[u8],
    base_path: &str,
    exists: &dyn Fn(&str) -> bool,
    ids: &dyn Fn(&str) -> Option<&'a BTreeSet<String>>,
) -> Vec<BrokenLink> {
    if !path.ends_with(".html") {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(bytes);
    let mut broken = Vec::new();
    for c in ATTR.captures_iter(&text) {
        let href = unescape(&c[1]);
        if let Some(reason) = resolve(&href, path, base_path, exists, ids) {
            broken.push(BrokenLink { page: path.to_string(), href, reason });
        }
    }
    broken
}

fn resolve<'a>(href: &str, page: &str, base_path: &str, exists: &dyn Fn(&str) -> bool, ids: &dyn Fn(&str) -> Option<&'a BTreeSet<String>>) -> Option<String> {
    if href.is_empty() || href.contains("://") || href.starts_with("//") || href.starts_with("mailto:") || href.starts_with("tel:") || href.starts_with("data:") {
        return None;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let file = if path.is_empty() {
        page.to_string()
    } else if let Some(site_path) = path.strip_prefix(base_path.trim_end_matches('/')).filter(|p| p.starts_with('/')) {
        file_for(site_path)
    } else if path.starts_with('/') {
        return Some(format!("thiếu đường dẫn gốc {base_path}"));
    } else {
        return None;
    };
    if !exists(file.as_str()) {
        return Some("trang không tồn tại".into());
    }
    if let Some(frag) = frag.filter(|f| !f.is_empty())
        && ids(file.as_str()).is_some_and(|ids| !ids.contains(frag))
    {
        return Some(format!("không có mục #{frag} trong trang"));
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Turns broken links into diagnostics: at the source line for links written in a document body.
pub fn diagnostics(site: &Site, broken: &[BrokenLink]) -> Vec<Diagnostic> {
    let base = site.config.base_path.trim_end_matches('/');
    broken
        .iter()
        .map(|b| {
            let doc = site.documents.iter().find(|d| file_for(&d.path) == b.page);
            let written = doc.and_then(|d| {
                d.body.links.iter().find(|(url, _)| *url == b.href || format!("{base}{url}") == b.href).map(|(url, line)| (d, url, *line))
            });
            match written {
                Some((d, url, line)) => Diagnostic::error(&d.source, line, 1, format!("liên kết hỏng {url}: {}", b.reason))
                    .with_help("kiểm tra lại địa chỉ; địa chỉ văn bản có dạng /tinh/nam/so-hieu/"),
                None => Diagnostic::error(&format!("public/{}", b.page), 0, 0, format!("liên kết hỏng {} trong giao diện: {}", b.href, b.reason)),
            }
        })
        .collect()
}

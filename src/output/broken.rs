//! Broken links as errors an editor can act on: at the line of the document that wrote the link,
//! or on the template that made the page.

use super::file::Origin;
use super::links::BrokenLink;
use crate::diagnostics::Diagnostic;
use crate::model::{Document, Site};
use crate::urls::Urls;
use std::collections::{BTreeMap, BTreeSet};

/// The template every page extends: where a link shared by pages of several templates comes from.
const BASE_TEMPLATE: &str = "base.html";

/// Turns broken links into diagnostics: a link written in a document body at its file and line,
/// any other as an error of the template that made the page (one error per link and reason; a
/// link broken on pages of several templates is put on `base.html`).
pub fn diagnostics(site: &Site, broken: &[BrokenLink]) -> Vec<Diagnostic> {
    let urls = Urls::new(&site.config.base_path);
    let mut out = Vec::new();
    // Per broken theme link: the templates of the pages showing it, the first page, how many pages.
    let mut theme_errors: BTreeMap<(&str, &str), (BTreeSet<&str>, &str, usize)> = BTreeMap::new();
    for b in broken {
        let (template, document) = match b.origin {
            Origin::Page { template, document } => (template, document),
            Origin::SiteFile | Origin::Asset => (BASE_TEMPLATE, None),
        };
        let doc = document.map(|i| &site.documents[i]);
        if let Some((d, url, line)) = doc.and_then(|d| written_in(d, &b.href, &urls)) {
            out.push(
                Diagnostic::error(&d.source, line, 1, format!("liên kết hỏng {url}: {}", b.reason))
                    .with_help(
                        "kiểm tra lại địa chỉ; địa chỉ văn bản có dạng /tinh/nam/so-hieu/, \
                         mục trong trang có dạng #ten-muc",
                    ),
            );
            continue;
        }
        let e = theme_errors
            .entry((&b.href, &b.reason))
            .or_insert_with(|| (BTreeSet::new(), &b.page, 0));
        e.0.insert(template);
        e.2 += 1;
    }
    let theme = site.config.theme.as_deref().unwrap_or("default");
    for ((href, reason), (used_by, page, count)) in theme_errors {
        let template = match used_by.len() {
            1 => used_by.first().copied().unwrap_or(BASE_TEMPLATE),
            _ => BASE_TEMPLATE,
        };
        let more =
            if count > 1 { format!(" và {} trang khác", count - 1) } else { String::new() };
        out.push(
            Diagnostic::error(
                &format!("themes/{theme}/templates/{template}"),
                0,
                0,
                format!("liên kết hỏng {href} trong giao diện (trang /{page}{more}): {reason}"),
            )
            .with_help(
                "sửa mẫu trang (template): địa chỉ trong giao diện cần bắt đầu bằng {{ base }}/",
            ),
        );
    }
    out
}

/// Where document `d` wrote the link that appears in its page as `href` (site-absolute links
/// in Markdown get the base path in front), with its line.
fn written_in<'d>(
    d: &'d Document,
    href: &str,
    urls: &Urls,
) -> Option<(&'d Document, String, usize)> {
    d.body
        .links
        .iter()
        .find(|(url, _)| url == href || (url.starts_with('/') && urls.url(url) == href))
        .map(|(url, line)| (d, url.clone(), *line))
}

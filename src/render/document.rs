//! The data of a document page: metadata, table of contents, body, links in and out.

use super::page::Page;
use super::views::{LinkView, Views};
use crate::data::ui_str;
use serde_json::json;

/// The template of every document page.
pub const TEMPLATE: &str = "document.html";

/// The page of document `i`; `same_province` lists the documents of its province.
pub fn page(v: &Views<'_>, i: usize, same_province: &[usize], home: LinkView) -> Page {
    let d = &v.site.documents[i];
    let m = &d.meta;
    let links = &v.site.links[i];
    let implements: Vec<LinkView> = m
        .implements
        .iter()
        .zip(&links.implements)
        .map(|(r, t)| {
            let mut l = v.target(t, &r.number);
            if l.note.is_none() {
                l.note = r.title.clone();
            }
            l
        })
        .collect();
    let cites: Vec<LinkView> = links
        .cites
        .iter()
        .filter(|(t, _)| !links.implements.contains(t))
        .map(|(t, label)| v.target(t, label))
        .collect();
    let province_path = Views::province_path(&m.province);
    let other_years = other_years(v, i, same_province, &province_path);
    let fields: Vec<LinkView> = m
        .fields
        .iter()
        .map(|f| LinkView {
            label: f.clone(),
            url: v.url(&Views::field_path(f)),
            count: None,
            note: None,
        })
        .collect();
    let ui = &v.catalog.ui;
    Page {
        path: d.path.clone(),
        template: TEMPLATE,
        title: m.title.clone(),
        breadcrumbs: vec![
            home,
            LinkView {
                label: m.province.clone(),
                url: v.url(&province_path),
                count: None,
                note: None,
            },
            LinkView {
                label: format!("{} {}", ui_str(ui, "year_heading"), m.year),
                url: v.url(&format!("{province_path}{}/", m.year)),
                count: None,
                note: None,
            },
        ],
        data: json!({
            "doc": v.summary(i),
            "issuer": m.issuer,
            "signer": m.signer,
            "effective": m.effective.map(|d| d.format("%d/%m/%Y").to_string()),
            "fields": fields,
            "now_part_of": v.catalog.now_part_of(&m.province),
            "toc": d.body.headings,
            "body": crate::link::body_html(v.site, i),
            "implements": implements,
            "cites": cites,
            "cited_by": v.summaries(&links.cited_by),
            "other_years": other_years,
            "jsonld": super::jsonld::script_json(&super::jsonld::legislation(v, i)),
        }),
    }
}

/// Most documents of each other year shown on a document page; the rest are behind the year's link.
const PER_OTHER_YEAR: usize = 3;

/// The same province's documents of other years, newest year first, a few per year (so a page
/// stays small however many documents the province has).
fn other_years(
    v: &Views<'_>,
    i: usize,
    same_province: &[usize],
    province_path: &str,
) -> Vec<serde_json::Value> {
    let year = v.site.documents[i].meta.year;
    let mut by_year: std::collections::BTreeMap<i32, Vec<usize>> =
        std::collections::BTreeMap::new();
    for &j in same_province {
        let y = v.site.documents[j].meta.year;
        if y != year {
            by_year.entry(y).or_default().push(j);
        }
    }
    by_year
        .iter()
        .rev()
        .map(|(y, docs)| {
            let shown = v.newest(docs, PER_OTHER_YEAR);
            json!({"year": y, "url": v.url(&format!("{province_path}{y}/")), "count": docs.len(),
                   "more": docs.len().saturating_sub(shown.len()), "docs": shown})
        })
        .collect()
}

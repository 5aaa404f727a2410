//! The document family: a page per document with its metadata, contents, body and links in and out.

use super::data::{DocumentData, OtherYear, TocEntry};
use super::groups::Groups;
use super::page::{Page, PageData};
use super::views::{LinkView, Views};
use crate::markdown::placeholder;
use crate::model::Site;
use crate::urls::{self, Urls};
use std::collections::BTreeMap;

/// The template of every document page.
pub const TEMPLATE: &str = "document.html";

/// Most documents of each other year shown on a document page; the rest are behind the year's link.
const PER_OTHER_YEAR: usize = 3;

/// The page of document `i` (`g`: the site's documents grouped, for its province's other years).
pub fn page(v: &Views<'_>, i: usize, g: &Groups) -> Page {
    let d = &v.site.documents[i];
    let m = &d.meta;
    let links = &v.site.links[i];
    let implements = m
        .implements
        .iter()
        .zip(&links.implements)
        .map(|(r, t)| match t {
            Some(t) => {
                let l = v.target(t, &r.number);
                LinkView { note: l.note.or_else(|| r.title.clone()), ..l }
            }
            // Not known to the site: listed without a link.
            None => {
                let kind = v.catalog.kind_for_number(&r.number);
                let label = crate::link::resolve::label(kind, &r.number, r.date);
                LinkView { label, url: String::new(), count: None, note: r.title.clone() }
            }
        })
        .collect();
    let cites = links
        .cites
        .iter()
        .filter(|(t, _)| !links.implements.iter().flatten().any(|i| i == t))
        .map(|(t, label)| v.target(t, label))
        .collect();
    let fields = m.fields.iter().map(|f| v.link(f.clone(), &urls::field(f))).collect();
    let toc = d
        .body
        .headings
        .iter()
        .map(|h| TocEntry { level: h.level, text: h.text.clone(), anchor: h.anchor.clone() })
        .collect();
    let data = DocumentData {
        doc: v.summary(i),
        issuer: m.issuer.clone(),
        signer: m.signer.clone(),
        effective: m.effective.map(|d| d.format("%d/%m/%Y").to_string()),
        fields,
        now_part_of: v.catalog.now_part_of(&m.province).map(str::to_string),
        toc,
        body: body_html(v.site, i),
        implements,
        cites,
        cited_by: v.summaries(&links.cited_by),
        other_years: other_years(v, i, g.of_province(&m.province)),
        targets: super::targets::document_box(v, i),
        jsonld: super::jsonld::script_json(&super::jsonld::legislation(v, i)),
        tracker: super::tracker::on_page(
            v,
            &g.tracked,
            crate::tracker::table::central_of_document(v.site, v.catalog, i),
        ),
    };
    let year_crumb = format!("{} {}", v.ui("year_heading"), m.year);
    Page {
        path: d.path.clone(),
        template: TEMPLATE,
        title: m.title.clone(),
        breadcrumbs: vec![
            v.home(),
            v.link(m.province.clone(), &urls::province(&m.province)),
            v.link(year_crumb, &urls::province_year(&m.province, m.year)),
        ],
        province: Some(m.province.clone()),
        document: Some(i),
        data: PageData::Document(Box::new(data)),
    }
}

/// The final body HTML of document `i`: its citations linked to their pages or hubs.
pub fn body_html(site: &Site, i: usize) -> String {
    let body = &site.documents[i].body;
    let html = body.html.get();
    if body.citations.is_empty() {
        return html.into_owned();
    }
    let urls = Urls::new(&site.config.base_path);
    let targets = &site.links[i].citations;
    placeholder::fill(&html, |c| {
        let target = targets.get(c)?.as_ref()?;
        Some(urls.url(site.target_path(target)))
    })
}

/// The same province's documents of other years, newest year first, a few per year (so a page
/// stays small however many documents the province has).
fn other_years(v: &Views<'_>, i: usize, same_province: &[usize]) -> Vec<OtherYear> {
    let m = &v.site.documents[i].meta;
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for &j in same_province {
        let y = v.site.documents[j].meta.year;
        if y != m.year {
            by_year.entry(y).or_default().push(j);
        }
    }
    by_year
        .iter()
        .rev()
        .map(|(y, docs)| {
            let shown = v.newest(docs, PER_OTHER_YEAR);
            OtherYear {
                year: *y,
                url: v.url(&urls::province_year(&m.province, *y)),
                count: docs.len(),
                more: docs.len().saturating_sub(shown.len()),
                docs: shown,
            }
        })
        .collect()
}

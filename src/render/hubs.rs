//! The hub family: a page per cited document that is not on the site, and their index.

use super::groups::Groups;
use super::lists::terms_page;
use super::page::{Page, PageData};
use super::plan::Planned;
use super::views::{DocSummary, LinkView, Views};
use crate::urls;
use serde::Serialize;

/// Data of `hub.html`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubData {
    /// The cited document.
    pub hub: HubView,
    /// Documents of the site that implement or cite it, newest first.
    pub docs: Vec<DocSummary>,
}

/// A cited document as its hub shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubView {
    /// Số hiệu as first cited.
    pub number: String,
    /// Year of its date (or of its number).
    pub year: i32,
    /// Title, when an `implements` entry gave one.
    pub title: Option<String>,
    /// Who issued it: "Văn bản của cơ quan trung ương" or the province for provincial numbers.
    pub scope: String,
    /// Date as `dd/mm/yyyy`, when a citation gave it.
    pub date: Option<String>,
}

/// The index of hubs and a page per hub.
pub fn hubs(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let links: Vec<LinkView> = v
        .site
        .hubs
        .values()
        .map(|h| LinkView {
            label: h.label.clone(),
            url: v.url(&h.path),
            count: Some(h.cited_by.len()),
            note: h.province.clone().or_else(|| h.title.clone()),
        })
        .collect();
    let mut planned = vec![Planned::ready(terms_page(v, urls::HUBS, v.ui("nav_hubs"), links))];
    for h in v.site.hubs.values() {
        // A province only has a page when it has documents of its own.
        let province_crumb = h.province.clone().filter(|p| g.by_province.contains_key(p));
        let key = h.path.clone();
        planned.push(Planned::new(h.path.clone(), "hub.html", move |v| {
            let h = &v.site.hubs[&key];
            let mut crumbs = vec![v.home(), v.link(v.ui("nav_hubs"), urls::HUBS)];
            if let Some(p) = &province_crumb {
                crumbs.push(v.link(p.clone(), &urls::province(p)));
            }
            let scope = match &h.province {
                Some(p) => format!("{} {p}", v.ui("hub_scope_province")),
                None => v.ui("hub_scope_central"),
            };
            let hub = HubView {
                number: h.number.clone(),
                year: h.year,
                title: h.title.clone(),
                scope,
                date: h.date.map(|d| d.format("%d/%m/%Y").to_string()),
            };
            Page {
                path: h.path.clone(),
                template: "hub.html",
                title: h.label.clone(),
                breadcrumbs: crumbs,
                province: None,
                document: None,
                data: PageData::Hub(HubData { hub, docs: v.summaries(&h.cited_by) }),
            }
        }));
    }
    planned
}

//! The hub family: a page per cited document that is not on the site, and their index.

use super::data::{HubData, HubView};
use super::groups::Groups;
use super::lists::terms_page;
use super::page::{Page, PageData};
use super::planned::Planned;
use super::views::{LinkView, Views};
use crate::urls;

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
        let tracked = std::sync::Arc::clone(&g.tracked);
        planned.push(Planned::new(h.path.clone(), "hub.html", move |v| {
            let h = &v.site.hubs[&key];
            let mut crumbs = vec![v.home(), v.link(v.ui("nav_hubs"), urls::HUBS)];
            if let Some(p) = &province_crumb {
                crumbs.push(v.link(p.clone(), &urls::province(p)));
            }
            let scope = match (&h.province, &h.issuer) {
                (Some(p), _) => format!("{} {p}", v.ui("hub_scope_province")),
                (None, Some(issuer)) => issuer.clone(),
                (None, None) => v.ui("hub_scope_central"),
            };
            let hub = HubView {
                number: h.number.clone(),
                year: h.year,
                title: h.title.clone(),
                scope,
                date: h.date.map(|d| d.format("%d/%m/%Y").to_string()),
                kind: h.kind.clone(),
                issuer: h.issuer.clone(),
                subject: h.subject.clone(),
                link: h.link.clone(),
            };
            let central = crate::tracker::table::central_of_hub(h);
            let tracker = super::tracker::on_page(v, &tracked, central);
            Page {
                path: h.path.clone(),
                template: "hub.html",
                title: h.label.clone(),
                breadcrumbs: crumbs,
                province: None,
                document: None,
                data: PageData::Hub(Box::new(HubData {
                    hub,
                    docs: v.summaries(&h.cited_by),
                    tracker,
                })),
            }
        }));
    }
    planned
}

//! Which pages the site has (documents, provinces, years, types, fields, hubs…) and the data each one shows.

use super::page::Page;
use super::views::{LinkView, Views};
use crate::data::ui_str;
use crate::text::slugify;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A page known by its path; its data is made only when it is rendered.
pub struct Lazy {
    pub path: String,
    make: Box<dyn Fn(&Views<'_>) -> Page + Send + Sync>,
}

impl Lazy {
    fn new(path: String, make: impl Fn(&Views<'_>) -> Page + Send + Sync + 'static) -> Lazy {
        Lazy { path, make: Box::new(make) }
    }

    /// The page with its data.
    pub fn page(&self, v: &Views<'_>) -> Page {
        (self.make)(v)
    }
}

/// Every page of the site, each made when asked for (so a build holds a few pages' data at a time).
pub struct Plan {
    /// The pages other than documents'.
    pub pages: Vec<Lazy>,
    by_province: BTreeMap<String, Vec<usize>>,
    home: LinkView,
}

impl Plan {
    /// The page of document `i`.
    pub fn document(&self, v: &Views<'_>, i: usize) -> Page {
        let same =
            self.by_province.get(&v.site.documents[i].meta.province).map_or(&[][..], Vec::as_slice);
        super::document::page(v, i, same, self.home.clone())
    }

    /// Site paths of every page, documents' included.
    pub fn paths<'a>(&'a self, v: &'a Views<'_>) -> impl Iterator<Item = &'a str> {
        self.pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(v.site.documents.iter().map(|d| d.path.as_str()))
    }
}

/// Lists every page of the site with its data.
pub fn pages(v: &Views<'_>) -> Vec<Page> {
    let plan = plan(v);
    let mut pages = Vec::with_capacity(plan.pages.len() + v.site.documents.len());
    pages.extend((0..v.site.documents.len()).map(|i| plan.document(v, i)));
    pages.extend(plan.pages.iter().map(|p| p.page(v)));
    pages
}

/// A breadcrumb link.
fn crumb(v: &Views<'_>, label: String, path: &str) -> LinkView {
    LinkView { label, url: v.url(path), count: None, note: None }
}

/// Every page of the site: what each one lists, not yet its data.
pub fn plan(v: &Views<'_>) -> Plan {
    let site = v.site;
    let ui = &v.catalog.ui;
    let home = home_link(v);
    let mut pages: Vec<Lazy> = Vec::new();
    let ready = |p: Page| Lazy::new(p.path.clone(), move |_| p.clone());

    let mut by_province: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_province_year: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_field: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, d) in site.documents.iter().enumerate() {
        by_province.entry(d.meta.province.clone()).or_default().push(i);
        by_province_year.entry((d.meta.province.clone(), d.meta.year)).or_default().push(i);
        by_year.entry(d.meta.year).or_default().push(i);
        by_type.entry(d.meta.doc_type.clone()).or_default().push(i);
        for f in &d.meta.fields {
            by_field.entry(slugify(f)).or_insert_with(|| (f.clone(), Vec::new())).1.push(i);
        }
    }
    let province_links: Vec<LinkView> =
        sorted_by_fold(by_province.iter().map(|(p, docs)| LinkView {
            label: p.clone(),
            url: v.url(&Views::province_path(p)),
            count: Some(docs.len()),
            note: v.catalog.now_part_of(p).map(|n| format!("{} {n}", ui_str(ui, "now_part_of"))),
        }));
    let year_links: Vec<LinkView> = by_year
        .iter()
        .rev()
        .map(|(y, docs)| LinkView {
            label: y.to_string(),
            url: v.url(&format!("/nam/{y}/")),
            count: Some(docs.len()),
            note: None,
        })
        .collect();
    let type_links: Vec<LinkView> = v
        .catalog
        .types
        .iter()
        .filter_map(|t| {
            by_type.get(&t.name).map(|docs| LinkView {
                label: t.plural.clone(),
                url: v.url(&format!("/loai/{}/", t.slug)),
                count: Some(docs.len()),
                note: None,
            })
        })
        .collect();
    let field_links: Vec<LinkView> =
        sorted_by_fold(by_field.iter().map(|(slug, (name, docs))| LinkView {
            label: name.clone(),
            url: v.url(&format!("/linh-vuc/{slug}/")),
            count: Some(docs.len()),
            note: None,
        }));

    let all: Vec<usize> = (0..site.documents.len()).collect();
    pages.push(ready(Page {
        path: "/".into(),
        template: "index.html",
        title: site.config.title.clone(),
        breadcrumbs: vec![],
        data: json!({
            "latest": v.newest(&all, 20),
            "provinces": province_links, "years": year_links, "types": type_links, "fields": field_links,
        }),
    }));

    for (path, key, links) in [
        ("/nam/", "by_year", &year_links),
        ("/loai/", "by_type", &type_links),
        ("/linh-vuc/", "by_field", &field_links),
        ("/tinh/", "by_province", &province_links),
    ] {
        pages.push(ready(list_index(path, ui_str(ui, key), links, vec![home.clone()])));
    }

    for (p, docs) in &by_province {
        let path = Views::province_path(p);
        let years: Vec<(i32, Vec<usize>)> = by_province_year
            .range((p.clone(), i32::MIN)..=(p.clone(), i32::MAX))
            .rev()
            .map(|((_, y), docs)| (*y, docs.clone()))
            .collect();
        let (p, count, home) = (p.clone(), docs.len(), home.clone());
        pages.push(Lazy::new(path.clone(), move |v| {
            let ui = &v.catalog.ui;
            let groups: Vec<Value> = years.iter()
                .map(|(y, docs)| json!({"heading": format!("{} {y}", ui_str(ui, "year_heading")), "url": v.url(&format!("{path}{y}/")), "docs": v.summaries(docs)}))
                .collect();
            let note = v.catalog.now_part_of(&p).map(|n| json!({"text": ui_str(ui, "now_part_of"), "name": n}));
            let took_in = v.catalog.took_in(&p);
            Page {
                path: path.clone(),
                template: "list.html",
                title: p.clone(),
                breadcrumbs: vec![home.clone(), crumb(v, ui_str(ui, "by_province"), "/tinh/")],
                data: json!({"groups": groups, "count": count, "merger_note": note,
                             "took_in": (!took_in.is_empty()).then(|| json!({"text": ui_str(ui, "took_in"), "names": took_in}))}),
            }
        }));
    }
    for ((p, y), docs) in &by_province_year {
        let ppath = Views::province_path(p);
        let path = format!("{ppath}{y}/");
        let (p, y, docs, home) = (p.clone(), *y, docs.clone(), home.clone());
        pages.push(Lazy::new(path.clone(), move |v| Page {
            path: path.clone(),
            template: "list.html",
            title: format!("{p} — {} {y}", ui_str(&v.catalog.ui, "year_heading")),
            breadcrumbs: vec![home.clone(), crumb(v, p.clone(), &ppath)],
            data: json!({"groups": [{"heading": null, "docs": v.summaries(&docs)}], "count": docs.len()}),
        }));
    }
    for (y, docs) in &by_year {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in docs {
            groups.entry(site.documents[i].meta.province.clone()).or_default().push(i);
        }
        let groups = sorted_groups(groups);
        let (y, count, home, path) = (*y, docs.len(), home.clone(), format!("/nam/{y}/"));
        pages.push(Lazy::new(path.clone(), move |v| {
            let ui = &v.catalog.ui;
            let groups: Vec<Value> = groups.iter()
                .map(|(p, docs)| json!({"heading": p, "url": v.url(&format!("{}{y}/", Views::province_path(p))), "docs": v.summaries(docs)}))
                .collect();
            Page {
                path: path.clone(),
                template: "list.html",
                title: format!("{} {y}", ui_str(ui, "year_heading")),
                breadcrumbs: vec![home.clone(), crumb(v, ui_str(ui, "by_year"), "/nam/")],
                data: json!({"groups": groups, "count": count}),
            }
        }));
    }
    for t in &v.catalog.types {
        if let Some(docs) = by_type.get(&t.name) {
            pages.push(by_year_page(
                format!("/loai/{}/", t.slug),
                t.plural.clone(),
                "by_type",
                "/loai/",
                home.clone(),
                docs.clone(),
            ));
        }
    }
    for (slug, (name, docs)) in &by_field {
        pages.push(by_year_page(
            format!("/linh-vuc/{slug}/"),
            name.clone(),
            "by_field",
            "/linh-vuc/",
            home.clone(),
            docs.clone(),
        ));
    }

    let hub_links: Vec<LinkView> = site
        .hubs
        .values()
        .map(|h| LinkView {
            label: h.label.clone(),
            url: v.url(&h.path),
            count: Some(h.cited_by.len()),
            note: h.province.clone().or_else(|| h.title.clone()),
        })
        .collect();
    pages.push(ready(list_index(
        "/van-ban/",
        ui_str(ui, "nav_hubs"),
        &hub_links,
        vec![home.clone()],
    )));
    for h in site.hubs.values() {
        // A province only has a page when it has documents of its own.
        let province_crumb = h.province.clone().filter(|p| by_province.contains_key(p));
        let (key, home) = (h.path.clone(), home.clone());
        pages.push(Lazy::new(h.path.clone(), move |v| {
            let ui = &v.catalog.ui;
            let h = &v.site.hubs[&key];
            let mut crumbs = vec![home.clone(), crumb(v, ui_str(ui, "nav_hubs"), "/van-ban/")];
            if let Some(p) = &province_crumb {
                crumbs.push(crumb(v, p.clone(), &Views::province_path(p)));
            }
            let scope = match &h.province {
                Some(p) => format!("{} {p}", ui_str(ui, "hub_scope_province")),
                None => ui_str(ui, "hub_scope_central"),
            };
            Page {
                path: h.path.clone(),
                template: "hub.html",
                title: h.label.clone(),
                breadcrumbs: crumbs,
                data: json!({"hub": {"number": h.number, "year": h.year, "title": h.title, "scope": scope,
                                      "date": h.date.map(|d| d.format("%d/%m/%Y").to_string())},
                             "docs": v.summaries(&h.cited_by)}),
            }
        }));
    }

    pages.push(ready(super::search_page::page(v, home.clone(), &province_links, &year_links)));
    pages.push(ready(Page {
        path: "/404.html".into(),
        template: "404.html",
        title: ui_str(ui, "not_found_title"),
        breadcrumbs: vec![],
        data: json!({}),
    }));
    Plan { pages, by_province, home }
}

/// The breadcrumb to the home page.
fn home_link(v: &Views<'_>) -> LinkView {
    LinkView { label: ui_str(&v.catalog.ui, "home"), url: v.url("/"), count: None, note: None }
}

/// The pages of the documents at `indices` only (the same pages `pages` makes for them).
pub fn document_pages(v: &Views<'_>, indices: &[usize]) -> Vec<Page> {
    let plan = plan(v);
    indices.iter().map(|&i| plan.document(v, i)).collect()
}

/// A page listing `docs` grouped by year, newest first.
fn by_year_page(
    path: String,
    title: String,
    crumb_key: &'static str,
    crumb_path: &'static str,
    home: LinkView,
    docs: Vec<usize>,
) -> Lazy {
    Lazy::new(path.clone(), move |v| {
        let mut groups: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &i in &docs {
            groups.entry(v.site.documents[i].meta.year).or_default().push(i);
        }
        let ui = &v.catalog.ui;
        let groups: Vec<Value> = groups.iter().rev()
            .map(|(y, docs)| json!({"heading": format!("{} {y}", ui_str(ui, "year_heading")), "url": v.url(&format!("/nam/{y}/")), "docs": v.summaries(docs)}))
            .collect();
        Page {
            path: path.clone(),
            template: "list.html",
            title: title.clone(),
            breadcrumbs: vec![home.clone(), crumb(v, ui_str(ui, crumb_key), crumb_path)],
            data: json!({"groups": groups, "count": docs.len()}),
        }
    })
}

fn list_index(path: &str, title: String, terms: &[LinkView], breadcrumbs: Vec<LinkView>) -> Page {
    Page {
        path: path.into(),
        template: "terms.html",
        title,
        breadcrumbs,
        data: json!({"terms": terms}),
    }
}

fn sorted_by_fold(items: impl Iterator<Item = LinkView>) -> Vec<LinkView> {
    let mut v: Vec<LinkView> = items.collect();
    v.sort_by_cached_key(|l| (crate::text::fold(&l.label), l.label.clone()));
    v
}

fn sorted_groups(groups: BTreeMap<String, Vec<usize>>) -> Vec<(String, Vec<usize>)> {
    let mut v: Vec<_> = groups.into_iter().collect();
    v.sort_by_cached_key(|(p, _)| (crate::text::fold(p), p.clone()));
    v
}

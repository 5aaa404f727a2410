//! Page families that list documents: home, the indexes, provinces, province-years, years, types
//! and fields.

use super::data::{Group, HomeData, ListData, Note, TermsData, TookIn};
use super::groups::{Groups, sorted_by_name};
use super::page::{Page, PageData};
use super::planned::Planned;
use super::views::{LinkView, Views};
use crate::urls;
use std::collections::BTreeMap;

/// Most documents the home page lists as the newest.
const HOME_LATEST: usize = 20;

/// The home page.
pub fn home(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let all: Vec<usize> = (0..v.site.documents.len()).collect();
    let data = HomeData {
        latest: v.newest(&all, HOME_LATEST),
        provinces: g.province_links.clone(),
        years: g.year_links.clone(),
        types: g.type_links.clone(),
        fields: g.field_links.clone(),
        tracker: super::tracker::home_line(v, &g.tracked),
    };
    let page = Page {
        path: urls::HOME.into(),
        template: "index.html",
        title: v.site.config.title.clone(),
        breadcrumbs: vec![],
        province: None,
        document: None,
        data: PageData::Home(data),
    };
    vec![Planned::ready(page)]
}

/// The indexes of years, types, fields and provinces.
pub fn indexes(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    [
        (urls::YEARS, "by_year", &g.year_links),
        (urls::TYPES, "by_type", &g.type_links),
        (urls::FIELDS, "by_field", &g.field_links),
        (urls::PROVINCES, "by_province", &g.province_links),
    ]
    .into_iter()
    .map(|(path, key, links)| Planned::ready(terms_page(v, path, v.ui(key), links.clone())))
    .collect()
}

/// An index page listing `terms`.
pub fn terms_page(v: &Views<'_>, path: &str, title: String, terms: Vec<LinkView>) -> Page {
    Page {
        path: path.into(),
        template: "terms.html",
        title,
        breadcrumbs: vec![v.home()],
        province: None,
        document: None,
        data: PageData::Terms(TermsData { terms }),
    }
}

/// A page of `list.html`.
fn list_page(path: String, title: String, breadcrumbs: Vec<LinkView>, data: ListData) -> Page {
    let data = PageData::List(data);
    Page { path, template: "list.html", title, breadcrumbs, province: None, document: None, data }
}

/// Groups without merger notes.
fn plain(groups: Vec<Group>, count: usize) -> ListData {
    ListData {
        groups,
        count,
        merger_note: None,
        took_in: None,
        lineage: Vec::new(),
        lineage_count: 0,
        plan: None,
    }
}

/// "Năm 2024", the heading of a year.
fn year_heading(v: &Views<'_>, year: i32) -> String {
    format!("{} {year}", v.ui("year_heading"))
}

/// A page per province: its documents by year, and its place in the 2025 merger (on a unit's
/// page, the documents of the provinces it took in). A unit whose only documents are its old
/// provinces' has a page too.
pub fn provinces(_: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let own = g.by_province.keys();
    let planned = own.chain(&g.merged_only).map(|p| {
        let years: Vec<(i32, Vec<usize>)> =
            g.years_of(p).into_iter().map(|(y, docs)| (y, docs.to_vec())).collect();
        let p = p.clone();
        Planned::new(urls::province(&p), "list.html", move |v| province_page(v, &p, &years))
    });
    planned.collect()
}

/// The page of province `p`, whose documents by year are `years`.
fn province_page(v: &Views<'_>, p: &str, years: &[(i32, Vec<usize>)]) -> Page {
    let groups = years
        .iter()
        .map(|(y, docs)| Group {
            heading: Some(year_heading(v, *y)),
            url: Some(v.url(&urls::province_year(p, *y))),
            docs: v.summaries(docs),
        })
        .collect();
    let merger_note = v.catalog.now_part_of(p).map(|n| Note {
        text: v.ui("now_part_of"),
        name: n.to_string(),
        url: v.url(&urls::province(n)),
    });
    let took_in = v.catalog.took_in(p);
    let took_in = (!took_in.is_empty()).then(|| TookIn {
        text: v.ui("took_in"),
        names: took_in.into_iter().map(str::to_string).collect(),
    });
    let (lineage, lineage_count) = super::tracker::lineage(v, p);
    let crumbs = vec![v.home(), v.link(v.ui("by_province"), urls::PROVINCES)];
    let own: Vec<usize> = years.iter().flat_map(|(_, d)| d.iter().copied()).collect();
    let count = own.len();
    let plan = super::targets::province_plan(v, p, &own);
    let data = ListData { groups, count, merger_note, took_in, lineage, lineage_count, plan };
    let page = list_page(urls::province(p), p.to_string(), crumbs, data);
    // A province's feed exists when it has documents of its own.
    Page { province: (count > 0).then(|| p.to_string()), ..page }
}

/// A page per province and year.
pub fn province_years(_: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let planned = g.by_province_year.iter().map(|((p, y), docs)| {
        let (p, y, docs) = (p.clone(), *y, docs.clone());
        Planned::new(urls::province_year(&p, y), "list.html", move |v| {
            let title = format!("{p} — {}", year_heading(v, y));
            let crumbs = vec![v.home(), v.link(p.clone(), &urls::province(&p))];
            let group = Group { heading: None, url: None, docs: v.summaries(&docs) };
            let page = list_page(
                urls::province_year(&p, y),
                title,
                crumbs,
                plain(vec![group], docs.len()),
            );
            Page { province: Some(p.clone()), ..page }
        })
    });
    planned.collect()
}

/// A page per plan year: its documents by province.
pub fn years(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let planned = g.by_year.iter().map(|(y, docs)| {
        let mut by_province: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in docs {
            by_province.entry(v.site.documents[i].meta.province.clone()).or_default().push(i);
        }
        let (y, count, groups) = (*y, docs.len(), sorted_by_name(by_province));
        Planned::new(urls::year(y), "list.html", move |v| {
            let groups = groups
                .iter()
                .map(|(p, docs)| Group {
                    heading: Some(p.clone()),
                    url: Some(v.url(&urls::province_year(p, y))),
                    docs: v.summaries(docs),
                })
                .collect();
            let crumbs = vec![v.home(), v.link(v.ui("by_year"), urls::YEARS)];
            list_page(urls::year(y), year_heading(v, y), crumbs, plain(groups, count))
        })
    });
    planned.collect()
}

/// A page per document type: its documents by year.
pub fn types(v: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let types = v.catalog.types.iter().filter_map(|t| {
        let docs = g.by_type.get(&t.name)?;
        let crumb = ("by_type", urls::TYPES);
        Some(by_year_page(urls::doc_type(&t.slug), t.plural.clone(), crumb, docs.clone()))
    });
    types.collect()
}

/// A page per field: its documents by year.
pub fn fields(_: &Views<'_>, g: &Groups) -> Vec<Planned> {
    let fields = g.by_field.iter().map(|(slug, (name, docs))| {
        by_year_page(
            urls::field_by_slug(slug),
            name.clone(),
            ("by_field", urls::FIELDS),
            docs.clone(),
        )
    });
    fields.collect()
}

/// A page listing `docs` grouped by year, newest first, below the index `crumb` (UI key, path).
fn by_year_page(
    path: String,
    title: String,
    crumb: (&'static str, &'static str),
    docs: Vec<usize>,
) -> Planned {
    Planned::new(path.clone(), "list.html", move |v| {
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &i in &docs {
            by_year.entry(v.site.documents[i].meta.year).or_default().push(i);
        }
        let groups = by_year
            .iter()
            .rev()
            .map(|(y, docs)| Group {
                heading: Some(year_heading(v, *y)),
                url: Some(v.url(&urls::year(*y))),
                docs: v.summaries(docs),
            })
            .collect();
        let crumbs = vec![v.home(), v.link(v.ui(crumb.0), crumb.1)];
        list_page(path.clone(), title.clone(), crumbs, plain(groups, docs.len()))
    })
}

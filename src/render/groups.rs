//! The site's documents grouped once by province, year, type and field, for every list page.

use super::tracker::Tracked;
use super::views::{LinkView, Views};
use crate::text::{fold, slugify};
use crate::urls;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Document indices by what list pages group them by, and the links to those pages.
pub struct Groups {
    /// By canonical province name.
    pub by_province: BTreeMap<String, Vec<usize>>,
    /// By province and plan year.
    pub by_province_year: BTreeMap<(String, i32), Vec<usize>>,
    /// By plan year.
    pub by_year: BTreeMap<i32, Vec<usize>>,
    /// By document type name.
    pub by_type: BTreeMap<String, Vec<usize>>,
    /// By field slug: the field's name as first written, and its documents.
    pub by_field: BTreeMap<String, (String, Vec<usize>)>,
    /// Links to the province pages, in alphabetical order (diacritics folded).
    pub province_links: Vec<LinkView>,
    /// Links to the year pages, newest first.
    pub year_links: Vec<LinkView>,
    /// Links to the type pages, in the catalog's order.
    pub type_links: Vec<LinkView>,
    /// Links to the field pages, in alphabetical order.
    pub field_links: Vec<LinkView>,
    /// Today's units without documents of their own whose old provinces have some: their pages
    /// show those (the lineage).
    pub merged_only: Vec<String>,
    /// The central documents the tracker follows (shared by the pages that show them).
    pub tracked: Arc<Tracked>,
}

impl Groups {
    /// Groups every document of the site.
    pub fn new(v: &Views<'_>) -> Groups {
        let mut g = Groups {
            by_province: BTreeMap::new(),
            by_province_year: BTreeMap::new(),
            by_year: BTreeMap::new(),
            by_type: BTreeMap::new(),
            by_field: BTreeMap::new(),
            province_links: Vec::new(),
            year_links: Vec::new(),
            type_links: Vec::new(),
            field_links: Vec::new(),
            merged_only: Vec::new(),
            tracked: Arc::new(Tracked::default()),
        };
        for (i, d) in v.site.documents.iter().enumerate() {
            let m = &d.meta;
            g.by_province.entry(m.province.clone()).or_default().push(i);
            g.by_province_year.entry((m.province.clone(), m.year)).or_default().push(i);
            g.by_year.entry(m.year).or_default().push(i);
            g.by_type.entry(m.doc_type.clone()).or_default().push(i);
            for f in &m.fields {
                g.by_field.entry(slugify(f)).or_insert_with(|| (f.clone(), Vec::new())).1.push(i);
            }
        }
        g.merged_only = v
            .catalog
            .after_2025
            .iter()
            .filter(|u| !g.by_province.contains_key(&u.name))
            .filter(|u| v.catalog.took_in(&u.name).iter().any(|p| g.by_province.contains_key(*p)))
            .map(|u| u.name.clone())
            .collect();
        let pages: BTreeSet<String> = g.by_province.keys().chain(&g.merged_only).cloned().collect();
        g.tracked = Arc::new(Tracked::new(v, pages));
        let now_part_of = v.ui("now_part_of");
        let took_in = v.ui("took_in");
        let merged_only = g.merged_only.iter().map(|u| LinkView {
            label: u.clone(),
            url: v.url(&urls::province(u)),
            count: None,
            note: Some(format!("{took_in} {}", v.catalog.took_in(u).join(", "))),
        });
        let own = g.by_province.iter().map(|(p, docs)| LinkView {
            label: p.clone(),
            url: v.url(&urls::province(p)),
            count: Some(docs.len()),
            note: v.catalog.now_part_of(p).map(|n| format!("{now_part_of} {n}")),
        });
        g.province_links = sorted_by_fold(own.chain(merged_only));
        g.year_links = g
            .by_year
            .iter()
            .rev()
            .map(|(y, docs)| counted(v, y.to_string(), &urls::year(*y), docs))
            .collect();
        g.type_links = v
            .catalog
            .types
            .iter()
            .filter_map(|t| {
                let docs = g.by_type.get(&t.name)?;
                Some(counted(v, t.plural.clone(), &urls::doc_type(&t.slug), docs))
            })
            .collect();
        g.field_links = sorted_by_fold(g.by_field.iter().map(|(slug, (name, docs))| {
            counted(v, name.clone(), &urls::field_by_slug(slug), docs)
        }));
        g
    }

    /// The years of a province, newest first, with their documents.
    pub fn years_of(&self, province: &str) -> Vec<(i32, &[usize])> {
        let p = province.to_string();
        self.by_province_year
            .range((p.clone(), i32::MIN)..=(p, i32::MAX))
            .rev()
            .map(|((_, y), docs)| (*y, docs.as_slice()))
            .collect()
    }

    /// The documents of a province (none when it has no page).
    pub fn of_province(&self, province: &str) -> &[usize] {
        self.by_province.get(province).map_or(&[][..], Vec::as_slice)
    }
}

/// A link to a list page with its document count.
fn counted(v: &Views<'_>, label: String, path: &str, docs: &[usize]) -> LinkView {
    LinkView { label, url: v.url(path), count: Some(docs.len()), note: None }
}

/// Links in alphabetical order of their folded labels (Đ with D, tones ignored).
fn sorted_by_fold(items: impl Iterator<Item = LinkView>) -> Vec<LinkView> {
    let mut v: Vec<LinkView> = items.collect();
    v.sort_by_cached_key(|l| (fold(&l.label), l.label.clone()));
    v
}

/// Groups in alphabetical order of their folded names.
pub fn sorted_by_name(groups: BTreeMap<String, Vec<usize>>) -> Vec<(String, Vec<usize>)> {
    let mut v: Vec<_> = groups.into_iter().collect();
    v.sort_by_cached_key(|(p, _)| (fold(p), p.clone()));
    v
}

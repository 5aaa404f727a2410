//! Which pages the site has: one function per page family over one grouping of the documents.
//!
//! A page is planned with its path and template; its data is made only when it is rendered, so a
//! build holds a few pages' data at a time. Adding a family is one function and one line in
//! [`FAMILIES`].

use super::groups::Groups;
use super::page::Page;
pub use super::planned::Planned;
use super::views::Views;
use super::{agencies, document, fixed, hubs, lists, targets, tracker};

/// A page family: the pages it adds to the site.
pub type Family = fn(&Views<'_>, &Groups) -> Vec<Planned>;

/// Every page family except documents' own pages (see [`Plan::document`]).
pub const FAMILIES: &[Family] = &[
    lists::home,
    lists::indexes,
    lists::provinces,
    lists::province_years,
    lists::years,
    lists::types,
    lists::fields,
    hubs::hubs,
    targets::indicators,
    agencies::agencies,
    tracker::trackers,
    fixed::search,
    fixed::not_found,
];

/// Every page of the site, each made when asked for.
pub struct Plan {
    /// The pages other than documents'.
    pub pages: Vec<Planned>,
    /// The documents grouped for list pages (document pages show their province's other years).
    pub groups: Groups,
}

/// Plans every page of the site.
pub fn plan(v: &Views<'_>) -> Plan {
    let groups = Groups::new(v);
    let pages = FAMILIES.iter().flat_map(|family| family(v, &groups)).collect();
    Plan { pages, groups }
}

impl Plan {
    /// The page of document `i`.
    pub fn document(&self, v: &Views<'_>, i: usize) -> Page {
        document::page(v, i, &self.groups)
    }

    /// The pages of the documents at `indices`.
    pub fn documents(&self, v: &Views<'_>, indices: &[usize]) -> Vec<Page> {
        indices.iter().map(|&i| self.document(v, i)).collect()
    }

    /// Every page with its data, documents' first.
    pub fn all(&self, v: &Views<'_>) -> Vec<Page> {
        let mut pages = Vec::with_capacity(self.pages.len() + v.site.documents.len());
        pages.extend((0..v.site.documents.len()).map(|i| self.document(v, i)));
        pages.extend(self.pages.iter().map(|p| p.page(v)));
        pages
    }

    /// Site paths of every page, documents' included.
    pub fn paths<'a>(&'a self, v: &'a Views<'_>) -> impl Iterator<Item = &'a str> {
        let documents = v.site.documents.iter().map(|d| d.path.as_str());
        self.pages.iter().map(|p| p.path.as_str()).chain(documents)
    }
}

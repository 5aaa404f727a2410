//! The views every template shares: links and document summaries, with the base path applied.

use crate::data::Catalog;
use crate::model::{Site, Target, newest_first};
use crate::text::slugify;
use crate::urls::{self, Urls};
use serde::Serialize;

/// A link with a label (breadcrumbs, lists of terms, cited documents).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkView {
    /// Text of the link.
    pub label: String,
    /// Address, base path included.
    pub url: String,
    /// How many documents the linked page lists, where that is shown.
    pub count: Option<usize>,
    /// A short note shown after the link (a title, "nay thuộc …").
    pub note: Option<String>,
}

/// A document as shown in lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    /// Full official title.
    pub title: String,
    /// Address of the document's page.
    pub url: String,
    /// Số hiệu, when it has one.
    pub number: Option<String>,
    /// Document type ("Kế hoạch").
    pub doc_type: String,
    /// Address of the type's page.
    pub type_url: String,
    /// Province as it was named when the document was issued.
    pub province: String,
    /// Address of the province's page.
    pub province_url: String,
    /// Plan year.
    pub year: i32,
    /// Address of the province's page for that year.
    pub province_year_url: String,
    /// Address of the year's page.
    pub year_url: String,
    /// Issue date as `dd/mm/yyyy`.
    pub issued: Option<String>,
    /// Issue date as `yyyy-mm-dd` (for `<time datetime>`).
    pub issued_iso: Option<String>,
    /// The document's own summary.
    pub summary: Option<String>,
}

/// Builds views of a linked site, with the site's base path applied to every URL.
pub struct Views<'a> {
    /// The linked site.
    pub site: &'a Site,
    /// The data files (provinces, types, UI strings).
    pub catalog: &'a Catalog,
    /// Links under the site's base path.
    pub urls: Urls,
}

impl<'a> Views<'a> {
    /// Views over a linked site.
    pub fn new(site: &'a Site, catalog: &'a Catalog) -> Self {
        Views { site, catalog, urls: Urls::new(&site.config.base_path) }
    }

    /// A site path with the base path in front (`/kien-giang/` → `/ct/kien-giang/`).
    pub fn url(&self, path: &str) -> String {
        self.urls.url(path)
    }

    /// A UI string from `data/ui.vi.yaml`.
    pub fn ui(&self, key: &str) -> String {
        self.catalog.ui_str(key)
    }

    /// A link to `path` labelled `label`, with no count or note (breadcrumbs).
    pub fn link(&self, label: String, path: &str) -> LinkView {
        LinkView { label, url: self.url(path), count: None, note: None }
    }

    /// The breadcrumb to the home page.
    pub fn home(&self) -> LinkView {
        self.link(self.ui("home"), urls::HOME)
    }

    /// Path of a type page, by the type's name.
    pub fn type_path(&self, name: &str) -> String {
        let slug = self.catalog.doc_type(name).map_or_else(|| slugify(name), |t| t.slug.clone());
        urls::doc_type(&slug)
    }

    /// Summary of the document at index `i`.
    pub fn summary(&self, i: usize) -> DocSummary {
        let d = &self.site.documents[i];
        let m = &d.meta;
        DocSummary {
            title: m.title.clone(),
            url: self.url(&d.path),
            number: m.number.clone(),
            doc_type: m.doc_type.clone(),
            type_url: self.url(&self.type_path(&m.doc_type)),
            province: m.province.clone(),
            province_url: self.url(&urls::province(&m.province)),
            year: m.year,
            province_year_url: self.url(&urls::province_year(&m.province, m.year)),
            year_url: self.url(&urls::year(m.year)),
            issued: m.issued.map(|d| d.format("%d/%m/%Y").to_string()),
            issued_iso: m.issued.map(|d| d.format("%Y-%m-%d").to_string()),
            summary: m.summary.clone(),
        }
    }

    /// Summaries of several documents, newest first (issued date, then year, then title).
    pub fn summaries(&self, indices: &[usize]) -> Vec<DocSummary> {
        self.newest(indices, usize::MAX)
    }

    /// Summaries of the `n` newest of several documents (same order as [`Views::summaries`]).
    pub fn newest(&self, indices: &[usize], n: usize) -> Vec<DocSummary> {
        let mut idx = indices.to_vec();
        idx.sort_by(|&a, &b| newest_first(&self.site.documents[a], &self.site.documents[b]));
        idx.into_iter().take(n).map(|i| self.summary(i)).collect()
    }

    /// A link to where a target points, with a label.
    pub fn target(&self, target: &Target, label: &str) -> LinkView {
        let (label, note) = match target {
            Target::Document(i) => {
                (self.site.documents[*i].meta.title.clone(), Some(label.to_string()))
            }
            Target::Hub(p) => {
                let hub = &self.site.hubs[p];
                (hub.label.clone(), hub.title.clone())
            }
        };
        LinkView { label, url: self.url(self.site.target_path(target)), count: None, note }
    }
}

//! Serialisable views of the model that templates see (never the model itself).

use crate::data::{Catalog, province_slug};
use crate::link::target_path;
use crate::model::{Document, Site, Target};
use crate::text::slugify;
use serde::Serialize;

/// A link with a label (breadcrumbs, lists of terms, cited documents).
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub label: String,
    pub url: String,
    pub count: Option<usize>,
    pub note: Option<String>,
}

/// A document as shown in lists.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub title: String,
    pub url: String,
    pub number: Option<String>,
    pub doc_type: String,
    pub type_url: String,
    pub province: String,
    pub province_url: String,
    pub year: i32,
    pub province_year_url: String,
    pub year_url: String,
    pub issued: Option<String>,
    pub issued_iso: Option<String>,
    pub summary: Option<String>,
}

/// Builds views with the site's base path applied to every URL.
pub struct Views<'a> {
    pub site: &'a Site,
    pub catalog: &'a Catalog,
}

impl<'a> Views<'a> {
    /// Views over a linked site.
    pub fn new(site: &'a Site, catalog: &'a Catalog) -> Self {
        Views { site, catalog }
    }

    /// A site path with the base path in front (`/kien-giang/` → `/ct/kien-giang/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.site.config.base_path.trim_end_matches('/'), path)
    }

    /// Path of a province page.
    pub fn province_path(name: &str) -> String {
        format!("/{}/", province_slug(name))
    }

    /// Path of a type page.
    pub fn type_path(&self, name: &str) -> String {
        let slug = self.catalog.doc_type(name).map_or_else(|| slugify(name), |t| t.slug.clone());
        format!("/loai/{slug}/")
    }

    /// Path of a field page.
    pub fn field_path(name: &str) -> String {
        format!("/linh-vuc/{}/", slugify(name))
    }

    /// Summary of the document at index `i`.
    pub fn summary(&self, i: usize) -> DocSummary {
        let d = &self.site.documents[i];
        let m = &d.meta;
        let province_path = Self::province_path(&m.province);
        DocSummary {
            title: m.title.clone(),
            url: self.url(&d.path),
            number: m.number.clone(),
            doc_type: m.doc_type.clone(),
            type_url: self.url(&self.type_path(&m.doc_type)),
            province: m.province.clone(),
            province_url: self.url(&province_path),
            year: m.year,
            province_year_url: self.url(&format!("{province_path}{}/", m.year)),
            year_url: self.url(&format!("/nam/{}/", m.year)),
            issued: m.issued.map(|d| d.format("%d/%m/%Y").to_string()),
            issued_iso: m.issued.map(|d| d.format("%Y-%m-%d").to_string()),
            summary: m.summary.clone(),
        }
    }

    /// Summaries of several documents, newest first (issued date, then year, then title).
    pub fn summaries(&self, indices: &[usize]) -> Vec<DocSummary> {
        let mut idx = indices.to_vec();
        idx.sort_by(|&a, &b| newest_first(&self.site.documents[a], &self.site.documents[b]));
        idx.into_iter().map(|i| self.summary(i)).collect()
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
        LinkView {
            label,
            url: self.url(target_path(target, &self.site.documents)),
            count: None,
            note,
        }
    }
}

/// Orders documents newest first, deterministically.
pub fn newest_first(a: &Document, b: &Document) -> std::cmp::Ordering {
    b.meta
        .issued
        .cmp(&a.meta.issued)
        .then(b.meta.year.cmp(&a.meta.year))
        .then(a.meta.title.cmp(&b.meta.title))
        .then(a.path.cmp(&b.path))
}

//! The tracker of one central document: every province that was a province on its date, each with
//! its implementing programmes on the site (or none on this site), the count and the median days.

use super::{after_merger, days_between, median, province_rows};
use crate::data::{Catalog, province_slug};
use crate::link::resolve::number_key;
use crate::model::{Document, Hub, Site, Target};
use chrono::NaiveDate;
use serde::Serialize;

/// A central document the tracker follows: a hub, or a document of the site with a central number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentralDoc {
    pub number: String,
    /// Comparable form of the number ("1/nq-cp"), the same for every year's document.
    pub number_key: String,
    pub year: i32,
    pub date: Option<NaiveDate>,
    /// "Nghị quyết"
    pub kind: Option<String>,
    /// "Chính phủ"
    pub issuer: Option<String>,
    /// "về nhiệm vụ, giải pháp chủ yếu …"
    pub subject: Option<String>,
    /// "Nghị quyết số 01/NQ-CP ngày 05/01/2024"
    pub label: String,
    /// Site path of its page (hub or document).
    pub path: String,
    /// Official link, from the data file.
    pub link: Option<String>,
}

/// How a programme says it implements the central document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Its `implements` names it.
    Implements,
    /// Only its title cites it ("Kế hoạch thực hiện Nghị quyết số 01/NQ-CP …").
    Title,
}

/// A document of the site implementing a central document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    /// Index in `Site::documents`.
    pub document: usize,
    pub path: String,
    pub title: String,
    pub doc_type: String,
    pub number: Option<String>,
    pub issued: Option<NaiveDate>,
    /// The province it is filed under (as named when it was issued).
    pub province: String,
    /// Days from the central document's date to its own; None when either date is unknown.
    pub days: Option<i64>,
    pub via: Via,
}

/// One province of a tracker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub province: String,
    pub slug: String,
    /// The unit it is part of since 1 July 2025, when that is another one.
    pub now_part_of: Option<String>,
    /// Its implementing programmes on the site, earliest first; empty: none on this site.
    pub programmes: Vec<Programme>,
    /// Days to its first dated programme.
    pub days: Option<i64>,
}

/// The tracker of one central document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tracker {
    pub central: CentralDoc,
    /// Whether its date is from 1 July 2025 (rows: the 34 units, else the 63 provinces).
    pub after_merger: bool,
    /// One row per province, in Vietnamese alphabetical order.
    pub rows: Vec<Row>,
    /// Provinces with at least one programme on the site.
    pub implemented: usize,
    /// Provinces it applies to (63 or 34).
    pub total: usize,
    /// Median of the rows' days, over the provinces with a dated programme.
    pub median_days: Option<f64>,
    /// Indices of `rows` fastest first (ties by name), then the rows without days.
    pub by_days: Vec<usize>,
}

impl Tracker {
    /// "7/63", the count shown with "tỉnh, thành phố".
    pub fn count(&self) -> String {
        format!("{}/{}", self.implemented, self.total)
    }

    /// The rows, fastest first (see `by_days`).
    pub fn rows_by_days(&self) -> impl Iterator<Item = &Row> {
        self.by_days.iter().map(|&i| &self.rows[i])
    }

    /// The row of a province, by its canonical name.
    pub fn row(&self, province: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.province == province)
    }
}

/// The central documents that documents of the site implement, in order of number then year.
pub fn central_docs(site: &Site, catalog: &Catalog) -> Vec<(CentralDoc, Vec<usize>)> {
    let hubs = site.hubs.values().filter_map(central_of_hub);
    let documents = (0..site.documents.len()).filter_map(|i| central_of_document(site, catalog, i));
    let mut out: Vec<(CentralDoc, Vec<usize>)> =
        hubs.chain(documents).map(|(doc, by)| (doc, by.to_vec())).collect();
    out.sort_by(|a, b| (&a.0.number_key, a.0.year).cmp(&(&b.0.number_key, b.0.year)));
    out
}

/// The central document a hub stands for, with the documents implementing it; None when it is
/// provincial or nothing on the site implements it.
pub fn central_of_hub(h: &Hub) -> Option<(CentralDoc, &[usize])> {
    if h.province.is_some() || h.implemented_by.is_empty() {
        return None;
    }
    let doc = CentralDoc {
        number: h.number.clone(),
        number_key: number_key(&h.number),
        year: h.year,
        date: h.date,
        kind: h.kind.clone(),
        issuer: h.issuer.clone(),
        subject: h.subject.clone(),
        label: h.label.clone(),
        path: h.path.clone(),
        link: h.link.clone(),
    };
    Some((doc, &h.implemented_by))
}

/// Document `i` as a central document, with the documents implementing it; None when no
/// document of the site implements it.
pub fn central_of_document<'s>(
    site: &'s Site,
    catalog: &Catalog,
    i: usize,
) -> Option<(CentralDoc, &'s [usize])> {
    let (d, links) = (&site.documents[i], &site.links[i]);
    let number = d.meta.number.as_deref().filter(|_| !links.implemented_by.is_empty())?;
    let year = d.meta.issued.map_or(d.meta.year, |i| chrono::Datelike::year(&i));
    let doc = CentralDoc {
        number: number.to_string(),
        number_key: number_key(number),
        year,
        date: d.meta.issued,
        kind: Some(d.meta.doc_type.clone()),
        issuer: catalog.central_issuer_of(number).map(|i| i.name.clone()),
        subject: None,
        label: crate::link::resolve::label(Some(&d.meta.doc_type), number, d.meta.issued),
        path: d.path.clone(),
        link: None,
    };
    Some((doc, &links.implemented_by))
}

/// The tracker of every central document the site's documents implement.
pub fn trackers(site: &Site, catalog: &Catalog) -> Vec<Tracker> {
    central_docs(site, catalog)
        .into_iter()
        .map(|(doc, implementers)| tracker(site, catalog, doc, &implementers))
        .collect()
}

/// The tracker of `central`, implemented by the documents at `implementers`.
pub fn tracker(
    site: &Site,
    catalog: &Catalog,
    central: CentralDoc,
    implementers: &[usize],
) -> Tracker {
    let after = after_merger(catalog, central.date, central.year);
    let mut rows: Vec<Row> = province_rows(catalog, after)
        .into_iter()
        .map(|name| Row {
            slug: province_slug(&name),
            now_part_of: catalog.now_part_of(&name).map(str::to_string),
            province: name,
            programmes: Vec::new(),
            days: None,
        })
        .collect();
    for &i in implementers {
        let d = &site.documents[i];
        let row_name = super::row_for(catalog, &d.meta.province, after);
        let Some(row) = rows.iter_mut().find(|r| r.province == row_name) else { continue };
        row.programmes.push(programme(site, i, d, &central));
    }
    for r in &mut rows {
        r.programmes.sort_by(|a, b| {
            (a.issued.is_none(), a.issued, &a.path).cmp(&(b.issued.is_none(), b.issued, &b.path))
        });
        r.days = r.programmes.iter().filter_map(|p| p.days).min();
    }
    let implemented = rows.iter().filter(|r| !r.programmes.is_empty()).count();
    let mut days: Vec<i64> = rows.iter().filter_map(|r| r.days).collect();
    let mut by_days: Vec<usize> = (0..rows.len()).collect();
    by_days.sort_by_key(|&i| (rows[i].days.is_none(), rows[i].days, i));
    Tracker {
        total: rows.len(),
        median_days: median(&mut days),
        implemented,
        by_days,
        rows,
        after_merger: after,
        central,
    }
}

fn programme(site: &Site, i: usize, d: &Document, central: &CentralDoc) -> Programme {
    let path_of = |t: &Target| site.target_path(t).to_string();
    let via = match site.links[i].implements.iter().flatten().any(|t| path_of(t) == central.path) {
        true => Via::Implements,
        false => Via::Title,
    };
    Programme {
        document: i,
        path: d.path.clone(),
        title: d.meta.title.clone(),
        doc_type: d.meta.doc_type.clone(),
        number: d.meta.number.clone(),
        issued: d.meta.issued,
        province: d.meta.province.clone(),
        days: days_between(central.date, d.meta.issued),
        via,
    }
}

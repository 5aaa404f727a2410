//! Merger lineage: for each of today's 34 units, the documents of the provinces it took in, by year
//! ("Kiên Giang — nay thuộc An Giang"). Documents stay filed under the province that issued them.

use crate::data::{Catalog, province_slug};
use crate::model::Site;
use crate::text::fold;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One of today's units and the provinces it took in (other than itself).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lineage {
    pub unit: String,
    pub slug: String,
    pub members: Vec<Member>,
}

/// A province a unit took in, with its documents on the site.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub province: String,
    pub slug: String,
    /// Years with documents, newest first.
    pub years: Vec<MemberYear>,
}

/// A year of a member's documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberYear {
    pub year: i32,
    pub documents: Vec<DocEntry>,
}

/// A document as a lineage lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocEntry {
    /// Index in `Site::documents`.
    pub document: usize,
    pub path: String,
    pub title: String,
    pub doc_type: String,
    pub number: Option<String>,
    pub issued: Option<NaiveDate>,
}

/// The lineage of every unit, in alphabetical order (units that took in no other province have
/// no members).
pub fn lineage(site: &Site, catalog: &Catalog) -> Vec<Lineage> {
    let by_province = by_province_year(site, |_| true);
    let mut units: Vec<&crate::data::NewProvince> = catalog.after_2025.iter().collect();
    units.sort_by_cached_key(|u| (fold(&u.name), u.name.clone()));
    units.into_iter().map(|u| of_unit(site, catalog, &u.name, &by_province)).collect()
}

/// The lineage of one unit, by its name (None when it is not one of the 34); reads only the
/// documents of the provinces it took in.
pub fn lineage_of(site: &Site, catalog: &Catalog, unit: &str) -> Option<Lineage> {
    catalog.after_2025.iter().find(|u| u.name == unit)?;
    let members = catalog.took_in(unit);
    let by_province = by_province_year(site, |p| members.contains(&p));
    Some(of_unit(site, catalog, unit, &by_province))
}

/// Indices of the documents of the provinces `keep` accepts, by province and plan year.
fn by_province_year(
    site: &Site,
    keep: impl Fn(&str) -> bool,
) -> BTreeMap<&str, BTreeMap<i32, Vec<usize>>> {
    let mut out: BTreeMap<&str, BTreeMap<i32, Vec<usize>>> = BTreeMap::new();
    for (i, d) in site.documents.iter().enumerate().filter(|(_, d)| keep(&d.meta.province)) {
        out.entry(&d.meta.province).or_default().entry(d.meta.year).or_default().push(i);
    }
    out
}

fn of_unit(
    site: &Site,
    catalog: &Catalog,
    unit: &str,
    by_province: &BTreeMap<&str, BTreeMap<i32, Vec<usize>>>,
) -> Lineage {
    Lineage {
        unit: unit.to_string(),
        slug: province_slug(unit),
        members: catalog
            .took_in(unit)
            .into_iter()
            .map(|p| member(site, p, by_province.get(p)))
            .collect(),
    }
}

fn member(site: &Site, province: &str, years: Option<&BTreeMap<i32, Vec<usize>>>) -> Member {
    let years = years
        .into_iter()
        .flatten()
        .rev()
        .map(|(&year, docs)| {
            let mut documents: Vec<DocEntry> = docs
                .iter()
                .map(|&i| {
                    let m = &site.documents[i].meta;
                    DocEntry {
                        document: i,
                        path: site.documents[i].path.clone(),
                        title: m.title.clone(),
                        doc_type: m.doc_type.clone(),
                        number: m.number.clone(),
                        issued: m.issued,
                    }
                })
                .collect();
            documents.sort_by(|a, b| (b.issued, &a.path).cmp(&(a.issued, &b.path)));
            MemberYear { year, documents }
        })
        .collect();
    Member { province: province.to_string(), slug: province_slug(province), years }
}

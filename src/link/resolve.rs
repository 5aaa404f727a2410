//! Identity of documents and cited numbers, and where each reference points (a page or a hub).

use crate::data::Catalog;
use crate::model::{Document, Hub, Target};
use crate::text::fold;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Comparable form of a number: folded, lowercase, serial without leading zeros ("01/NQ-CP" → "1/nq-cp").
pub fn number_key(number: &str) -> String {
    let folded = fold(number.trim());
    let digits = folded.chars().take_while(char::is_ascii_digit).count();
    let serial = folded[..digits].trim_start_matches('0');
    let serial = if serial.is_empty() && digits > 0 { "0" } else { serial };
    format!("{serial}{}", &folded[digits..])
}

/// The year a number carries itself ("94/2022/NĐ-CP" → 2022).
fn year_in_number(number: &str) -> Option<i32> {
    let mut parts = number.split('/');
    parts.next()?;
    parts.next().filter(|p| p.len() == 4).and_then(|p| p.parse().ok())
}

/// Key of a cited document: number, year of its date, and province for provincial numbers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RefKey {
    pub number: String,
    pub year: i32,
    pub province: Option<String>,
}

/// A reference to resolve: from an `implements` entry or a body citation.
pub struct Ref<'a> {
    /// Số hiệu as written.
    pub number: &'a str,
    /// Date, when given.
    pub date: Option<NaiveDate>,
    /// Year when given without a date (`implements` entries with `year:`).
    pub year: Option<i32>,
    pub province_hint: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub title: Option<&'a str>,
}

/// Resolves references against the site's documents and collects hubs for documents not on the site.
pub struct Resolver<'c> {
    catalog: &'c Catalog,
    /// Site documents by key.
    docs: BTreeMap<RefKey, usize>,
    /// Hubs by key.
    pub hubs: BTreeMap<RefKey, Hub>,
}

impl<'c> Resolver<'c> {
    /// Indexes the documents that have a number and a date.
    pub fn new(catalog: &'c Catalog, documents: &[Document]) -> Self {
        let mut docs = BTreeMap::new();
        for (i, d) in documents.iter().enumerate() {
            if let (Some(number), Some(issued)) = (&d.meta.number, d.meta.issued) {
                let scope = (!catalog.is_central_number(number)).then(|| d.meta.province.clone());
                let key = RefKey {
                    number: number_key(number),
                    year: chrono::Datelike::year(&issued),
                    province: scope,
                };
                docs.entry(key).or_insert(i);
            }
        }
        Resolver { catalog, docs, hubs: BTreeMap::new() }
    }

    fn scope(&self, number: &str, hint: Option<&str>, own_province: &str) -> Option<String> {
        (!self.catalog.is_central_number(number)).then(|| hint.unwrap_or(own_province).to_string())
    }

    /// Resolves a reference that carries a year (from its date or its number); registers a hub when needed.
    pub fn resolve_dated(&mut self, r: &Ref<'_>, own_province: &str) -> Option<Target> {
        let year = r
            .year
            .or(r.date.map(|d| chrono::Datelike::year(&d)))
            .or_else(|| year_in_number(r.number))?;
        let key = RefKey {
            number: number_key(r.number),
            year,
            province: self.scope(r.number, r.province_hint, own_province),
        };
        if let Some(&i) = self.docs.get(&key) {
            return Some(Target::Document(i));
        }
        let catalog = self.catalog;
        let hub = self
            .hubs
            .entry(key.clone())
            .or_insert_with(|| Hub::new(r.number, year, key.province.as_deref()));
        if hub.date.is_none() {
            hub.date = r.date;
        }
        if hub.title.is_none() {
            hub.title = r.title.map(str::to_string);
        }
        if hub.label.is_empty() || (hub.date.is_some() && !hub.label.contains("ngày")) {
            let kind = r
                .kind
                .map(str::to_string)
                .or_else(|| catalog.kind_for_number(r.number).map(str::to_string));
            hub.label = label(kind.as_deref(), r.number, hub.date);
        }
        Some(Target::Hub(hub.path.clone()))
    }

    /// Resolves a reference without a year: only when exactly one known document or hub matches,
    /// counting only those not later than `citing_year` (a document cannot cite a later one).
    pub fn resolve_undated(
        &self,
        r: &Ref<'_>,
        own_province: &str,
        citing_year: i32,
    ) -> Option<Target> {
        let number = number_key(r.number);
        let scope = self.scope(r.number, r.province_hint, own_province);
        // Keys sort by number, then year: the candidates are one range of each map.
        let from = RefKey { number: number.clone(), year: i32::MIN, province: None };
        let to = RefKey { number, year: citing_year.saturating_add(1), province: None };
        let mut found: Vec<Target> = self
            .docs
            .range(from.clone()..to.clone())
            .filter(|(k, _)| k.province == scope)
            .map(|(_, &i)| Target::Document(i))
            .chain(
                self.hubs
                    .range(from..to)
                    .filter(|(k, _)| k.province == scope)
                    .map(|(_, h)| Target::Hub(h.path.clone())),
            )
            .collect();
        found.dedup();
        if found.len() == 1 { found.pop() } else { None }
    }
}

impl Hub {
    /// An empty hub for a number of a year (and province, for provincial numbers), at its path:
    /// `/van-ban/01-nq-cp-2024/`, `/vinh-long/van-ban/138-nq-hdnd-2023/`.
    pub fn new(number: &str, year: i32, province: Option<&str>) -> Hub {
        Hub {
            path: crate::urls::hub(number, year, province),
            number: number.to_string(),
            year,
            province: province.map(str::to_string),
            label: String::new(),
            title: None,
            date: None,
            cited_by: Vec::new(),
            kind: None,
            issuer: None,
            subject: None,
            link: None,
            implemented_by: Vec::new(),
        }
    }
}

/// Human label of a cited document: "Nghị quyết số 01/NQ-CP ngày 05/01/2024".
pub fn label(kind: Option<&str>, number: &str, date: Option<NaiveDate>) -> String {
    let mut s = match kind {
        Some(k) => format!("{k} số {number}"),
        None => format!("Văn bản số {number}"),
    };
    if let Some(d) = date {
        s.push_str(&format!(" ngày {}", d.format("%d/%m/%Y")));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keys_ignore_leading_zeros_and_case() {
        assert_eq!(number_key("01/NQ-CP"), number_key("1/nq-cp"));
        assert_eq!(number_key("138/NQ-HĐND"), "138/nq-hdnd");
        assert_ne!(number_key("10/NQ-CP"), number_key("1/NQ-CP"));
    }

    #[test]
    fn years_inside_numbers() {
        assert_eq!(year_in_number("94/2022/NĐ-CP"), Some(2022));
        assert_eq!(year_in_number("01/NQ-CP"), None);
    }
}

//! The implementation tracker: which province has its programme for each central document on the
//! site, and how many days after the central document; the same across years (series), and the
//! documents of the provinces each of today's 34 units took in (lineage).
//!
//! A document implements a central document when its `implements` names it, or when its title
//! cites it after "thực hiện", "triển khai" or "cụ thể hóa" (an undated citation in a title means
//! the document of the programme's own year, else the only earlier one). A province without one
//! is "not on this site", never "not issued": the site only knows what it holds.
//!
//! - [`annotate`] (run once after linking) names hubs' issuers, kinds and subjects, applies the
//!   central data file ([`central`]) and records the implementing documents;
//! - [`table`] makes the tracker of each central document, [`series`] the matrix across years,
//!   [`lineage`] the merged provinces' documents, [`opendata`] the `/du-lieu/theo-doi.*` files.

pub mod annotate;
pub mod central;
pub mod lineage;
pub mod opendata;
pub mod series;
pub mod table;

pub use annotate::annotate;
pub use lineage::{Lineage, lineage};
pub use series::{Series, series};
pub use table::{CentralDoc, Programme, Row, Tracker, Via, trackers};

use crate::data::Catalog;
use crate::text::fold;
use chrono::NaiveDate;

/// Whether a central document of `date` (or, undated, of `year`) applies to the 34 units: dated
/// on or after the merger (`merged_on` in `data/provinces.yaml`), or undated of a later year.
pub fn after_merger(catalog: &Catalog, date: Option<NaiveDate>, year: i32) -> bool {
    match date {
        Some(d) => d >= catalog.merged_on,
        None => year > chrono::Datelike::year(&catalog.merged_on),
    }
}

/// The provinces a central document applies to, in Vietnamese alphabetical order: the 34 units
/// after the merger, else the 63 provinces.
pub fn province_rows(catalog: &Catalog, after: bool) -> Vec<String> {
    let mut names: Vec<String> = match after {
        true => catalog.after_2025.iter().map(|p| p.name.clone()).collect(),
        false => catalog.before_2025.iter().map(|p| p.name.clone()).collect(),
    };
    names.sort_by_cached_key(|n| (fold(n), n.clone()));
    names
}

/// The row a document filed under `province` belongs to: before the merger an old province (a
/// unit's name means the province it kept the name of: Huế → Thừa Thiên Huế), after it the unit
/// (an old province means the unit that took it in).
pub fn row_for(catalog: &Catalog, province: &str, after: bool) -> String {
    if after {
        if catalog.after_2025.iter().any(|p| p.name == province) {
            return province.to_string();
        }
        return catalog.now_part_of(province).unwrap_or(province).to_string();
    }
    if catalog.before_2025.iter().any(|p| p.name == province) {
        return province.to_string();
    }
    catalog
        .after_2025
        .iter()
        .find(|p| p.name == province)
        .and_then(|p| p.took_in.first())
        .map_or_else(|| province.to_string(), String::clone)
}

/// Days from `from` to `to`, when both are known.
pub fn days_between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<i64> {
    Some((to? - from?).num_days())
}

/// The median of `values` (the mean of the two middle ones for an even count); None when empty.
pub fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if !n.is_multiple_of(2) => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_no_values() {
        assert_eq!(median(&mut [30, 10, 20]), Some(20.0));
        assert_eq!(median(&mut [40, 10, 20, 30]), Some(25.0));
        assert_eq!(median(&mut [7, 8]), Some(7.5));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn rows_are_the_provinces_of_the_central_documents_date() {
        let c = Catalog::load();
        assert_eq!(province_rows(&c, false).len(), 63);
        assert_eq!(province_rows(&c, true).len(), 34);
        assert!(!after_merger(&c, NaiveDate::from_ymd_opt(2025, 6, 30), 2025));
        assert!(after_merger(&c, NaiveDate::from_ymd_opt(2025, 7, 1), 2025));
        assert_eq!(row_for(&c, "Kiên Giang", true), "An Giang");
        assert_eq!(row_for(&c, "Kiên Giang", false), "Kiên Giang");
        assert_eq!(row_for(&c, "Huế", false), "Thừa Thiên Huế");
        assert_eq!(row_for(&c, "Thừa Thiên Huế", true), "Huế");
        let rows = province_rows(&c, false);
        assert_eq!(&rows[..3], ["An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang"]);
    }
}

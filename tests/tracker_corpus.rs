//! The tracker on the generated corpus (scripts/gen_corpus.py): every document's title says it
//! implements "Nghị quyết số 01/NQ-CP của Chính phủ … năm {year}" (undated), so the tracker of
//! each year's resolution must count exactly the provinces the generator gave a document of that
//! year, each at its earliest document's days. Years without a known 01/NQ-CP (2020: not in the
//! built-in list, cited by no document) have no tracker.

mod common;

use banhanh::data::Catalog;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::process::Command;

/// The dates of 01/NQ-CP in the built-in data/central-documents.yaml.
const RESOLUTIONS: [(i32, (i32, u32, u32)); 5] = [
    (2021, (2021, 1, 1)),
    (2022, (2022, 1, 8)),
    (2023, (2023, 1, 6)),
    (2024, (2024, 1, 5)),
    (2025, (2025, 1, 8)),
];

/// (province, year, issued) of every generated document, read from its frontmatter.
fn generated(dir: &std::path::Path) -> Vec<(String, i32, NaiveDate)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir.join("content")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let field = |k: &str| {
            text.lines().find_map(|l| l.strip_prefix(&format!("{k}: "))).unwrap().to_string()
        };
        let issued = NaiveDate::parse_from_str(&field("issued"), "%Y-%m-%d").unwrap();
        out.push((field("province"), field("year").parse().unwrap(), issued));
    }
    out
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    v.sort();
    let n = v.len();
    (n > 0)
        .then(|| if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0 })
}

#[test]
fn counts_days_and_medians_agree_with_what_the_generator_wrote() {
    let dir = tempfile::tempdir().unwrap();
    // Bodies small: the metadata does not depend on --size.
    let status = Command::new("python3")
        .arg(common::repo().join("scripts/gen_corpus.py"))
        .arg(dir.path())
        .args(["--docs", "1000", "--size", "3000"])
        .status()
        .unwrap();
    assert!(status.success());
    let docs = generated(dir.path());
    assert_eq!(docs.len(), 1000);

    let catalog = Catalog::load();
    let loaded = banhanh::load(dir.path(), &catalog, Default::default());
    assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    let trackers = banhanh::tracker::trackers(&loaded.site, &catalog);
    let years: Vec<i32> = trackers.iter().map(|t| t.central.year).collect();
    assert_eq!(years, [2021, 2022, 2023, 2024, 2025]);
    assert!(docs.iter().any(|d| d.1 == 2020), "the corpus has 2020 documents, but no tracker");

    for (t, (year, (y, m, d))) in trackers.iter().zip(RESOLUTIONS) {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(t.central.date, Some(date));
        let mut earliest: BTreeMap<&str, i64> = BTreeMap::new();
        for (province, _, issued) in docs.iter().filter(|d| d.1 == year) {
            let days = (*issued - date).num_days();
            let e = earliest.entry(province.as_str()).or_insert(days);
            *e = (*e).min(days);
        }
        assert_eq!((t.implemented, t.total), (earliest.len(), 63), "{year}");
        assert_eq!(t.median_days, median(earliest.values().copied().collect()), "{year}");
        for r in &t.rows {
            assert_eq!(r.days, earliest.get(r.province.as_str()).copied(), "{year} {}", r.province);
            let expected = docs.iter().filter(|d| d.1 == year && d.0 == r.province).count();
            assert_eq!(r.programmes.len(), expected, "{year} {}", r.province);
        }
    }
    let series = banhanh::tracker::series(&trackers, &catalog);
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].years.len(), 5);
    let files = banhanh::tracker::opendata::files(&loaded.site, &catalog);
    let csv = String::from_utf8(files[1].bytes.clone()).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5 * 63);
}

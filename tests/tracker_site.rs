//! The tracker on a hand-made site whose answers are known by construction
//! (tests/fixtures/sites/tracker/): programmes for 01/NQ-CP of 2024, 2025 and 2026 across the
//! merger of 1 July 2025, some provinces without one, merged provinces (Kiên Giang → An Giang,
//! Vĩnh Phúc and Hòa Bình → Phú Thọ, Thừa Thiên Huế → Huế), subjects quoted by citations, and a
//! site data file with an entry that contradicts the citations.
//!
//! Days are counted by hand from the fixture's dates: 01/NQ-CP is of 05/01/2024, 08/01/2025 and
//! 08/01/2026 (data/central-documents.yaml).

mod common;

use banhanh::data::Catalog;
use banhanh::tracker::series::CellState;
use banhanh::tracker::{Tracker, Via};
use common::{banhanh, build_ok, fixture_site, page, repo, stderr};

/// A series cell as the tests compare it: its state and days.
type Shown = (CellState, Option<i64>);
/// A lineage year as the tests compare it: the year and its documents' numbers.
type YearDocs = (i32, Vec<String>);

fn loaded() -> (banhanh::Loaded, Catalog) {
    let catalog = Catalog::load();
    let loaded =
        banhanh::load(&repo().join("tests/fixtures/sites/tracker"), &catalog, Default::default());
    assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    (loaded, catalog)
}

fn trackers() -> (Vec<Tracker>, banhanh::Loaded, Catalog) {
    let (loaded, catalog) = loaded();
    (banhanh::tracker::trackers(&loaded.site, &catalog), loaded, catalog)
}

/// (province, days, numbers of its programmes) of the rows that have programmes, by name.
fn with_programmes(t: &Tracker) -> Vec<(&str, Option<i64>, Vec<&str>)> {
    t.rows
        .iter()
        .filter(|r| !r.programmes.is_empty())
        .map(|r| {
            let numbers = r.programmes.iter().map(|p| p.number.as_deref().unwrap()).collect();
            (r.province.as_str(), r.days, numbers)
        })
        .collect()
}

#[test]
fn each_year_counts_the_provinces_of_its_date() {
    let (ts, _, _) = trackers();
    let years: Vec<(String, i32)> =
        ts.iter().map(|t| (t.central.number.clone(), t.central.year)).collect();
    assert_eq!(
        years,
        [("01/NQ-CP".into(), 2024), ("01/NQ-CP".into(), 2025), ("01/NQ-CP".into(), 2026)]
    );

    let t = &ts[0];
    assert_eq!((t.count(), t.after_merger, t.median_days), ("5/63".to_string(), false, Some(14.0)));
    assert_eq!(
        with_programmes(t),
        [
            ("An Giang", Some(20), vec!["20/KH-UBND"]),
            ("Hà Nội", Some(7), vec!["10/KH-UBND", "35/QĐ-UBND"]),
            ("Kiên Giang", Some(30), vec!["15/KH-UBND"]),
            ("Vĩnh Long", Some(14), vec!["89/QĐ-UBND"]),
            ("Vĩnh Phúc", Some(10), vec!["05/CTr-UBND"]),
        ]
    );
    let ha_noi = t.row("Hà Nội").unwrap();
    assert_eq!(ha_noi.programmes[1].days, Some(46));
    // Only its title names 01/NQ-CP ("Kế hoạch thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 …").
    assert_eq!(t.row("An Giang").unwrap().programmes[0].via, Via::Title);
    assert_eq!(t.row("Vĩnh Long").unwrap().programmes[0].via, Via::Implements);
    // A title that names it without "thực hiện" or "triển khai" does not implement it.
    assert!(t.row("Thái Bình").unwrap().programmes.is_empty());
    assert!(t.row("Thừa Thiên Huế").unwrap().programmes.is_empty());
    assert_eq!(t.row("Kiên Giang").unwrap().now_part_of.as_deref(), Some("An Giang"));
    let fastest: Vec<&str> = t.rows_by_days().take(6).map(|r| r.province.as_str()).collect();
    // By days, then the provinces without a programme by name.
    assert_eq!(
        fastest,
        ["Hà Nội", "Vĩnh Phúc", "Vĩnh Long", "An Giang", "Kiên Giang", "Bà Rịa - Vũng Tàu"]
    );

    let t = &ts[1];
    assert_eq!((t.count(), t.after_merger, t.median_days), ("3/63".to_string(), false, Some(20.0)));
    assert_eq!(
        with_programmes(t),
        [
            ("Hòa Bình", Some(30), vec!["08/KH-UBND"]),
            // Undated in its title ("Kế hoạch triển khai Nghị quyết 01/NQ-CP … năm 2025"): its year's.
            ("Kiên Giang", Some(20), vec!["12/KH-UBND"]),
            ("Vĩnh Phúc", Some(9), vec!["01/CTr-UBND"]),
        ]
    );
    // Vĩnh Long's Chỉ thị only cites it in its body: citing is not implementing.
    assert!(t.row("Vĩnh Long").unwrap().programmes.is_empty());

    let t = &ts[2];
    assert_eq!((t.count(), t.after_merger, t.median_days), ("4/34".to_string(), true, Some(15.0)));
    assert_eq!(
        with_programmes(t),
        [
            ("An Giang", Some(12), vec!["18/KH-UBND"]),
            ("Huế", Some(22), vec!["03/KH-UBND"]),
            ("Phú Thọ", Some(8), vec!["07/KH-UBND"]),
            ("Vĩnh Long", Some(18), vec!["11/QĐ-UBND"]),
        ]
    );
    assert!(t.row("Kiên Giang").is_none(), "no longer a province in 2026");
    assert_eq!(t.central.link.as_deref(), Some("https://vanban.example.org/01-nq-cp-2026"));
}

#[test]
fn central_documents_know_who_they_are() {
    let (ts, loaded, _) = trackers();
    let c = &ts[0].central;
    assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2024-01-05"));
    assert_eq!((c.kind.as_deref(), c.issuer.as_deref()), (Some("Nghị quyết"), Some("Chính phủ")));
    assert_eq!(c.label, "Nghị quyết số 01/NQ-CP ngày 05/01/2024");
    assert_eq!(
        c.subject.as_deref(),
        Some(
            "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội và dự \
                toán ngân sách nhà nước năm 2024"
        )
    );
    // Not in any data file: named from the way three citations quote it (two of them in full),
    // its issuer the body they name under the code TW.
    let h = &loaded.site.hubs["/van-ban/57-nq-tw-2024/"];
    assert_eq!(
        h.subject.as_deref(),
        Some(
            "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
        )
    );
    assert_eq!(h.issuer.as_deref(), Some("Bộ Chính trị"));
    assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2024-12-22"));
    assert!(h.implemented_by.is_empty());
    // The site's data file overrides what the citation says.
    let h = &loaded.site.hubs["/van-ban/19-ct-ttg-2021/"];
    assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2021-07-18"));
    assert_eq!(h.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    assert!(h.title.as_deref().unwrap().starts_with("Chỉ thị về việc phát động thi đua"));
}

#[test]
fn series_rows_follow_the_merger() {
    let (ts, _, catalog) = trackers();
    let all = banhanh::tracker::series(&ts, &catalog);
    assert_eq!(all.len(), 1);
    let s = &all[0];
    assert_eq!((s.number.as_str(), s.slug.as_str()), ("01/NQ-CP", "01-nq-cp"));
    let cols: Vec<(i32, usize, usize, Option<f64>)> =
        s.years.iter().map(|y| (y.year, y.implemented, y.total, y.median_days)).collect();
    assert_eq!(
        cols,
        [(2024, 5, 63, Some(14.0)), (2025, 3, 63, Some(20.0)), (2026, 4, 34, Some(15.0))]
    );
    assert_eq!(s.groups.len(), 34);
    let rows_of = |unit: &str| -> Vec<(String, Vec<Shown>)> {
        let g = s.groups.iter().find(|g| g.unit == unit).unwrap();
        g.rows
            .iter()
            .map(|r| (r.province.clone(), r.cells.iter().map(|c| (c.state, c.days)).collect()))
            .collect()
    };
    use CellState::{None as Nothing, NotAProvince as Gone, Programmes as Has};
    assert_eq!(
        rows_of("An Giang"),
        [
            ("An Giang".into(), vec![(Has, Some(20)), (Nothing, None), (Has, Some(12))]),
            ("Kiên Giang".into(), vec![(Has, Some(30)), (Has, Some(20)), (Gone, None)]),
        ]
    );
    assert_eq!(
        rows_of("Phú Thọ"),
        [
            ("Phú Thọ".into(), vec![(Nothing, None), (Nothing, None), (Has, Some(8))]),
            ("Vĩnh Phúc".into(), vec![(Has, Some(10)), (Has, Some(9)), (Gone, None)]),
            ("Hòa Bình".into(), vec![(Nothing, None), (Has, Some(30)), (Gone, None)]),
        ]
    );
    assert_eq!(
        rows_of("Huế"),
        [
            ("Huế".into(), vec![(Gone, None), (Gone, None), (Has, Some(22))]),
            ("Thừa Thiên Huế".into(), vec![(Nothing, None), (Nothing, None), (Gone, None)]),
        ]
    );
    assert_eq!(
        rows_of("Hà Nội"),
        [("Hà Nội".into(), vec![(Has, Some(7)), (Nothing, None), (Nothing, None)])]
    );
}

#[test]
fn the_series_chart_has_a_mark_per_province_and_year() {
    let (ts, _, catalog) = trackers();
    let s = &banhanh::tracker::series(&ts, &catalog)[0];
    let figure = s.chart(&catalog.ui);
    let doc = roxmltree::Document::parse(&figure.svg).unwrap();
    let mut titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|c| c.children().find(|t| t.has_tag_name("title")).unwrap().text().unwrap())
        .collect();
    titles.sort();
    assert_eq!(titles.len(), 5 + 3 + 4);
    for expected in ["Hà Nội: 7 ngày", "Hòa Bình: 30 ngày", "Huế: 22 ngày", "Kiên Giang: 20 ngày"]
    {
        assert!(titles.contains(&expected), "{expected} in {titles:?}");
    }
    assert!(
        figure.svg.contains(
            "2024: 5 tỉnh, thành phố; Trung vị 14 ngày; ít nhất 7 ngày (Hà Nội); nhiều nhất 30 ngày (Kiên Giang)"
        ),
        "{}",
        figure.svg
    );
    assert_eq!(figure.table.rows.len(), 12);
    let medians: Vec<&str> = figure.table.foot.iter().map(|r| r[2].text.as_str()).collect();
    assert_eq!(medians, ["14", "20", "15"]);
    assert_eq!(figure.table.rows[0][1].href.as_deref(), Some("/ha-noi/2024/10-kh-ubnd/"));
}

#[test]
fn lineage_lists_the_documents_of_the_provinces_a_unit_took_in() {
    let (loaded, catalog) = loaded();
    let all = banhanh::tracker::lineage(&loaded.site, &catalog);
    assert_eq!(all.len(), 34);
    let of = |unit: &str| -> Vec<(String, Vec<YearDocs>)> {
        let l = all.iter().find(|l| l.unit == unit).unwrap();
        l.members
            .iter()
            .map(|m| {
                let years = m
                    .years
                    .iter()
                    .map(|y| {
                        (y.year, y.documents.iter().map(|d| d.number.clone().unwrap()).collect())
                    })
                    .collect();
                (m.province.clone(), years)
            })
            .collect()
    };
    assert_eq!(
        of("An Giang"),
        [(
            "Kiên Giang".into(),
            vec![(2025, vec!["12/KH-UBND".into()]), (2024, vec!["15/KH-UBND".into()])]
        )]
    );
    assert_eq!(
        of("Phú Thọ"),
        [
            (
                "Vĩnh Phúc".into(),
                vec![(2025, vec!["01/CTr-UBND".into()]), (2024, vec!["05/CTr-UBND".into()])]
            ),
            ("Hòa Bình".into(), vec![(2025, vec!["08/KH-UBND".into()])]),
        ]
    );
    assert_eq!(of("Huế"), [("Thừa Thiên Huế".into(), vec![])]);
    assert_eq!(of("Hà Nội"), []);
}

#[test]
fn check_warns_at_a_data_entry_that_contradicts_the_citations() {
    let site = repo().join("tests/fixtures/sites/tracker");
    let out = banhanh(&["check", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "cảnh báo: data/central-documents.yaml:5:11: 19/CT-TTg năm 2021: ngày 18/07/2021 ghi ở \
             đây khác ngày các văn bản trích dẫn ghi, 16/07/2021 (1 lần, ví dụ \
             content/2025-vinh-long-05-ct-ubnd.md:11)"
        ),
        "{err}"
    );
    assert!(
        err.contains("gợi ý: nếu các văn bản trích dẫn đúng, sửa thành date: 2021-07-16"),
        "{err}"
    );
    // A citation that contradicts the built-in list is shown where it is written.
    assert!(
        err.contains(
            "cảnh báo: content/2025-hoa-binh-08-kh-ubnd.md:14: ngày 09/01/2025 khác ngày ban hành \
             của 01/NQ-CP năm 2025: 08/01/2025"
        ),
        "{err}"
    );
    assert_eq!(err.matches("cảnh báo:").count(), 2, "{err}");
}

#[test]
fn a_broken_data_file_fails_with_its_line() {
    let site = fixture_site("tracker");
    std::fs::write(
        site.path().join("data/central-documents.yaml"),
        "documents:\n  - number: 01/NQ-CP\n    date: 2026-02-30\n    title: Nghị quyết\n",
    )
    .unwrap();
    let out = banhanh(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("lỗi: data/central-documents.yaml:3:11: `date`"), "{err}");
}

#[test]
fn open_data_has_a_row_per_central_document_and_province() {
    let site = fixture_site("tracker");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let json: serde_json::Value =
        serde_json::from_str(&page(&public, "du-lieu/theo-doi.json")).unwrap();
    assert_eq!(json["count"], 3);
    let docs = json["central_documents"].as_array().unwrap();
    assert_eq!(docs[0]["url"], "https://example.org/td/van-ban/01-nq-cp-2024/");
    assert_eq!(
        (docs[0]["implemented"].as_u64(), docs[0]["provinces_total"].as_u64()),
        (Some(5), Some(63))
    );
    assert_eq!(docs[2]["median_days"], 15.0);
    let bytes = std::fs::read(public.join("du-lieu/theo-doi.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        banhanh::tracker::opendata::CSV_COLUMNS
    );
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    assert_eq!(rows.len(), 63 + 63 + 34);
    let row = |year: &str, province: &str| {
        rows.iter().find(|r| r[1] == year && r[4] == province).unwrap().clone()
    };
    assert_eq!(
        row("2024", "Hà Nội"),
        [
            "01/NQ-CP",
            "2024",
            "2024-01-05",
            "https://example.org/td/van-ban/01-nq-cp-2024/",
            "Hà Nội",
            "",
            "https://example.org/td/ha-noi/2024/10-kh-ubnd/; https://example.org/td/ha-noi/2024/35-qd-ubnd/",
            "10/KH-UBND; 35/QĐ-UBND",
            "2024-01-12; 2024-02-20",
            "7",
        ]
    );
    assert_eq!(row("2025", "Thừa Thiên Huế")[5..], ["Huế", "", "", "", ""]);
    assert_eq!(row("2026", "Huế")[9], "22");
    // Hub pages show the subject taken from the citations.
    let hub = page(&public, "van-ban/57-nq-tw-2024/");
    assert!(
        hub.contains("Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo"),
        "{hub}"
    );
}

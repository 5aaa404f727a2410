//! The tracker's pages as a reader sees them, built by the real binary from the hand-made site of
//! tests/fixtures/sites/tracker/ (answers counted by hand in tests/tracker_site.rs): the hubs name
//! the central document and list every province of its date, the page ordered by days, `/theo-doi/`
//! and the matrix of 01/NQ-CP across 2024–2026, the lineage on the units' pages, the home page's
//! line, the navigation and the sitemap.

mod common;

use common::{assert_links_resolve, build_ok, fixture_site, page};
use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture site, built once for every test of this file (served under /td/).
fn public() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, public) = SITE.get_or_init(|| {
        let site = fixture_site("tracker");
        build_ok(site.path(), &[]);
        let public = site.path().join("public");
        (site, public)
    });
    public
}

fn html(path: &str) -> Html {
    Html::parse_document(&page(public(), path))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// An element's text as a reader sees it: whitespace collapsed.
fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The texts of every element matching `selector`.
fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector)).map(text).collect()
}

/// The rows of the table matching `table` (its `selector` rows), each as its cells' texts.
fn rows(doc: &Html, table: &str, selector: &str) -> Vec<Vec<String>> {
    let table = doc.select(&sel(table)).next().unwrap_or_else(|| panic!("no {table}"));
    table.select(&sel(selector)).map(|tr| tr.select(&sel("th, td")).map(text).collect()).collect()
}

/// The row of a province in a tracker's table.
fn row_of(rows: &[Vec<String>], province: &str) -> Vec<String> {
    let found =
        rows.iter().find(|r| r[0] == province || r[0].starts_with(&format!("{province} (")));
    found.unwrap_or_else(|| panic!("no row {province} in {rows:?}")).clone()
}

#[test]
fn a_hub_names_the_central_document_and_lists_every_province_of_its_date() {
    let doc = html("van-ban/01-nq-cp-2024/");
    let meta = texts(&doc, ".meta dt, .meta dd");
    assert!(meta.windows(2).any(|w| w == ["Cơ quan ban hành", "Chính phủ"]), "{meta:?}");
    assert!(meta.windows(2).any(|w| w == ["Loại văn bản", "Nghị quyết"]), "{meta:?}");
    assert!(!page(public(), "van-ban/01-nq-cp-2024/").contains("Văn bản của cơ quan trung ương"));
    assert_eq!(
        texts(&doc, ".tracker-count"),
        ["5/63 tỉnh, thành phố đã có chương trình thực hiện trên trang này; trung vị: 14 ngày."]
    );
    let rows = rows(&doc, ".tracker-table", "tbody tr");
    assert_eq!(rows.len(), 63);
    assert_eq!(
        row_of(&rows, "Hà Nội"),
        [
            "Hà Nội",
            "Kế hoạch số 10/KH-UBND, ngày 12/01/2024: 7 ngày Quyết định số 35/QĐ-UBND, ngày \
             20/02/2024: 46 ngày",
            "7"
        ]
    );
    assert_eq!(
        row_of(&rows, "Kiên Giang"),
        [
            "Kiên Giang (nay thuộc An Giang)",
            "Kế hoạch số 15/KH-UBND, ngày 04/02/2024: 30 ngày",
            "30"
        ]
    );
    // Its title cites 01/NQ-CP without implementing it: not a programme, and never "not issued".
    assert_eq!(
        row_of(&rows, "Thái Bình"),
        ["Thái Bình (nay thuộc Hưng Yên)", "chưa có trên trang này", ""]
    );
    let none = rows.iter().filter(|r| r[1] == "chưa có trên trang này").count();
    assert_eq!(none, 63 - 5);
    // Ordered by name, Vietnamese alphabet (Đ after D), with a link to the other order.
    let names: Vec<&str> = rows.iter().map(|r| r[0].split(" (").next().unwrap()).collect();
    assert_eq!(&names[..3], ["An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang"]);
    let order: Vec<String> = doc
        .select(&sel(".tracker-orders a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(order, ["/td/van-ban/01-nq-cp-2024/theo-so-ngay/", "/td/theo-doi/01-nq-cp/"]);
    // A programme's link leads to its page; a province with documents to its page.
    let links: Vec<&str> =
        doc.select(&sel(".tracker-table a")).filter_map(|a| a.value().attr("href")).collect();
    assert!(links.contains(&"/td/ha-noi/2024/35-qd-ubnd/") && links.contains(&"/td/ha-noi/"));
    assert!(!links.contains(&"/td/bac-giang/"), "no page for a province without documents");
}

#[test]
fn after_the_merger_the_tracker_counts_the_34_units_and_links_the_official_text() {
    let doc = html("van-ban/01-nq-cp-2026/");
    assert_eq!(
        texts(&doc, ".tracker-count"),
        ["4/34 tỉnh, thành phố đã có chương trình thực hiện trên trang này; trung vị: 15 ngày."]
    );
    let rows = rows(&doc, ".tracker-table", "tbody tr");
    assert_eq!(rows.len(), 34);
    assert!(rows.iter().all(|r| r[0] != "Kiên Giang"), "no longer a province in 2026");
    assert_eq!(row_of(&rows, "Huế")[2], "22");
    assert_eq!(row_of(&rows, "Phú Thọ")[1], "Kế hoạch số 07/KH-UBND, ngày 16/01/2026: 8 ngày");
    let link = doc.select(&sel(".meta dd a")).next().unwrap();
    assert_eq!(link.value().attr("href"), Some("https://vanban.example.org/01-nq-cp-2026"));
    // 2025 (before the merger): the undated title of Kiên Giang's plan counts for its year.
    let rows_2025 = self::rows(&html("van-ban/01-nq-cp-2025/"), ".tracker-table", "tbody tr");
    assert_eq!(rows_2025.len(), 63);
    assert_eq!(row_of(&rows_2025, "Kiên Giang")[2], "20");
    assert_eq!(row_of(&rows_2025, "Hòa Bình")[2], "30");
    assert_eq!(row_of(&rows_2025, "Vĩnh Long")[1], "chưa có trên trang này");
}

#[test]
fn the_second_page_orders_the_provinces_by_days() {
    let doc = html("van-ban/01-nq-cp-2024/theo-so-ngay/");
    assert_eq!(
        texts(&doc, "h1"),
        ["Nghị quyết số 01/NQ-CP ngày 05/01/2024: các tỉnh, thành phố xếp theo số ngày"]
    );
    let rows = rows(&doc, ".tracker-table", "tbody tr");
    assert_eq!(rows.len(), 63);
    let first: Vec<(&str, &str)> =
        rows.iter().take(6).map(|r| (r[0].split(" (").next().unwrap(), r[2].as_str())).collect();
    assert_eq!(
        first,
        [
            ("Hà Nội", "7"),
            ("Vĩnh Phúc", "10"),
            ("Vĩnh Long", "14"),
            ("An Giang", "20"),
            ("Kiên Giang", "30"),
            ("Bà Rịa - Vũng Tàu", ""),
        ]
    );
    // Back to the order by name, on the central document's page.
    let back: Vec<&str> =
        doc.select(&sel(".tracker-orders a")).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(back[0], "/td/van-ban/01-nq-cp-2024/#trang-theo-doi");
    assert_eq!(texts(&doc, ".tracker-orders strong"), ["theo số ngày"]);
}

#[test]
fn the_index_lists_the_recurring_number_with_each_years_figures() {
    let doc = html("theo-doi/");
    assert_eq!(texts(&doc, "main h2"), ["Nghị quyết 01/NQ-CP của Chính phủ"]);
    assert_eq!(
        texts(&doc, "main .term-list li"),
        [
            "Nghị quyết số 01/NQ-CP ngày 05/01/2024 5/63 tỉnh, thành phố trung vị: 14 ngày",
            "Nghị quyết số 01/NQ-CP ngày 08/01/2025 3/63 tỉnh, thành phố trung vị: 20 ngày",
            "Nghị quyết số 01/NQ-CP ngày 08/01/2026 4/34 tỉnh, thành phố trung vị: 15 ngày",
        ]
    );
    let series = doc.select(&sel("main section p a")).next().unwrap();
    assert_eq!(series.value().attr("href"), Some("/td/theo-doi/01-nq-cp/"));
}

#[test]
fn the_matrix_has_a_row_per_unit_and_province_it_took_in_and_a_column_per_year() {
    let doc = html("theo-doi/01-nq-cp/");
    assert_eq!(texts(&doc, "h1"), ["Theo dõi thực hiện Nghị quyết 01/NQ-CP qua các năm"]);
    let head = rows(&doc, ".matrix", "thead tr");
    assert_eq!(
        head,
        [["Tỉnh, thành phố", "2024 (05/01/2024)", "2025 (08/01/2025)", "2026 (08/01/2026)"]]
    );
    assert_eq!(doc.select(&sel(".matrix tbody")).count(), 34);
    let body = rows(&doc, ".matrix", "tbody tr");
    // The 63 provinces of before the merger once each, plus Huế, the one unit whose name is new
    // (Thừa Thiên Huế until 2025): each unit first in its group.
    assert_eq!(body.len(), 63 + 1);
    let gone = "— không là tỉnh, thành phố vào ngày ban hành";
    let none = "chưa có trên trang này";
    let group = |unit: &str| -> Vec<Vec<String>> {
        let start = body.iter().position(|r| r[0] == unit).unwrap();
        let len = body[start + 1..].iter().take_while(|r| r[0].contains(" nay thuộc ")).count();
        body[start..=start + len].to_vec()
    };
    assert_eq!(
        group("An Giang"),
        [
            vec!["An Giang", "20/KH-UBND 20 ngày", none, "18/KH-UBND 12 ngày"],
            vec!["Kiên Giang nay thuộc An Giang", "15/KH-UBND 30 ngày", "12/KH-UBND 20 ngày", gone],
        ]
    );
    assert_eq!(
        group("Phú Thọ"),
        [
            vec!["Phú Thọ", none, none, "07/KH-UBND 8 ngày"],
            vec!["Vĩnh Phúc nay thuộc Phú Thọ", "05/CTr-UBND 10 ngày", "01/CTr-UBND 9 ngày", gone],
            vec!["Hòa Bình nay thuộc Phú Thọ", none, "08/KH-UBND 30 ngày", gone],
        ]
    );
    assert_eq!(
        group("Huế"),
        [
            vec!["Huế", gone, gone, "03/KH-UBND 22 ngày"],
            vec!["Thừa Thiên Huế nay thuộc Huế", none, none, gone],
        ]
    );
    assert_eq!(
        group("Hà Nội"),
        [vec!["Hà Nội", "10/KH-UBND 7 ngày 35/QĐ-UBND 46 ngày", none, none]]
    );
    assert_eq!(
        rows(&doc, ".matrix", "tfoot tr"),
        [
            [
                "Số tỉnh, thành phố có chương trình",
                "5/63 tỉnh, thành phố",
                "3/63 tỉnh, thành phố",
                "4/34 tỉnh, thành phố"
            ],
            ["Trung vị số ngày", "14 ngày", "20 ngày", "15 ngày"],
        ]
    );
    // The cells link to the programmes.
    let kien_giang =
        doc.select(&sel(".matrix tbody tr.member a")).find(|a| text(*a) == "15/KH-UBND");
    assert_eq!(kien_giang.unwrap().value().attr("href"), Some("/td/kien-giang/2024/15-kh-ubnd/"));
}

#[test]
fn the_series_chart_is_drawn_with_its_figures_in_a_table() {
    let doc = html("theo-doi/01-nq-cp/");
    let svg = doc.select(&sel(".chart svg")).next().expect("an inline SVG chart");
    assert_eq!(svg.value().attr("role"), Some("img"));
    let title = text(svg.select(&sel("title")).next().unwrap());
    assert_eq!(title, "Số ngày từ 01/NQ-CP đến chương trình của từng tỉnh, thành phố, theo năm",);
    let desc = text(svg.select(&sel("desc")).next().unwrap());
    assert!(desc.contains("2026: 4 tỉnh, thành phố; Trung vị 15 ngày; ít nhất 8 ngày (Phú Thọ)"));
    assert_eq!(svg.select(&sel("circle")).count(), 5 + 3 + 4);
    let table = rows(&doc, ".chart-table", "tbody tr");
    assert_eq!(table.len(), 12);
    assert_eq!(table[0], ["2024", "Hà Nội", "7"]);
    let medians: Vec<String> =
        rows(&doc, ".chart-table", "tfoot tr").into_iter().map(|r| r[2].clone()).collect();
    assert_eq!(medians, ["14", "20", "15"]);
    let first = doc.select(&sel(".chart-table tbody a")).next().unwrap();
    assert_eq!(first.value().attr("href"), Some("/td/ha-noi/2024/10-kh-ubnd/"));
}

#[test]
fn a_units_page_shows_the_documents_of_the_provinces_it_took_in() {
    let doc = html("an-giang/");
    // Its own documents first, then Kiên Giang's by year, newest first.
    let headings = texts(&doc, "main h2, main h3, main h4");
    assert_eq!(
        headings,
        [
            "Năm 2026",
            "Năm 2024",
            "Văn bản của các tỉnh, thành phố nay thuộc An Giang",
            "Kiên Giang — nay thuộc An Giang 2 văn bản",
            "Năm 2025",
            "Năm 2024",
        ]
    );
    let lineage: Vec<&str> =
        doc.select(&sel(".lineage .doc-title")).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(lineage, ["/td/kien-giang/2025/12-kh-ubnd/", "/td/kien-giang/2024/15-kh-ubnd/"]);
    let phu_tho = texts(&html("phu-tho/"), ".lineage h3");
    assert_eq!(
        phu_tho,
        ["Vĩnh Phúc — nay thuộc Phú Thọ 2 văn bản", "Hòa Bình — nay thuộc Phú Thọ 1 văn bản"]
    );
    // Hưng Yên has no document of its own, only Thái Bình's: it still gets its page.
    let hung_yen = html("hung-yen/");
    assert_eq!(texts(&hung_yen, ".lead"), ["1 văn bản của các tỉnh, thành phố đã hợp nhất"]);
    assert_eq!(texts(&hung_yen, ".lineage h3"), ["Thái Bình — nay thuộc Hưng Yên 1 văn bản"]);
    assert!(texts(&html("tinh/"), "main li").iter().any(|t| t.starts_with("Hưng Yên ")));
    // The old provinces keep their pages and addresses, and link to their unit.
    let kien_giang = html("kien-giang/");
    let unit = kien_giang.select(&sel(".note-box a")).next().unwrap();
    assert_eq!(
        (text(unit).as_str(), unit.value().attr("href")),
        ("An Giang", Some("/td/an-giang/"))
    );
    assert!(public().join("kien-giang/2024/15-kh-ubnd/index.html").is_file());
}

#[test]
fn the_home_page_says_how_many_provinces_have_this_years_programme() {
    let doc = html("/");
    let line = doc.select(&sel(".home-tracker a")).next().unwrap();
    assert_eq!(
        text(line),
        "Năm 2026: 4/34 tỉnh, thành phố đã có chương trình thực hiện Nghị quyết 01/NQ-CP trên trang"
    );
    assert_eq!(line.value().attr("href"), Some("/td/van-ban/01-nq-cp-2026/#trang-theo-doi"));
    // Every page's header leads to the tracker.
    for path in ["/", "ha-noi/2024/10-kh-ubnd/", "van-ban/57-nq-tw-2024/"] {
        let nav: Vec<String> = html(path)
            .select(&sel(".site-header nav a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert!(nav.contains(&"/td/theo-doi/".to_string()), "{path}: {nav:?}");
    }
}

#[test]
fn a_hub_nothing_implements_is_named_from_its_citations_without_a_tracker() {
    let doc = html("van-ban/57-nq-tw-2024/");
    let meta = texts(&doc, ".meta dd");
    assert!(meta.contains(&"Bộ Chính trị".to_string()), "{meta:?}");
    assert_eq!(
        texts(&doc, ".lead"),
        [
            "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số \
          quốc gia"
        ]
    );
    assert_eq!(doc.select(&sel(".tracker")).count(), 0);
    assert!(!public().join("van-ban/57-nq-tw-2024/theo-so-ngay").exists());
}

#[test]
fn the_new_pages_are_in_the_sitemap_and_every_link_resolves() {
    let sitemap = page(public(), "sitemap.xml");
    for loc in [
        "https://example.org/td/theo-doi/",
        "https://example.org/td/theo-doi/01-nq-cp/",
        "https://example.org/td/van-ban/01-nq-cp-2025/theo-so-ngay/",
        "https://example.org/td/hung-yen/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc} in the sitemap");
    }
    assert!(assert_links_resolve(public(), "/td/") > 500);
}

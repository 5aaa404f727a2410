//! The pages of targets and tasks as a reader sees them, built by the real binary: `/chi-tieu/`,
//! an indicator's table and charts, the "Chỉ tiêu chủ yếu" box of a document, a province's targets
//! over the years and its calendar link, `/co-quan/` and an agency's tasks.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A fixture site built once: (its folder, its output).
fn built(name: &str, cell: &'static OnceLock<(tempfile::TempDir, PathBuf)>) -> &'static Path {
    let (_, out) = cell.get_or_init(|| {
        let site = fixture_site(name);
        build_ok(site.path(), &[]);
        let out = site.path().join("public");
        (site, out)
    });
    out
}

/// The browser fixture: Vĩnh Long 2024 and 2025 and Đồng Tháp 2024 set GRDP and other targets.
fn browser() -> &'static Path {
    static CELL: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built("browser", &CELL)
}

/// The repository's own programmes.
fn repo_site() -> &'static Path {
    static CELL: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = CELL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build_ok(&repo(), &["--output", out.to_str().unwrap()]);
        (dir, out)
    });
    out
}

/// The text of `html` without tags, whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).unwrap_or_else(|| panic!("{start:?} not in {html}"));
    let rest = &html[i..];
    &rest[..rest.find(end).map_or(rest.len(), |j| j + end.len())]
}

/// Every `<svg>…</svg>` of a page, parsed.
fn svgs(html: &str) -> Vec<String> {
    html.match_indices("<svg")
        .map(|(i, _)| between(&html[i..], "<svg", "</svg>").to_string())
        .collect()
}

/// The table row of `province` in the series table that follows heading `id`.
fn row<'a>(html: &'a str, id: &str, province: &str) -> &'a str {
    let section = between(html, &format!("<h2 id=\"{id}\""), "</section>");
    let at = section.find(&format!(">{province}</a></th>")).unwrap_or_else(|| panic!("{section}"));
    let start = section[..at].rfind("<tr>").unwrap();
    between(&section[start..], "<tr>", "</tr>")
}

#[test]
fn the_indicator_page_compares_provinces_and_years_and_each_value_links_to_its_sentence() {
    let out = browser();
    let html = page(out, "/chi-tieu/tang-truong-grdp/");
    assert!(html.contains("<h1>Tốc độ tăng trưởng GRDP</h1>"), "{html}");
    let table = between(&html, "<table", "</table>");
    assert!(text(table).contains("Tỉnh, thành phố 2024 2025"), "{}", text(table));
    // Vĩnh Long: 2024 and 2025, each linking to the section of its programme.
    let vl = row(&html, "tang-phan-tram", "Vĩnh Long");
    let cells: Vec<&str> = vl.split("<td>").skip(1).collect();
    assert_eq!(cells.len(), 2, "{vl}");
    assert!(cells[0].contains("href=\"/vinh-long/2024/89-qd-ubnd/#cac-chi-tieu-chu-yeu\""));
    assert!(text(cells[0]).starts_with("tăng 7,5%"), "{}", text(cells[0]));
    assert!(cells[1].contains("href=\"/vinh-long/2025/02-ctr-ubnd/#cac-chi-tieu-chu-yeu\""));
    assert!(text(cells[1]).starts_with("tăng 8%"), "{}", text(cells[1]));
    // The line as written, on expand.
    assert!(cells[1].contains("<details><summary>nguyên văn</summary>"), "{}", cells[1]);
    assert!(text(cells[1]).contains("Tốc độ tăng trưởng GRDP tăng 8%."), "{}", text(cells[1]));
    // Đồng Tháp's range, and no 2025 value.
    let dt = row(&html, "tang-phan-tram", "Đồng Tháp");
    let cells: Vec<&str> = dt.split("<td>").skip(1).collect();
    assert!(text(cells[0]).starts_with("tăng 6,5–7%"), "{}", text(cells[0]));
    assert_eq!(text(cells[1]), "—");
    // The anchor the value links to is on the document's page.
    let doc = page(out, "/vinh-long/2025/02-ctr-ubnd/");
    assert!(doc.contains("id=\"cac-chi-tieu-chu-yeu\""));
    assert!(html.contains("biểu đồ vẽ điểm giữa của khoảng"), "a range is drawn at its middle");
}

#[test]
fn the_charts_are_accessible_svg_with_the_figures_in_title_and_desc() {
    let html = page(browser(), "/chi-tieu/tang-truong-grdp/");
    let charts = svgs(&html);
    assert_eq!(charts.len(), 2, "bars for one year and lines over the years");
    let bars = roxmltree::Document::parse(&charts[0]).unwrap();
    let root = bars.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    // 2024 is the year both provinces set a target for; the title says which series it is.
    assert_eq!(title, "Tốc độ tăng trưởng GRDP: tăng (%), năm 2024");
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains("2 mục") && desc.contains("Vĩnh Long") && desc.contains("7,5"), "{desc}");
    let bar_titles: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|r| r.children().find(|n| n.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(bar_titles, ["Đồng Tháp: 6,75 %", "Vĩnh Long: 7,5 %"]);
    let lines = roxmltree::Document::parse(&charts[1]).unwrap();
    let title = lines.root_element().children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Tốc độ tăng trưởng GRDP: tăng (%), qua các năm"));
    let desc = lines.root_element().children().find(|n| n.has_tag_name("desc")).unwrap();
    assert!(desc.text().unwrap().contains("Vĩnh Long: 2024 7,5 %, 2025 8 %"), "{desc:?}");
    // Vĩnh Long's two years make a line.
    assert_eq!(lines.descendants().filter(|n| n.has_tag_name("polyline")).count(), 1);
}

#[test]
fn different_comparators_are_different_series_and_the_page_says_which() {
    let html = page(browser(), "/chi-tieu/bao-hiem-y-te/");
    assert!(html.contains("<h2 id=\"dat-phan-tram\">"), "{html}");
    assert!(html.contains("<h2 id=\"tren-phan-tram\">"), "{html}");
    assert!(text(row(&html, "dat-phan-tram", "Vĩnh Long")).contains("đạt 93%"));
    let tren = row(&html, "tren-phan-tram", "Vĩnh Long");
    assert!(text(tren).contains("trên 95%") && !text(tren).contains("93"), "{tren}");
    let titles: Vec<String> =
        svgs(&html).iter().map(|s| between(s, "<title", "</title>").to_string()).collect();
    assert!(titles.iter().any(|t| t.contains("đạt (%)")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("trên (%)")), "{titles:?}");
}

#[test]
fn the_indicators_index_counts_programmes_and_provinces() {
    let html = page(browser(), "/chi-tieu/");
    let grdp = between(&html, "<a href=\"/chi-tieu/tang-truong-grdp/\">", "</li>");
    assert!(text(grdp).contains("3 văn bản, 2 tỉnh, thành phố"), "{}", text(grdp));
    let bhyt = between(&html, "<a href=\"/chi-tieu/bao-hiem-y-te/\">", "</li>");
    assert!(text(bhyt).contains("2 văn bản, 1 tỉnh, thành phố"), "{}", text(bhyt));
    // Indicators nobody set a target for have no page and are not listed.
    assert!(!html.contains("/chi-tieu/che-phu-rung/"));
    assert!(!browser().join("chi-tieu/che-phu-rung").exists());
    assert!(html.contains("href=\"/du-lieu/chi-tieu.csv\""));
}

#[test]
fn a_document_with_targets_has_the_box_and_its_province_page_shows_them_over_the_years() {
    let out = browser();
    let doc = page(out, "/vinh-long/2025/02-ctr-ubnd/");
    let bx = between(&doc, "<section class=\"targets-box\"", "</section>");
    assert!(text(bx).starts_with("Chỉ tiêu chủ yếu"), "{}", text(bx));
    assert!(bx.contains("<a href=\"/chi-tieu/tang-truong-grdp/\">Tốc độ tăng trưởng GRDP</a>"));
    assert!(text(bx).contains("tăng 8%") && text(bx).contains("trên 95%"), "{}", text(bx));
    // A document without targets has no box.
    assert!(!page(out, "/kien-giang/2021/22-kh-ubnd/").contains("targets-box"));
    let province = page(out, "/vinh-long/");
    let table = between(&province, "<h2 id=\"trang-chi-tieu\">", "</table>");
    assert!(text(table).starts_with("Chỉ tiêu qua các năm Chỉ tiêu 2024 2025"), "{}", text(table));
    let grdp = between(table, "/chi-tieu/tang-truong-grdp/", "</tr>");
    assert!(text(grdp).contains("tăng 7,5%") && text(grdp).contains("tăng 8%"), "{}", text(grdp));
}

#[test]
fn province_pages_link_their_deadlines_calendar() {
    let out = repo_site();
    let kg = page(out, "/kien-giang/");
    let link = between(&kg, "<a href=\"/kien-giang/lich.ics\">", "</p>");
    assert!(text(link).contains("Lịch thời hạn nhiệm vụ của Kiên Giang"), "{link}");
    assert!(text(link).contains("36 nhiệm vụ"), "Kiên Giang's 36 dated tasks: {}", text(link));
    assert!(out.join("kien-giang/lich.ics").is_file());
    // Đồng Tháp has targets but no dated task: no calendar link.
    let dt = page(out, "/dong-thap/");
    assert!(!dt.contains("lich.ics") && dt.contains("trang-chi-tieu"), "{dt}");
}

#[test]
fn the_real_programmes_grdp_targets_side_by_side() {
    let html = page(repo_site(), "/chi-tieu/tang-truong-grdp/");
    assert!(text(row(&html, "tang-phan-tram", "Đồng Tháp")).contains("tăng 8%"));
    assert!(text(row(&html, "tang-phan-tram", "Vĩnh Phúc")).contains("tăng 10–11%"));
    let index = page(repo_site(), "/chi-tieu/");
    assert!(text(&index).contains("Tốc độ tăng trưởng GRDP 2 văn bản, 2 tỉnh, thành phố"));
}

#[test]
fn an_agency_page_lists_its_tasks_with_deadlines_and_who_has_them_since_2025() {
    let out = repo_site();
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("du-lieu/nhiem-vu.json")).unwrap()).unwrap();
    let id = "so-ke-hoach-va-dau-tu";
    let expected = data["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["lead_id"] == id || t["partner_ids"].as_array().unwrap().iter().any(|p| p == id)
        })
        .count();
    assert!(expected >= 10, "{expected}");
    let html = page(out, "/co-quan/so-ke-hoach-va-dau-tu/");
    assert!(html.contains(&format!("<p class=\"lead\">{expected} nhiệm vụ")), "{html}");
    assert_eq!(html.matches("<p class=\"task-text\">").count(), expected);
    let note = text(between(&html, "<p class=\"note-box\">", "</p>"));
    assert_eq!(note, "Từ ngày 01/03/2025, nhiệm vụ thuộc Sở Tài chính .");
    assert!(html.contains("<a href=\"/co-quan/so-tai-chinh/\">Sở Tài chính</a>"));
    // A Kiên Giang task: its deadline as written and as dates, its document, the calendar.
    assert!(text(&html).contains("Thời hạn: Quý I ( 01/01/2021 – 31/03/2021 )"), "{}", text(&html));
    assert!(html.contains("<time datetime=\"2021-03-31\">"));
    assert!(html.contains("href=\"/kien-giang/lich.ics\""));
    assert!(html.contains("href=\"/kien-giang/2021/22-kh-ubnd/#"));
    let index = page(out, "/co-quan/");
    let item = between(&index, "<a href=\"/co-quan/so-ke-hoach-va-dau-tu/\">", "</li>");
    assert!(text(item).contains(&format!("{expected} nhiệm vụ")), "{}", text(item));
    assert!(text(item).contains("nhiệm vụ thuộc Sở Tài chính"), "{}", text(item));
}

#[test]
fn task_and_target_text_is_escaped_and_every_link_resolves() {
    static CELL: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let out = built("plan", &CELL);
    let html = page(out, "/co-quan/so-ke-hoach-va-dau-tu/");
    // The cell's quotes are escaped; its raw HTML never reaches the page as markup.
    assert!(html.contains("đánh giá \\ &quot;quý&quot; alert(1)</a>"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    // The site is under /ct/: every link carries the base path and resolves.
    assert!(html.contains("href=\"/ct/hau-giang/lich.ics\""), "{html}");
    assert!(assert_links_resolve(out, "/ct/") > 100);
    assert!(assert_links_resolve(browser(), "/") > 100);
}

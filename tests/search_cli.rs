//! `banhanh search` on small sites written by the tests: diacritics, numbers, filters, JSON, cache.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn doc(root: &Path, name: &str, title: &str, province: &str, number: &str, year: i32, body: &str) {
    let text = format!(
        "---\ntitle: \"{title}\"\ntype: Kế hoạch\nprovince: {province}\nissuer: Ủy ban nhân dân tỉnh {province}\nnumber: {number}\nissued: {year}-02-01\nyear: {year}\n---\n\n{body}\n"
    );
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content").join(name), text).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    doc(
        r,
        "a.md",
        "Kế hoạch phát triển giao thông",
        "Kiên Giang",
        "22/KH-UBND",
        2021,
        "## Mục tiêu\n\nNâng cấp đường tỉnh và cầu.\n\n## Giải pháp\n\nHuy động vốn đầu tư công cho giao thông.",
    );
    doc(
        r,
        "b.md",
        "Kế hoạch phát triển thủy sản",
        "Vĩnh Long",
        "15/KH-UBND",
        2024,
        "## Mục tiêu\n\nNuôi trồng thủy sản trên sông và đại dương ven biển.\n\n## Chuyển đổi số\n\nĐẩy mạnh chuyển đổi số trong nông nghiệp.",
    );
    doc(
        r,
        "c.md",
        "Kế hoạch thực hiện Nghị quyết số 01/NQ-CP của Chính phủ",
        "Vĩnh Long",
        "3/KH-UBND",
        2024,
        "## Căn cứ\n\nThực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.\n\n## Nhiệm vụ\n\nTăng cường công tác dân vận.",
    );
    dir
}

fn search(root: &Path, args: &[&str]) -> Vec<Value> {
    let out = Command::cargo_bin("banhanh")
        .unwrap()
        .arg("search")
        .arg("--root")
        .arg(root)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

fn urls(results: &[Value]) -> Vec<String> {
    results.iter().map(|r| r["url"].as_str().unwrap().to_string()).collect()
}

#[test]
fn exact_diacritics_rank_first_and_folded_queries_find_both() {
    let dir = site();
    let r = search(dir.path(), &["đường"]);
    assert_eq!(
        urls(&r),
        ["/kien-giang/2021/22-kh-ubnd/#muc-tieu", "/vinh-long/2024/15-kh-ubnd/#muc-tieu"]
    );
    let r = search(dir.path(), &["duong"]);
    assert_eq!(r.len(), 2);
}

#[test]
fn numbers_are_found_written_any_way() {
    let dir = site();
    for q in ["01/NQ-CP", "01 nq cp", "nghi quyet 01"] {
        let r = search(dir.path(), &[q]);
        assert_eq!(urls(&r)[0], "/vinh-long/2024/3-kh-ubnd/#can-cu", "query {q}");
    }
    let r = search(dir.path(), &["22/KH-UBND"]);
    assert_eq!(r[0]["number"], "22/KH-UBND");
    assert_eq!(r[0]["title"], "Kế hoạch phát triển giao thông");
}

#[test]
fn json_has_every_field_and_a_marked_snippet() {
    let dir = site();
    let r = search(dir.path(), &["chuyen doi so"]);
    let first = &r[0];
    assert_eq!(first["url"], "/vinh-long/2024/15-kh-ubnd/#chuyen-doi-so");
    assert_eq!(first["province"], "Vĩnh Long");
    assert_eq!(first["year"], 2024);
    assert_eq!(first["type"], "Kế hoạch");
    assert_eq!(first["section"], "Chuyển đổi số");
    assert!(
        first["snippet"].as_str().unwrap().contains("«chuyển» «đổi» «số»"),
        "{}",
        first["snippet"]
    );
    assert!(first["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn quoted_phrases_and_filters_narrow_results() {
    let dir = site();
    assert_eq!(search(dir.path(), &["\"dau tu cong\""]).len(), 1);
    assert!(search(dir.path(), &["\"cong dau tu\""]).is_empty());
    let r = search(dir.path(), &["--province", "vinh long", "ke hoach"]);
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|x| x["province"] == "Vĩnh Long"));
    assert_eq!(search(dir.path(), &["--year", "2021", "ke hoach"]).len(), 1);
    assert_eq!(search(dir.path(), &["--limit", "1", "ke hoach"]).len(), 1);
}

#[test]
fn human_output_lists_rank_title_place_url_and_snippet() {
    let dir = site();
    let out = Command::cargo_bin("banhanh")
        .unwrap()
        .args(["search", "--root"])
        .arg(dir.path())
        .arg("thuy san")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1. Kế hoạch phát triển thủy sản"), "{text}");
    assert!(text.contains("Vĩnh Long · 2024 · Kế hoạch · số 15/KH-UBND"), "{text}");
    assert!(text.contains("/vinh-long/2024/15-kh-ubnd/"), "{text}");
    assert!(text.contains("«thủy» «sản»"), "{text}");
    let none = Command::cargo_bin("banhanh")
        .unwrap()
        .args(["search", "--root"])
        .arg(dir.path())
        .arg("xyzzy")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(none.stdout).unwrap().trim(),
        "Không tìm thấy văn bản nào cho \"xyzzy\"."
    );
}

#[test]
fn uses_the_build_cache_until_content_changes() {
    let dir = site();
    Command::cargo_bin("banhanh")
        .unwrap()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let cache = dir.path().join(".cache/banhanh/search");
    // The tantivy index, and the content it holds.
    assert!(cache.join("meta.json").is_file());
    assert!(cache.join("fingerprint.txt").is_file());
    assert!(dir.path().join("public/search/index.json").is_file());
    assert_eq!(search(dir.path(), &["thuy san"]).len(), 1);
    // A new document is found although the cache predates it (the stale cache is not used).
    doc(
        dir.path(),
        "d.md",
        "Kế hoạch nuôi thủy sản nước ngọt",
        "Cà Mau",
        "9/KH-UBND",
        2024,
        "Nuôi tôm.",
    );
    assert_eq!(search(dir.path(), &["thuy san"]).len(), 2);
}

#[test]
fn a_folder_without_content_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("banhanh")
        .unwrap()
        .args(["search", "--root"])
        .arg(dir.path())
        .arg("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("lỗi: không có thư mục")
            && err.contains("gợi ý: chạy lệnh trong thư mục trang"),
        "{err}"
    );
}

/// The search page names the index it was built with, so the browser can fetch a query's
/// dictionary shards before `index.json` arrives: the names must be the index's own.
#[test]
fn the_search_page_names_the_index_it_was_built_with() {
    let dir = site();
    Command::cargo_bin("banhanh")
        .unwrap()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .success();
    let page = std::fs::read_to_string(dir.path().join("public/tim-kiem/index.html")).unwrap();
    let attr = |name: &str| {
        let at = page
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in the search page"))
            + name.len()
            + 2;
        page[at..at + page[at..].find('"').unwrap()].to_string()
    };
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("public/search/index.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(attr("data-id"), manifest["id"].as_str().unwrap());
    assert_eq!(attr("data-dict"), manifest["terms"].to_string());
    assert_eq!(attr("data-heads"), manifest["heads"].to_string());
    assert!(
        dir.path()
            .join(format!("public/search/t/{}.bin", manifest["terms"].as_u64().unwrap() - 1))
            .is_file()
    );
}

fn human(root: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("banhanh")
        .unwrap()
        .args(["search", "--root"])
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn while_typing_the_last_word_is_a_prefix() {
    let dir = site();
    // Submitted, "chuye" is a word of its own, and no document has it.
    assert!(search(dir.path(), &["chuye"]).is_empty());
    let typed = search(dir.path(), &["--prefix", "chuye"]);
    assert_eq!(urls(&typed), ["/vinh-long/2024/15-kh-ubnd/#chuyen-doi-so"]);
    let typed = search(dir.path(), &["--prefix", "chuyen doi s"]);
    assert_eq!(typed[0]["url"], "/vinh-long/2024/15-kh-ubnd/#chuyen-doi-so", "{typed:?}");
    assert!(typed[0]["snippet"].as_str().unwrap().contains("«chuyển» «đổi» «số»"));
    let number = search(dir.path(), &["--prefix", "22/kh"]);
    assert_eq!(number[0]["number"], "22/KH-UBND");
    assert!(
        search(dir.path(), &["--prefix", "thuy sa"])[0]["title"]
            .as_str()
            .unwrap()
            .contains("thủy sản")
    );
}

#[test]
fn a_word_that_matches_nothing_gets_the_closest_dictionary_word() {
    let dir = site();
    let text = human(dir.path(), &["chuyen doii so"]);
    assert!(text.starts_with("Có phải bạn muốn tìm: chuyen doi so\n"), "{text}");
    let none = human(dir.path(), &["giao thongg"]);
    assert!(none.contains("Có phải bạn muốn tìm: giao thong"), "{none}");
    // Nothing close (more than two edits away): no suggestion.
    let far = human(dir.path(), &["xyzzy"]);
    assert!(!far.contains("Có phải"), "{far}");
    // Typed with diacritics, the rest of the query is kept as it was written.
    let accents = human(dir.path(), &["Đầu tư côngg"]);
    assert!(accents.contains("Có phải bạn muốn tìm: Đầu tư cong"), "{accents}");
}

#[test]
fn quoted_phrases_need_their_words_adjacent_with_positions() {
    let dir = site();
    // "vốn đầu tư công" holds the three words in a row; "thực hiện ... của Chính phủ" does not
    // hold "thuc hien chinh".
    assert_eq!(search(dir.path(), &["\"von dau tu cong\""]).len(), 1);
    assert!(search(dir.path(), &["\"thuc hien chinh phu\""]).is_empty());
    assert_eq!(search(dir.path(), &["\"nghi quyet so 01\""]).len(), 1);
}

//! What `check` and `build` tell editors and CI: accessibility and merged-province warnings at
//! their lines, `--deny-warnings`, the `json` and `github` formats, undated `implements`.

mod common;
use common::*;

/// Runs the binary in `dir` (so paths are printed as CI sees them).
fn banhanh_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn warnings_name_the_file_line_and_a_fix_and_the_site_still_builds() {
    let site = fixture_site("warnings");
    let out = build_ok(site.path(), &[]);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("cảnh báo: ")).collect();
    assert_eq!(
        warnings,
        [
            "cảnh báo: content/a11y.md:14:1: tiêu đề nhảy từ cấp 2 xuống cấp 4",
            "cảnh báo: content/a11y.md:16:1: ảnh không có lời mô tả (alt)",
            "cảnh báo: content/a11y.md:18:1: ảnh không có lời mô tả (alt)",
            "cảnh báo: content/a11y.md:20:20: chữ của liên kết \"tại đây\" không cho biết nó dẫn đến đâu",
            "cảnh báo: content/a11y.md:22:8: liên kết chỉ hiện địa chỉ https://example.org/nguon",
            "cảnh báo: content/a11y.md:24:1: ảnh có địa chỉ không an toàn \"data:image/png;base64,AA…\" bị bỏ khỏi trang",
            "cảnh báo: content/a11y.md:26:1: liên kết có địa chỉ không an toàn \"javascript:alert(1)\" bị bỏ khỏi trang",
            "cảnh báo: content/ha-giang-2026.md:4:11: Hà Giang đã thuộc Tuyên Quang từ ngày 01/07/2025, trước khi có văn bản ban hành ngày 20/01/2026",
            "cảnh báo: content/ha-giang-khong-ngay.md:4:11: Hà Giang đã thuộc Tuyên Quang từ ngày 01/07/2025, trước khi có văn bản của năm 2026",
        ],
        "{err}"
    );
    for help in [
        "  gợi ý: dùng tiêu đề cấp 3 (### trong Markdown) để mục lục và trình đọc màn hình đi đúng thứ bậc",
        "  gợi ý: viết ![mô tả ngắn nội dung ảnh](địa-chỉ) để người dùng trình đọc màn hình biết ảnh nói gì",
        "  gợi ý: thêm alt=\"mô tả ngắn nội dung ảnh\" (alt=\"\" nếu ảnh chỉ để trang trí)",
        "  gợi ý: ghi province: Tuyên Quang (văn bản ban hành trước ngày 01/07/2025 vẫn ghi Hà Giang)",
    ] {
        assert!(err.lines().any(|l| l == help), "missing `{help}` in:\n{err}");
    }
    // The image with a description, the described link and the 2025 document are not flagged.
    assert!(!err.contains(":30:") && !err.contains("ha-giang-2025"), "{err}");
}

#[test]
fn unsafe_addresses_are_dropped_from_the_page() {
    let site = fixture_site("warnings");
    build_ok(site.path(), &[]);
    let html = page(&site.path().join("public"), "/vinh-long/2024/9-kh-ubnd/");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("data:image"), "{html}");
    assert!(html.contains("liên kết xấu"), "the link text stays: {html}");
    // The image whose address was removed is gone, not left as `<img alt="">`.
    let images: Vec<&str> = html.match_indices("<img").map(|(i, _)| &html[i..i + 40]).collect();
    assert_eq!(images.len(), 3, "{images:?}");
    assert!(images.iter().all(|i| i.contains("src=\"https://example.org/")), "{images:?}");
}

#[test]
fn deny_warnings_fails_check_and_build_and_keeps_the_old_output() {
    let site = fixture_site("warnings");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let before = tree(&public);
    let root = site.path().to_str().unwrap();
    let out = banhanh(&["build", "--root", root, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("lỗi: content/a11y.md:16:1: ảnh không có lời mô tả (alt)"), "{err}");
    assert!(
        err.ends_with("Dừng lại: 9 lỗi, 0 cảnh báo; thư mục kết quả cũ được giữ nguyên.\n"),
        "{err}"
    );
    assert_eq!(tree(&public), before, "a failed build leaves public/ as it was");
    let out = banhanh(&["check", "--root", root, "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
    let out = banhanh(&["check", "--root", root]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_format_lists_every_diagnostic_with_stable_fields() {
    let site = fixture_site("warnings");
    let out = banhanh_in(site.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(items.len(), 9);
    let first = items[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(keys, ["column", "file", "hint", "line", "message", "severity"]);
    assert_eq!(first["file"], "content/a11y.md");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(14), Some(1)));
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["message"], "tiêu đề nhảy từ cấp 2 xuống cấp 4");
    assert!(first["hint"].as_str().unwrap().starts_with("dùng tiêu đề cấp 3"));
    assert!(stderr(&out).contains("Không có lỗi: 5 văn bản"), "summary stays on stderr");

    // Errors too, and paths from where the command ran when --root names another folder.
    let bad = fixture_site("bad");
    let out = banhanh_in(bad.path(), &["check", "--root", "content/..", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let province =
        items.iter().find(|d| d["message"].as_str().unwrap().contains("Vinh Longg")).unwrap();
    assert_eq!(province["file"], "content/../content/bad-province.md");
    assert_eq!((province["line"].as_u64(), province["column"].as_u64()), (Some(5), Some(11)));
    assert_eq!(province["severity"], "error");
    assert_eq!(province["hint"], "có phải là \"Vĩnh Long\"?");
}

#[test]
fn github_format_writes_workflow_commands_on_the_lines() {
    let bad = fixture_site("bad");
    let out = banhanh_in(bad.path(), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.lines().any(|l| l
            == "::error file=content/bad-province.md,line=5,col=11,title=banhanh%3A lỗi::\
                không có tỉnh, thành phố nào tên \"Vinh Longg\"%0Agợi ý: có phải là \"Vĩnh Long\"?"),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::error ")), "{stdout}");
    let site = fixture_site("warnings");
    let out = banhanh_in(site.path(), &["check", "--format", "github"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "::warning file=content/a11y.md,line=14,col=1,title=banhanh%3A cảnh báo::\
             tiêu đề nhảy từ cấp 2 xuống cấp 4%0Agợi ý: "
        ),
        "{stdout}"
    );
}

#[test]
fn undated_implements_link_to_the_one_known_document_or_are_listed_without_a_link() {
    let site = fixture_site("warnings");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let html = page(&public, "/vinh-long/2024/12-kh-ubnd/");
    // 01/NQ-CP: cited with its date by another document, so its hub is the one match.
    assert!(
        html.contains(
            "<a href=\"/van-ban/01-nq-cp-2024/\">Nghị quyết số 01/NQ-CP ngày 05/01/2024</a>"
        ),
        "{html}"
    );
    // 64-KL/TW: nothing on the site has that number.
    assert!(html.contains("<li>Kết luận số 64-KL/TW</li>"), "{html}");
    // 17/KH-UBND with `year: 2023`: the province's hub for that year.
    assert!(html.contains("<a href=\"/vinh-long/van-ban/17-kh-ubnd-2023/\">"), "{html}");
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(public.join("du-lieu/van-ban.json")).unwrap(),
    )
    .unwrap();
    let doc =
        data["documents"].as_array().unwrap().iter().find(|d| d["number"] == "12/KH-UBND").unwrap();
    let kl =
        doc["implements"].as_array().unwrap().iter().find(|i| i["number"] == "64-KL/TW").unwrap();
    assert!(kl["date"].is_null() && kl["url"].is_null(), "{kl}");
}

#[test]
fn new_says_when_the_province_was_merged_away() {
    let site = fixture_site("warnings");
    let root = site.path().to_str().unwrap();
    let args = ["new", "--root", root, "--province", "Hà Giang", "--type", "Kế hoạch"];
    let out = banhanh(&[&args[..], &["--year", "2026", "--number", "8/KH-UBND"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "cảnh báo: --province: Hà Giang đã thuộc Tuyên Quang từ ngày 01/07/2025, trước khi có văn bản của năm 2026"
        ),
        "{}",
        stderr(&out)
    );
    assert!(site.path().join("content/ha-giang/2026/8-kh-ubnd.md").is_file());
    let out = banhanh(&[&args[..], &["--year", "2025", "--number", "9/KH-UBND"]].concat());
    assert!(!stderr(&out).contains("cảnh báo"), "{}", stderr(&out));
}

#[test]
fn build_shows_its_progress_on_a_terminal_and_nothing_in_a_log() {
    let site = fixture_site("warnings");
    let root = site.path().to_str().unwrap();
    let plain = banhanh(&["build", "--root", root]);
    assert!(!stderr(&plain).contains("Đang"), "{}", stderr(&plain));
    // `script` (util-linux) runs the build on a pseudo-terminal, as in an editor's shell.
    let command = format!("{} build --root {root}", env!("CARGO_BIN_EXE_banhanh"));
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script from util-linux");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Đang dựng trang"), "{shown}");
    assert!(shown.contains("Đã dựng 5 văn bản"), "{shown}");
}

//! `banhanh new`: documents with valid frontmatter in the right folder, and new site folders.

use assert_cmd::Command;
use predicates::str::contains;

fn banhanh() -> Command {
    Command::cargo_bin("banhanh").unwrap()
}

#[test]
fn new_document_builds_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("trang");
    banhanh()
        .args(["new", "site"])
        .arg(&root)
        .assert()
        .success()
        .stdout(contains("content/vinh-phuc/2025/01-ctr-ubnd.md"));
    let args = [
        "new",
        "--province",
        "vĩnh long",
        "--type",
        "kế hoạch",
        "--year",
        "2025",
        "--number",
        "22/KH-UBND",
        "--title",
        "Kế hoạch thực hiện nhiệm vụ năm 2025",
    ];
    banhanh()
        .args(args)
        .arg("--root")
        .arg(&root)
        .assert()
        .success()
        .stdout(contains("content/vinh-long/2025/22-kh-ubnd.md"))
        .stdout(contains("Địa chỉ trang: /vinh-long/2025/22-kh-ubnd/"));
    let text = std::fs::read_to_string(root.join("content/vinh-long/2025/22-kh-ubnd.md")).unwrap();
    assert!(
        text.contains("province: \"Vĩnh Long\"")
            && text.contains("type: \"Kế hoạch\"")
            && text.contains("issuer: \"Ủy ban nhân dân tỉnh Vĩnh Long\""),
        "{text}"
    );
    banhanh().args(["build", "--root"]).arg(&root).assert().success();
    let page =
        std::fs::read_to_string(root.join("public/vinh-long/2025/22-kh-ubnd/index.html")).unwrap();
    assert!(page.contains("Kế hoạch thực hiện nhiệm vụ năm 2025"));
    assert!(
        root.join("public/vinh-phuc/2025/01-ctr-ubnd/index.html").is_file(),
        "the example document builds"
    );

    banhanh()
        .args(args)
        .arg("--root")
        .arg(&root)
        .assert()
        .code(1)
        .stderr(contains("đã có, không ghi đè"));
    assert_eq!(
        std::fs::read_to_string(root.join("content/vinh-long/2025/22-kh-ubnd.md")).unwrap(),
        text
    );
}

#[test]
fn without_a_number_the_title_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    banhanh()
        .args([
            "new",
            "--province",
            "Thành phố Hồ Chí Minh",
            "--type",
            "Chỉ thị",
            "--year",
            "2024",
            "--title",
            "Chỉ thị về thi đua năm 2024",
            "--root",
        ])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(contains("content/thanh-pho-ho-chi-minh/2024/chi-thi-ve-thi-dua-nam-2024.md"))
        .stdout(contains("/thanh-pho-ho-chi-minh/2024/chi-thi-ve-thi-dua-nam-2024/"));
    banhanh().args(["check", "--root"]).arg(dir.path()).assert().success();
}

#[test]
fn bad_province_type_and_number_get_the_check_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    banhanh()
        .args(["new", "--province", "Vinh Longg", "--type", "Kế hoạch", "--year", "2025", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("lỗi: --province: không có tỉnh, thành phố nào tên \"Vinh Longg\""))
        .stderr(contains("gợi ý: có phải là \"Vĩnh Long\"?"));
    banhanh()
        .args(["new", "--province", "Vĩnh Long", "--type", "Ke hoach", "--year", "2025", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("lỗi: --type: loại văn bản không hợp lệ: \"Ke hoach\""))
        .stderr(contains("có phải là \"Kế hoạch\"?"));
    banhanh()
        .args([
            "new",
            "--province",
            "Vĩnh Long",
            "--type",
            "Kế hoạch",
            "--year",
            "2025",
            "--number",
            "KH 22",
            "--root",
        ])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("lỗi: --number: số hiệu \"KH 22\" không đúng dạng"));
    banhanh()
        .args(["new", "--province", "Vĩnh Long"])
        .assert()
        .code(2)
        .stderr(contains("cần --province, --type và --year"));
    assert!(!dir.path().join("content").exists(), "nothing written");
}

#[test]
fn new_site_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.txt"), "x").unwrap();
    banhanh()
        .args(["new", "site"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("không trống"));
}

//! Bad input: every error of a run reported with file:line:col and a fix; the old output kept intact.

mod common;
use common::*;

/// The error lines (first line of each diagnostic) a user sees, in order.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("lỗi: ")).collect()
}

#[test]
fn every_frontmatter_error_is_reported_in_one_run_with_its_position() {
    let site = fixture_site("bad");
    std::fs::write(site.path().join("content/invalid-utf8.md"), b"---\ntitle: K\xe1\xba ho\n---\n")
        .unwrap();
    let out = banhanh(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines = error_lines(&err);
    let expected = [
        "lỗi: content/bad-date.md:7:9: `issued`: ngày 2023-02-30 không có thật",
        "lỗi: content/bad-province.md:5:11: không có tỉnh, thành phố nào tên \"Vinh Longg\"",
        "lỗi: content/dup-b.md:6:9: trùng văn bản với content/dup-a.md: cùng tỉnh Vĩnh Long, năm 2024 và số hiệu 07/KH-UBND",
        "lỗi: content/empty.md:1:1: tệp rỗng",
        "lỗi: content/invalid-utf8.md:2:9: tệp không phải văn bản UTF-8 hợp lệ",
        "lỗi: content/missing-title.md:2:1: thiếu khóa bắt buộc `title`",
        "lỗi: content/missing-title.md:9:11: `year` của `implements` phải là một năm, ví dụ: year: 2024",
        "lỗi: content/missing-title.md:11:11: `date`: ngày 2023-12-32 không có thật",
        "lỗi: content/no-frontmatter.md:1:1: thiếu phần thông tin (frontmatter) ở đầu tệp",
        "lỗi: content/several.md:3:7: loại văn bản không hợp lệ: \"Ke hoach\"",
        "lỗi: content/several.md:7:9: `issued`: ngày phải viết theo dạng YYYY-MM-DD, không phải 19/01/2024",
        "lỗi: content/several.md:8:7: `year` phải là một số nguyên, không phải \"2024\"",
        "lỗi: content/titel.md:2:1: khóa không hợp lệ `titel`",
        "lỗi: content/unterminated.md:1:1: phần thông tin (frontmatter) mở bằng --- nhưng không có dòng --- đóng lại",
        "lỗi: content/yaml-syntax.md:2:16: lỗi cú pháp YAML: dấu hai chấm (:) không được đứng ở đây (mapping values are not allowed in this context)",
    ];
    assert_eq!(lines, expected, "full stderr:\n{err}");
    // Fixes where one is likely.
    for help in [
        "  gợi ý: có phải là \"Vĩnh Long\"?",
        "  gợi ý: có phải là \"Kế hoạch\"?",
        "  gợi ý: có phải là `title`?",
        "  gợi ý: viết: 2024-01-19",
        "  gợi ý: viết year: 2024 (không có dấu ngoặc kép)",
        "  gợi ý: giá trị có dấu hai chấm (:) cần đặt trong ngoặc kép, ví dụ: title: \"Kế hoạch: năm 2024\"",
    ] {
        assert!(err.lines().any(|l| l == help), "missing `{help}` in:\n{err}");
    }
    assert!(
        err.ends_with("Dừng lại: 15 lỗi, 0 cảnh báo; thư mục kết quả cũ được giữ nguyên.\n"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let site = fixture_site("citations");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let before = tree(&public);
    std::fs::write(
        site.path().join("content/kien-giang/broken.md"),
        "---\ntitle: Hỏng\nprovince: Vĩnh Long\n",
    )
    .unwrap();
    // Also change a good file, so a partial write would show.
    let good = site.path().join("content/vinh-long/02-ctr-ubnd.md");
    let text = std::fs::read_to_string(&good).unwrap().replace("tiếp nối", "TIẾP NỐI");
    std::fs::write(&good, text).unwrap();
    let out = banhanh(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lỗi: content/kien-giang/broken.md:1:1: phần thông tin (frontmatter) mở bằng --- nhưng không có dòng --- đóng lại"));
    assert_eq!(tree(&public), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public."))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind: {leftovers:?}");
}

#[test]
fn check_reports_errors_and_writes_nothing() {
    let site = fixture_site("citations");
    let out = banhanh(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Không có lỗi: 4 văn bản"));
    assert!(!site.path().join("public").exists());

    std::fs::write(site.path().join("content/x.md"), "---\ntitle: X\ntype: Kế hoạch\nprovince: Vĩnh Long\nissuer: UBND\nyear: 2024\n---\n[hỏng](/khong-co/trang/)\n\n[mục](#khong-co)\n").unwrap();
    let out = banhanh(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("lỗi: content/x.md:8:1: liên kết hỏng /khong-co/trang/: trang không tồn tại"),
        "{err}"
    );
    assert!(
        err.contains(
            "lỗi: content/x.md:10:1: liên kết hỏng #khong-co: không có mục #khong-co trong trang"
        ),
        "{err}"
    );
    assert!(!site.path().join("public").exists());

    // A link written as raw HTML is found in the source file, at its own line.
    std::fs::write(site.path().join("content/x.md"), "---\ntitle: X\ntype: Kế hoạch\nprovince: Vĩnh Long\nissuer: UBND\nyear: 2024\n---\nĐoạn một.\n\n<p>Xem <a href=\"/khong-co/html/\">đây</a>.</p>\n").unwrap();
    let out = banhanh(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("lỗi: content/x.md:10:1: liên kết hỏng /khong-co/html/: trang không tồn tại"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn site_settings_are_validated() {
    let site = fixture_site("citations");
    std::fs::write(site.path().join("site.yaml"), "title: Thử\nbaseurl: https://example.org/\n")
        .unwrap();
    let out = banhanh(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lỗi: site.yaml:2:1: khóa không hợp lệ `baseurl`"),
        "{}",
        stderr(&out)
    );

    std::fs::write(site.path().join("site.yaml"), "title: Thử\ntheme: khong-co\n").unwrap();
    let out = banhanh(&["build", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("không tìm thấy giao diện (theme) \"khong-co\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_site_theme_overrides_default_templates() {
    let site = fixture_site("citations");
    std::fs::write(site.path().join("site.yaml"), "theme: tinh\n").unwrap();
    let dir = site.path().join("themes/tinh/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("404.html"),
        "<!DOCTYPE html><html lang=\"vi\"><title>x</title><p>Trang riêng của tỉnh</p></html>",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    let html = std::fs::read_to_string(site.path().join("public/404.html")).unwrap();
    assert!(html.contains("Trang riêng của tỉnh"));
    assert!(page(&site.path().join("public"), "/").contains("<html lang=\"vi\">"));
}

#[test]
fn files_that_would_be_ignored_are_reported() {
    let site = fixture_site("citations");
    std::fs::write(site.path().join("content/ghi-chu.txt"), "x").unwrap();
    let out = build_ok(site.path(), &[]);
    assert!(
        stderr(&out).contains(
            "cảnh báo: content/ghi-chu.txt: tệp này không phải .md nên không được xuất bản"
        ),
        "{}",
        stderr(&out)
    );
}

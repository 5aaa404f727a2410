//! `banhanh serve` on a copied fixture site: edits, broken frontmatter, deletions, live-reload events.

mod common;

use common::serve::{Server, replace_once, save, serve_site};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const DOC: &str = "content/vinh-long/2024/17-ct-ubnd.md";
const DOC_URL: &str = "/vinh-long/2024/17-ct-ubnd/";
/// The start of the error overlay (the reload script also names its id, so match the element).
const OVERLAY: &str = "<div id=\"banhanh-loi\"";
const TITLE: &str = "Chỉ thị về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2024";

#[test]
fn edits_rebuild_the_document_and_the_lists_that_show_it() {
    let site = serve_site();
    let server = Server::start(site.path());
    let (status, page) = server.get(DOC_URL);
    assert_eq!(status, 200);
    assert!(page.contains(TITLE));
    assert!(page.contains("<script id=\"banhanh-tai-lai\">"), "reload script injected by serve");
    let decoded = page.replace("&#x2F;", "/");
    assert!(
        decoded.contains("href=\"/vinh-long/\""),
        "links use the local address, not site.yaml's /ct/ base"
    );
    assert!(!decoded.contains("href=\"/ct/"));
    assert!(!page.contains(OVERLAY));

    let file = site.path().join(DOC);
    let text = std::fs::read_to_string(&file).unwrap();
    let text = replace_once(
        &text,
        "1\\. Tiếp tục quán triệt",
        "Đoạn văn mới thêm khi xem trước.\n\n1\\. Tiếp tục quán triệt",
    );
    save(&file, &text);
    server.wait_for(DOC_URL, "the edited body", |s, b| {
        s == 200 && b.contains("Đoạn văn mới thêm khi xem trước.")
    });
    let rebuilt = server
        .wait_for_line("the rebuild report", |l| l.starts_with("Đã dựng lại") && l.contains(DOC));
    let (done, total) = rebuilt
        .trim_start_matches("Đã dựng lại ")
        .split_once(' ')
        .unwrap()
        .0
        .split_once('/')
        .unwrap();
    let (done, total): (usize, usize) = (done.parse().unwrap(), total.parse().unwrap());
    assert_eq!(done, 1, "a body edit re-renders only its own page: {rebuilt}");
    assert!(total > 10, "{rebuilt}");
    assert!(rebuilt.contains(" ms"), "{rebuilt}");

    let new_title = "Chỉ thị về việc phát động thi đua năm 2024 (đã sửa tên)";
    save(&file, &replace_once(&text, TITLE, new_title));
    for list in ["/vinh-long/", "/vinh-long/2024/", "/nam/2024/", "/loai/chi-thi/", "/"] {
        server.wait_for(list, "the new title in the list", |s, b| {
            s == 200 && b.contains(new_title) && !b.contains(TITLE)
        });
    }
    server.wait_for(DOC_URL, "the new title on the page", |_, b| b.contains(new_title));
    let (_, other) = server.get("/vinh-phuc/2025/01-ctr-ubnd/");
    assert!(!other.contains(new_title), "an unrelated page does not list it");

    // `build` output never carries the reload script.
    let out = Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let built =
        std::fs::read_to_string(site.path().join("public/vinh-long/2024/17-ct-ubnd/index.html"))
            .unwrap();
    assert!(built.contains(new_title));
    assert!(!built.contains("banhanh-tai-lai") && !built.contains("__banhanh"));
}

#[test]
fn broken_frontmatter_shows_the_check_message_over_the_last_good_page() {
    let site = serve_site();
    let mut server = Server::start(site.path());
    let file = site.path().join(DOC);
    let good = std::fs::read_to_string(&file).unwrap();
    save(&file, &replace_once(&good, "province: Vĩnh Long", "province: Vĩnh Longg"));

    let check = Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(!check.status.success());
    let check_err = String::from_utf8(check.stderr).unwrap();
    let first = check_err.lines().next().unwrap().to_string();
    assert_eq!(first, format!("lỗi: {DOC}:4:11: không có tỉnh, thành phố nào tên \"Vĩnh Longg\""));
    let html_first = first.replace('"', "&quot;");

    let page = server.wait_for(DOC_URL, "the error overlay", |_, b| b.contains(OVERLAY));
    assert!(page.contains(&html_first), "overlay shows the check message");
    assert!(page.contains("gợi ý: có phải là &quot;Vĩnh Long&quot;?"));
    assert!(page.contains(TITLE), "last good content still served");
    let (status, other) = server.get("/vinh-phuc/2025/01-ctr-ubnd/");
    assert_eq!(status, 200);
    assert!(other.contains(&html_first), "every page shows the overlay");
    assert!(
        server.lines().contains(&first),
        "terminal shows the same message: {:?}",
        server.lines()
    );
    assert!(server.running(), "a content error never stops the server");

    // Unparseable YAML, then fixed.
    save(&file, &replace_once(&good, "type: Chỉ thị", "type: [Chỉ thị"));
    server.wait_for(DOC_URL, "the YAML error", |_, b| b.contains("lỗi cú pháp YAML"));
    save(&file, &good);
    let page =
        server.wait_for(DOC_URL, "the overlay to go", |s, b| s == 200 && !b.contains(OVERLAY));
    assert!(page.contains(TITLE));
    assert!(server.running());
}

#[test]
fn added_and_deleted_documents_appear_and_disappear() {
    let site = serve_site();
    let server = Server::start(site.path());
    let out = Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args([
            "new",
            "--province",
            "Vĩnh Long",
            "--type",
            "Kế hoạch",
            "--year",
            "2024",
            "--number",
            "22/KH-UBND",
            "--title",
            "Kế hoạch thử nghiệm xem trước",
            "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    server.wait_for("/vinh-long/2024/22-kh-ubnd/", "the new page", |s, b| {
        s == 200 && b.contains("Kế hoạch thử nghiệm xem trước")
    });
    server.wait_for("/vinh-long/", "the new document listed", |_, b| {
        b.contains("Kế hoạch thử nghiệm xem trước")
    });
    server.wait_for("/sitemap.xml", "the new page in the sitemap", |_, b| {
        b.contains("/vinh-long/2024/22-kh-ubnd/</loc>")
    });

    std::fs::remove_file(site.path().join(DOC)).unwrap();
    let gone = server.wait_for(DOC_URL, "a 404", |s, _| s == 404);
    assert!(gone.contains("Không tìm thấy trang"), "the site's 404 page");
    let list = server.wait_for("/vinh-long/", "the list without it", |_, b| !b.contains(TITLE));
    assert!(list.contains("Kế hoạch thử nghiệm xem trước"));
    let (_, home) = server.get("/");
    assert!(!home.contains(TITLE));
    assert!(!home.contains(DOC_URL), "no link to the deleted page");
    let (_, sitemap) = server.get("/sitemap.xml");
    assert!(
        !sitemap.contains(DOC_URL) && sitemap.contains("/vinh-long/2024/22-kh-ubnd/</loc>"),
        "{sitemap}"
    );

    // Renaming a file keeps its page (same number), now from the new source.
    let moved = site.path().join("content/vinh-phuc/ctr-2025.md");
    std::fs::rename(site.path().join("content/vinh-phuc/2025/01-ctr-ubnd.md"), &moved).unwrap();
    server.wait_for_line("the renamed file read", |l| {
        l.starts_with("Đã dựng lại") && l.contains("content/vinh-phuc/ctr-2025.md")
    });
    server.wait_for_line("the old name gone", |l| {
        l.contains("đã xóa (content/vinh-phuc/2025/01-ctr-ubnd.md)")
    });
    server.wait_for("/vinh-phuc/2025/01-ctr-ubnd/", "the renamed document", |s, b| {
        s == 200 && b.contains("Ủy ban nhân dân tỉnh Vĩnh Phúc")
    });
}

#[test]
fn open_pages_are_told_which_pages_changed() {
    let site = serve_site();
    let server = Server::start(site.path());
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET /__banhanh/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    reader.read_line(&mut head).unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0
        && !line.to_ascii_lowercase().starts_with("content-type")
    {
        line.clear();
    }
    assert!(line.contains("text/event-stream"), "{line}");
    std::thread::sleep(Duration::from_millis(200));

    let file = site.path().join(DOC);
    let text = std::fs::read_to_string(&file).unwrap();
    save(&file, &replace_once(&text, "1\\. Tiếp tục", "Thêm một câu.\n\n1\\. Tiếp tục"));
    let start = Instant::now();
    let mut events = String::new();
    while !events.contains(DOC_URL) {
        let mut l = String::new();
        assert!(
            reader.read_line(&mut l).unwrap() > 0 && start.elapsed() < Duration::from_secs(20),
            "no reload event: {events}"
        );
        events.push_str(&l);
    }
    assert!(events.contains("event: reload"), "{events}");
    assert!(
        events.contains(&format!("\"paths\":[\"{DOC_URL}\"]")),
        "only the edited page reloads: {events}"
    );
}

#[test]
fn settings_and_theme_changes_rebuild_every_page() {
    let site = serve_site();
    let theme = site.path().join("themes/rieng/templates");
    std::fs::create_dir_all(&theme).unwrap();
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    std::fs::write(theme.join("base.html"), &base).unwrap();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}theme: rieng\n")).unwrap();
    let server = Server::start(site.path());

    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    save(
        &site.path().join("site.yaml"),
        &replace_once(&yaml, "title: Xem trước", "title: Trang thử của tỉnh"),
    );
    for page in ["/", DOC_URL, "/vinh-phuc/"] {
        server.wait_for(page, "the new site title", |_, b| b.contains("Trang thử của tỉnh"));
    }

    save(
        &theme.join("base.html"),
        &replace_once(
            &base,
            "<footer class=\"site-footer\">",
            "<footer class=\"site-footer\"><p>Chân trang riêng</p>",
        ),
    );
    server.wait_for("/vinh-phuc/2025/01-ctr-ubnd/", "the edited template", |_, b| {
        b.contains("Chân trang riêng")
    });

    save(
        &theme.join("base.html"),
        &replace_once(&base, "{% block main %}{% endblock main %}", "{% block main %}"),
    );
    let page = server.wait_for(DOC_URL, "the template error", |_, b| b.contains(OVERLAY));
    assert!(page.contains("lỗi mẫu trang (template)"), "the theme error is shown");
    assert!(page.contains("Chân trang riêng"), "last good page still served");
    save(&theme.join("base.html"), &base);
    server.wait_for(DOC_URL, "the fixed template", |_, b| {
        !b.contains(OVERLAY) && !b.contains("Chân trang riêng")
    });
}

#[test]
fn a_site_without_content_yet_is_served_once_content_appears() {
    let site = tempfile::tempdir().unwrap();
    let server = Server::start(site.path());
    let (status, page) = server.get("/");
    assert_eq!(status, 404);
    assert!(page.contains(OVERLAY) && page.contains("không tìm thấy thư mục content/"), "{page}");
    let out = Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args([
            "new",
            "--province",
            "Vĩnh Long",
            "--type",
            "Kế hoạch",
            "--year",
            "2025",
            "--title",
            "Kế hoạch đầu tiên",
            "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    server.wait_for("/vinh-long/2025/ke-hoach-dau-tien/", "the first document", |s, b| {
        s == 200 && b.contains("Kế hoạch đầu tiên") && !b.contains(OVERLAY)
    });
    // The new content/ folder is watched too.
    let file = site.path().join("content/vinh-long/2025/ke-hoach-dau-tien.md");
    let text = std::fs::read_to_string(&file).unwrap();
    save(&file, &format!("{text}\nNội dung thêm sau.\n"));
    server.wait_for("/vinh-long/2025/ke-hoach-dau-tien/", "the edit in the new folder", |_, b| {
        b.contains("Nội dung thêm sau.")
    });
}

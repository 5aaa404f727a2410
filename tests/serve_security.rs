//! `banhanh serve` never serves anything outside the built site and listens on 127.0.0.1 by default.

mod common;

use common::serve::{Server, request, serve_site};

#[test]
fn traversal_attempts_are_refused() {
    let site = serve_site();
    std::fs::write(site.path().join("secret.txt"), "bí mật").unwrap();
    let server = Server::start(site.path());
    for path in [
        "/../secret.txt",
        "/static/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2f..%2fetc%2fpasswd",
        "/.%2e/.%2e/etc/passwd",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
    ] {
        let (status, _, body) = request(server.port, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("bí mật") && !body.contains("root:"), "{path}");
    }
    for path in [
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/site.yaml",
        "/content/vinh-long/2024/17-ct-ubnd.md",
        "http://127.0.0.1/etc/passwd",
    ] {
        let (status, _, body) = request(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Không tìm thấy trang"), "{path}: the site's 404 page");
        assert!(!body.contains("bí mật") && !body.contains("root:"), "{path}");
    }
    let (status, head, _) = request(server.port, "/vinh-long");
    assert_eq!(status, 301);
    assert!(head.to_ascii_lowercase().contains("location: /vinh-long/"), "{head}");
    let (status, head, _) = request(server.port, "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_theme_are_not_followed() {
    let site = serve_site();
    std::fs::write(site.path().join("secret.txt"), "bí mật").unwrap();
    let stat = site.path().join("themes/rieng/static");
    std::fs::create_dir_all(&stat).unwrap();
    std::fs::write(stat.join("ok.txt"), "tệp thật").unwrap();
    std::os::unix::fs::symlink(site.path().join("secret.txt"), stat.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", stat.join("etc")).unwrap();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}theme: rieng\n")).unwrap();
    let server = Server::start(site.path());
    let (status, _, body) = request(server.port, "/static/ok.txt");
    assert_eq!((status, body.as_str()), (200, "tệp thật"), "the theme is in use");
    for path in ["/static/leak.txt", "/static/etc/passwd"] {
        let (status, _, body) = request(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("bí mật") && !body.contains("root:"));
    }
}

#[test]
fn listens_on_loopback_only_by_default() {
    let site = serve_site();
    let server = Server::start(site.path());
    assert!(server.lines().iter().any(|l| l.starts_with("Đang phục vụ tại http://127.0.0.1:")));
    let (status, _, _) = request(server.port, "/");
    assert_eq!(status, 200);
}

#[test]
fn another_bind_address_comes_with_a_warning() {
    use std::io::{BufRead, BufReader};
    let site = serve_site();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_banhanh"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(site.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let first = BufReader::new(child.stderr.take().unwrap()).lines().next().unwrap().unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(first.starts_with("cảnh báo: máy chủ mở cho cả mạng ngoài (0.0.0.0)"), "{first}");
}

//! `check --external` against a local HTTP server on 127.0.0.1: ok, 404 and timeout, the cache,
//! and `--external-strict`.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Hits = Arc<Mutex<BTreeMap<String, usize>>>;

/// Serves `/ok` (200), `/missing` (404), `/head-refused` (405 to HEAD, 200 to GET) and `/slow`
/// (answers after 3 s) until the test process ends; counts requests per path.
fn serve() -> (u16, Hits) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits: Hits = Arc::default();
    let h = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200) {
            let Ok(mut stream) = stream else { continue };
            let hits = h.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).ok();
                let mut parts = line.split_whitespace();
                let (method, path) = (
                    parts.next().unwrap_or("").to_string(),
                    parts.next().unwrap_or("").to_string(),
                );
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                *hits.lock().unwrap().entry(format!("{method} {path}")).or_default() += 1;
                let status = match (method.as_str(), path.as_str()) {
                    (_, "/ok") => "200 OK",
                    ("HEAD", "/head-refused") => "405 Method Not Allowed",
                    (_, "/head-refused") => "200 OK",
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "404 Not Found",
                };
                let body = if method == "HEAD" { "" } else { "ok" };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{body}"
                );
            });
        }
    });
    (port, hits)
}

fn site(port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let doc = format!(
        "---
title: Kế hoạch thử liên kết ngoài
type: Kế hoạch
province: Vĩnh Long
issuer: Ủy ban nhân dân tỉnh Vĩnh Long
number: 1/KH-UBND
issued: 2024-01-10
year: 2024
---

Xem [trang tốt](http://127.0.0.1:{port}/ok).

Trang [đã mất](http://127.0.0.1:{port}/missing) và [trang chậm](http://127.0.0.1:{port}/slow).

Máy chủ [không nhận HEAD](http://127.0.0.1:{port}/head-refused).
"
    );
    std::fs::write(dir.path().join("content/a.md"), doc).unwrap();
    dir
}

fn check(root: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = Command::cargo_bin("banhanh").unwrap();
    cmd.args(["check", "--external-timeout", "1", "--root"]).arg(root).args(extra);
    for v in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        cmd.env_remove(v);
    }
    cmd.timeout(Duration::from_secs(60)).output().unwrap()
}

#[test]
fn external_links_are_checked_cached_and_only_fail_when_strict() {
    let (port, hits) = serve();
    let dir = site(port);
    let base = format!("http://127.0.0.1:{port}");

    let out = check(dir.path(), &["--external"]);
    let (stdout, stderr) =
        (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "a flaky network does not fail the check:\n{stderr}");
    assert!(
        stdout.contains(
            "Liên kết ngoài: 4 liên kết, 0 lấy từ bộ nhớ đệm, 1 hỏng, 1 không kiểm tra được"
        ),
        "{stdout}"
    );
    assert!(stderr.contains(&format!("cảnh báo: content/a.md:13: liên kết ngoài hỏng {base}/missing: máy chủ trả lời HTTP 404")), "{stderr}");
    assert!(stderr.contains(&format!("cảnh báo: content/a.md:13: không kiểm tra được liên kết ngoài {base}/slow: hết thời gian chờ")), "{stderr}");
    assert!(!stderr.contains("/ok"), "{stderr}");
    assert!(!stderr.contains("head-refused"), "a 405 to HEAD is retried with GET: {stderr}");
    assert_eq!(hits.lock().unwrap().get("GET /head-refused"), Some(&1));

    let cache: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join(".cache/banhanh/external-links.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(cache["ok"][format!("{base}/ok")][0], 200);
    assert!(cache["ok"].get(format!("{base}/missing")).is_none());

    // Second run: the good links come from the cache, the bad ones are asked again.
    let out = check(dir.path(), &["--external"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("4 liên kết, 2 lấy từ bộ nhớ đệm, 1 hỏng, 1 không kiểm tra được"),
        "{stdout}"
    );
    assert_eq!(hits.lock().unwrap().get("HEAD /ok"), Some(&1), "cached link was requested again");
    assert_eq!(hits.lock().unwrap().get("HEAD /missing"), Some(&2));

    // Strict: the same problems are errors and the exit code is 1.
    let out = check(dir.path(), &["--external-strict"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("lỗi: content/a.md:13: liên kết ngoài hỏng {base}/missing")),
        "{stderr}"
    );
    assert!(stderr.contains("Dừng lại: 2 liên kết ngoài có lỗi (--external-strict)."), "{stderr}");

    // Without --external nothing is requested.
    let before = hits.lock().unwrap().values().sum::<usize>();
    let out = check(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(hits.lock().unwrap().values().sum::<usize>(), before);
}

//! The repo's real programmes (content/) built with the real binary: the cross-links these
//! documents really have are on the built pages, and `check` passes with no warnings.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_banhanh");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the repo's site into a fresh temporary folder.
fn build() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(BIN)
        .args(["build", "--root"])
        .arg(root())
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "build failed: {}", String::from_utf8_lossy(&run.stderr));
    out
}

fn page(site: &Path, path: &str) -> String {
    let html = std::fs::read_to_string(site.join(path.trim_start_matches('/')).join("index.html"))
        .unwrap_or_else(|e| panic!("no page {path}: {e}"));
    html.replace("&#x2F;", "/")
}

/// Hrefs of citation links in a page, with their text.
fn cites(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a class=\"cite\" href=\"") {
        rest = &rest[i + 22..];
        let Some(q) = rest.find('"') else { break };
        let href = rest[..q].to_string();
        let Some(gt) = rest.find('>') else { break };
        let Some(end) = rest.find("</a>") else { break };
        out.push((href, rest[gt + 1..end].to_string()));
        rest = &rest[end..];
    }
    out
}

#[test]
fn check_of_the_repo_passes_with_only_the_lost_heading_warning() {
    let out = Command::new(BIN).args(["check", "--root"]).arg(root()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Part I's heading of the Vĩnh Phúc programme was lost in the scrape (build_output.rs).
    assert!(stdout.contains("5 văn bản") && stdout.contains(" 1 cảnh báo"), "{stdout}");
    assert!(
        stderr.contains("001-vinh-phuc-chuong-trinh-hanh-dong-01-ctr-ubnd-2025.md:54:1"),
        "{stderr}"
    );
}

#[test]
fn the_programmes_link_to_their_resolutions() {
    let site = build();
    let s = site.path();
    // both Vĩnh Long 2024 documents share the provincial resolution 138/NQ-HĐND of 2023
    let hub = page(s, "/vinh-long/van-ban/138-nq-hdnd-2023/");
    assert!(
        hub.contains("href=\"/vinh-long/2024/89-qd-ubnd/\""),
        "138/NQ-HĐND hub lists Quyết định 89"
    );
    assert!(
        hub.contains("href=\"/vinh-long/2024/17-ct-ubnd/\""),
        "138/NQ-HĐND hub lists Chỉ thị 17"
    );
    for (path, year) in [
        ("/kien-giang/2021/22-kh-ubnd/", 2021),
        ("/vinh-long/2024/89-qd-ubnd/", 2024),
        ("/vinh-phuc/2025/01-ctr-ubnd/", 2025),
    ] {
        let hub = page(s, &format!("/van-ban/01-nq-cp-{year}/"));
        assert!(hub.contains(&format!("href=\"{path}\"")), "01/NQ-CP of {year} lists {path}");
        // every citation of 01/NQ-CP in the document, dated or not, points to that year's resolution
        let doc = page(s, path);
        let nq: Vec<_> = cites(&doc).into_iter().filter(|(_, t)| t.contains("01/NQ-CP")).collect();
        assert!(!nq.is_empty(), "{path} cites 01/NQ-CP");
        for (href, text) in nq {
            assert_eq!(href, format!("/van-ban/01-nq-cp-{year}/"), "{path}: \"{text}\"");
        }
    }
    let vp = page(s, "/vinh-phuc/2025/01-ctr-ubnd/");
    let hdnd: Vec<_> = cites(&vp).into_iter().filter(|(_, t)| t.contains("45/NQ-HĐND")).collect();
    assert!(hdnd.len() >= 5, "{hdnd:?}");
    assert!(hdnd.iter().all(|(h, _)| h == "/vinh-phuc/van-ban/45-nq-hdnd-2024/"), "{hdnd:?}");
}

#[test]
fn a_national_assembly_resolution_is_one_hub_for_every_province() {
    let site = build();
    let hub = page(site.path(), "/van-ban/74-2022-qh15-2022/");
    assert!(
        hub.contains("href=\"/vinh-long/2024/89-qd-ubnd/\"")
            && hub.contains("href=\"/vinh-phuc/2025/01-ctr-ubnd/\"")
    );
    assert!(!site.path().join("vinh-long/van-ban/74-2022-qh15-2022").exists());
}

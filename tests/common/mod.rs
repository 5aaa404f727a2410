//! Helpers for integration tests: run the real binary on fixture sites and inspect the output.
#![allow(dead_code)]

pub mod serve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of `tests/fixtures/sites/<name>` in a temporary folder.
pub fn fixture_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/sites").join(name), dir.path());
    dir
}

/// Copies a folder tree (files only, skipping `public/`).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_entry(|e| e.file_name() != "public")
    {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Runs `banhanh ARGS` and returns its output.
pub fn banhanh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_banhanh")).args(args).output().unwrap()
}

/// Runs `banhanh build --root ROOT EXTRA…`, asserting success.
pub fn build_ok(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = banhanh(&args);
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Reads an output page, e.g. `page(root, "vinh-long/2024/89-qd-ubnd/")`.
pub fn page(public: &Path, site_path: &str) -> String {
    let p = site_path.trim_start_matches('/');
    let file = if p.is_empty() || p.ends_with('/') {
        public.join(p).join("index.html")
    } else {
        public.join(p)
    };
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Every file under `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The `href`/`src` values in an HTML page (entity `&amp;` decoded).
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Checks, independently of the program's own checker, that every internal link of every HTML page
/// under `public` starts with `base_path` and resolves to a file (and `#anchor` to an `id`).
pub fn assert_links_resolve(public: &Path, base_path: &str) -> usize {
    let files = tree(public);
    let mut checked = 0;
    let mut broken = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for href in links(&html) {
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            checked += 1;
            let (target, frag) =
                href.split_once('#').map_or((href.as_str(), None), |(a, b)| (a, Some(b)));
            let file = if target.is_empty() {
                path.clone()
            } else if let Some(rest) = target.strip_prefix(base_path) {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                broken.push(format!("{path}: {href} (not under {base_path})"));
                continue;
            };
            let Some(bytes) = files.get(&file) else {
                broken.push(format!("{path}: {href} (no file {file})"));
                continue;
            };
            if let Some(frag) = frag {
                let target_html = String::from_utf8_lossy(bytes);
                if !target_html.contains(&format!("id=\"{frag}\"")) {
                    broken.push(format!("{path}: {href} (no id {frag})"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    checked
}

/// Runs a Python `script` on `path` (its first argument) and parses the JSON it prints; `what`
/// names the Python library in the failure message.
pub fn python_json(script: &str, path: &Path, what: &str) -> serde_json::Value {
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

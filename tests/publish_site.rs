//! Publishing: link checking, a sub-path base URL, Atom feeds, JSON-LD, Open Graph and open data,
//! on a small site built by the real `banhanh` binary.

mod common;

use assert_cmd::Command;
use common::python_json;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const TRICKY_TITLE: &str =
    "Chỉ thị về thi đua </script><script>alert(\"x\")</script> & \"ngoặc kép\", dấu phẩy";

const KG_2021: &str = "---
title: Kế hoạch thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ
type: Kế hoạch
province: Kiên Giang
issuer: Ủy ban nhân dân tỉnh Kiên Giang
number: 22/KH-UBND
issued: 2021-02-01
year: 2021
fields: [Kinh tế]
implements:
  - number: 01/NQ-CP
    date: 2021-01-01
---

## Mục tiêu

Xem [các văn bản năm 2021](../) và [Vĩnh Long](/vinh-long/), [mục tiêu](#muc-tieu),
[nhiệm vụ năm 2022](/kien-giang/2022/15-kh-ubnd/#nhiem-vu), [mã hoá](/kien-giang/2022/%31%35-kh-ubnd/).
";

const KG_2022: &str = "---
title: Kế hoạch thực hiện Nghị quyết số 01/NQ-CP năm 2022
type: Kế hoạch
province: Kiên Giang
issuer: Ủy ban nhân dân tỉnh Kiên Giang
number: 15/KH-UBND
issued: 2022-01-20
year: 2022
---

## Nhiệm vụ

Tiếp tục [kế hoạch năm 2021](../../2021/22-kh-ubnd/#muc-tieu).
";

fn vl_2024() -> String {
    format!(
        "---
title: '{}'
type: Chỉ thị
province: Vĩnh Long
issuer: Ủy ban nhân dân tỉnh Vĩnh Long
number: 17/CT-UBND
issued: 2023-12-26
year: 2024
summary: 'Tóm tắt có dấu phẩy, \"ngoặc kép\" và </script>'
---

Thực hiện Nghị quyết số 138/NQ-HĐND ngày 12/12/2023 của Hội đồng nhân dân tỉnh Vĩnh Long
và Kế hoạch số 22/KH-UBND ngày 01/02/2021 của tỉnh Kiên Giang;
Nghị quyết số 150/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh Đồng Tháp.
",
        TRICKY_TITLE.replace('\'', "''")
    )
}

/// A site folder with three documents in two provinces.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("content");
    fs::create_dir_all(c.join("kien-giang")).unwrap();
    fs::write(c.join("kien-giang/kh-2021.md"), KG_2021).unwrap();
    fs::write(c.join("kien-giang/kh-2022.md"), KG_2022).unwrap();
    fs::write(c.join("vl-2024.md"), vl_2024()).unwrap();
    dir
}

fn banhanh() -> Command {
    Command::cargo_bin("banhanh").unwrap()
}

fn build(root: &Path, out: &Path, base: &str) {
    banhanh()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .args(["--base-url", base])
        .assert()
        .success();
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A file of the output as text, with Tera's `&#x2F;` turned back into `/` for readable assertions.
fn text(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(tree.get(path).unwrap_or_else(|| panic!("missing {path}")).clone())
        .unwrap()
        .replace("&#x2F;", "/")
}

/// A built copy of the site under `https://example.org/ct/`.
fn built() -> (tempfile::TempDir, PathBuf, BTreeMap<String, Vec<u8>>) {
    let dir = site();
    let out = dir.path().join("out");
    build(dir.path(), &out, "https://example.org/ct/");
    let tree = read_tree(&out);
    (dir, out, tree)
}

/// Asserts that every `href`/`src` of every page resolves to a file under `/ct/` (and its `#anchor`
/// exists); returns how many internal links were checked.
fn assert_links_stay_under_ct(tree: &BTreeMap<String, Vec<u8>>) -> usize {
    let attr = regex::Regex::new(r#"\s(?:href|src)="([^"]*)""#).unwrap();
    let mut checked = 0;
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes).replace("&#x2F;", "/");
        let page = url::Url::parse(&format!(
            "https://example.org/ct/{}",
            path.strip_suffix("index.html").unwrap_or(path)
        ))
        .unwrap();
        for c in attr.captures_iter(&html) {
            let href = c[1].replace("&amp;", "&");
            let target = page.join(&href).unwrap();
            if target.host_str() != Some("example.org") {
                continue;
            }
            assert!(
                !href.starts_with('/') || href.starts_with("/ct/"),
                "{path}: {href} escapes the base path"
            );
            let rest = target
                .path()
                .strip_prefix("/ct/")
                .unwrap_or_else(|| panic!("{path}: {href} → {target} leaves /ct/"));
            let rest = percent_encoding::percent_decode_str(rest).decode_utf8().unwrap();
            let file = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_string()
            };
            assert!(tree.contains_key(&file), "{path}: {href} → {file} does not exist");
            if let Some(frag) = target.fragment().filter(|f| !f.is_empty()) {
                assert!(
                    text(tree, &file).contains(&format!("id=\"{frag}\"")),
                    "{path}: {href}: no #{frag} in {file}"
                );
            }
            checked += 1;
        }
    }
    let absolute = regex::Regex::new(r"https://example\.org[^<\x22]*").unwrap();
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".xml")) {
        let xml = String::from_utf8_lossy(bytes);
        for url in absolute.find_iter(&xml) {
            assert!(
                url.as_str().starts_with("https://example.org/ct/"),
                "{path}: {} is outside /ct/",
                url.as_str()
            );
        }
    }
    checked
}

#[test]
fn sub_path_build_every_link_resolves_under_the_base() {
    let (_dir, _out, tree) = built();
    let checked = assert_links_stay_under_ct(&tree);
    assert!(checked > 200, "only {checked} links checked");
    assert!(text(&tree, "atom.xml").contains("https://example.org/ct/kien-giang/2021/22-kh-ubnd/"));
}

#[test]
fn sub_path_build_of_the_repository_content() {
    let dir = tempfile::tempdir().unwrap();
    build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &dir.path().join("out"),
        "https://example.org/ct/",
    );
    let tree = read_tree(&dir.path().join("out"));
    assert!(assert_links_stay_under_ct(&tree) > 50);
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = site();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(dir.path(), &a, "https://example.org/ct/");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build(dir.path(), &b, "https://example.org/ct/");
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb[k] == *v, "{k} differs between two builds");
    }
    assert!(ta.contains_key("atom.xml") && ta.contains_key("du-lieu/van-ban.csv"));
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn check_fails_with(dir: &Path, expected: &[String]) {
    let out = banhanh()
        .args(["check", "--root"])
        .arg(dir)
        .assert()
        .failure()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    for e in expected {
        assert!(stderr.contains(e.as_str()), "expected {e:?} in:\n{stderr}");
    }
}

#[test]
fn broken_body_links_name_file_and_line() {
    let dir = site();
    let broken = KG_2021.replace("## Mục tiêu\n", "## Mục tiêu\n\n[năm 2020](../../2020/) và [mục lạ](/kien-giang/2022/15-kh-ubnd/#khong-co)\n[neo](#khong-co-muc) và [tỉnh lạ](/ha-noi/)\n");
    fs::write(dir.path().join("content/kien-giang/kh-2021.md"), &broken).unwrap();
    let f = "content/kien-giang/kh-2021.md";
    check_fails_with(
        dir.path(),
        &[
            format!(
                "lỗi: {f}:{}:1: liên kết hỏng ../../2020/: trang không tồn tại",
                line_of(&broken, "năm 2020")
            ),
            format!(
                "lỗi: {f}:{}:1: liên kết hỏng /kien-giang/2022/15-kh-ubnd/#khong-co: không có mục #khong-co trong trang /kien-giang/2022/15-kh-ubnd/",
                line_of(&broken, "mục lạ")
            ),
            format!("lỗi: {f}:{}:1: liên kết hỏng #khong-co-muc", line_of(&broken, "[neo]")),
            format!(
                "lỗi: {f}:{}:1: liên kết hỏng /ha-noi/: trang không tồn tại",
                line_of(&broken, "tỉnh lạ")
            ),
        ],
    );
    // build fails the same way and writes nothing
    let out = dir.path().join("public");
    banhanh().args(["build", "--root"]).arg(dir.path()).assert().failure().code(1);
    assert!(!out.exists());
}

#[test]
fn broken_links_in_the_theme_are_theme_errors() {
    let dir = site();
    let t = dir.path().join("themes/rieng/templates");
    fs::create_dir_all(&t).unwrap();
    fs::write(dir.path().join("site.yaml"), "theme: rieng\n").unwrap();
    let index = include_str!("../themes/default/templates/index.html").replace(
        "{% block main %}",
        "{% block main %}<a href=\"{{ base }}/khong-co/\">x</a><a href=\"/tinh/\">y</a>",
    );
    fs::write(t.join("index.html"), index).unwrap();
    let base = include_str!("../themes/default/templates/base.html")
        .replace("</footer>", "<a href=\"{{ base }}/lien-he/\">Liên hệ</a></footer>");
    fs::write(t.join("base.html"), base).unwrap();
    check_fails_with(
        dir.path(),
        &["lỗi: themes/rieng/templates/base.html: liên kết hỏng /lien-he/ trong giao diện (trang /404.html và ".into()],
    );
    check_fails_with(
        dir.path(),
        &["lỗi: themes/rieng/templates/index.html: liên kết hỏng /khong-co/ trong giao diện (trang /index.html): trang không tồn tại".into()],
    );
    // Under a sub-path, a theme link that forgets {{ base }} leaves the site.
    let out = banhanh()
        .args(["check", "--base-url", "https://example.org/ct/", "--root"])
        .arg(dir.path())
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains(
            "liên kết hỏng /tinh/ trong giao diện (trang /index.html): ra ngoài đường dẫn gốc /ct/"
        ),
        "{stderr}"
    );
}

/// Runs Python's feedparser on a feed; prints `bozo` and the entries as JSON.
fn feedparser(path: &Path) -> serde_json::Value {
    let script = r#"
import json, sys
try:
    import feedparser
except ImportError:
    sys.exit("feedparser is not installed: pip install feedparser (scripts/test.sh does it)")
d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
    "id": d.feed.get("id"), "title": d.feed.get("title"), "updated": d.feed.get("updated"),
    "self": [l["href"] for l in d.feed.get("links", []) if l.get("rel") == "self"],
    "entries": [{"id": e.id, "link": e.link, "title": e.title, "updated": e.updated,
                 "published": e.get("published"), "author": e.get("author")} for e in d.entries],
}))
"#;
    python_json(script, path, "feedparser")
}

#[test]
fn atom_feeds_are_valid_newest_first_and_stable() {
    let (_dir, out, tree) = built();
    let site = feedparser(&out.join("atom.xml"));
    assert_eq!(site["bozo"], false, "{}", site["bozo_exception"]);
    assert_eq!(site["version"], "atom10");
    assert_eq!(site["id"], "https://example.org/ct/atom.xml");
    assert_eq!(site["self"][0], "https://example.org/ct/atom.xml");
    assert_eq!(site["updated"], "2023-12-26T00:00:00+07:00", "feed updated = newest document date");
    let ids: Vec<&str> =
        site["entries"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/ct/vinh-long/2024/17-ct-ubnd/",
            "https://example.org/ct/kien-giang/2022/15-kh-ubnd/",
            "https://example.org/ct/kien-giang/2021/22-kh-ubnd/",
        ]
    );
    let e0 = &site["entries"][0];
    assert_eq!(e0["title"], TRICKY_TITLE);
    assert_eq!(e0["link"], ids[0]);
    assert_eq!(e0["updated"], "2023-12-26T00:00:00+07:00");
    assert_eq!(e0["author"], "Ủy ban nhân dân tỉnh Vĩnh Long");

    let kg = feedparser(&out.join("kien-giang/atom.xml"));
    assert_eq!(kg["bozo"], false, "{}", kg["bozo_exception"]);
    assert_eq!(kg["id"], "https://example.org/ct/kien-giang/atom.xml");
    let titles: Vec<&str> =
        kg["entries"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Kế hoạch thực hiện Nghị quyết số 01/NQ-CP năm 2022",
            "Kế hoạch thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ"
        ]
    );
    assert!(tree.contains_key("vinh-long/atom.xml"));

    // Pages link the feeds; province pages also link their province's feed.
    let home = text(&tree, "index.html");
    assert!(
        home.contains(r#"<link rel="alternate" type="application/atom+xml" href="/ct/atom.xml""#),
        "{home}"
    );
    assert!(!home.contains("/ct/kien-giang/atom.xml"));
    let doc = text(&tree, "kien-giang/2021/22-kh-ubnd/index.html");
    assert!(doc.contains(
        r#"<link rel="alternate" type="application/atom+xml" href="/ct/kien-giang/atom.xml""#
    ));
    // A province with no documents has no feed, even when it has a page for a cited resolution.
    let hub = text(&tree, "dong-thap/van-ban/150-nq-hdnd-2023/index.html");
    assert!(hub.contains("/ct/atom.xml") && !hub.contains("dong-thap/atom.xml"), "{hub}");
    assert!(!tree.contains_key("dong-thap/atom.xml"));
}

fn json_ld(html: &str) -> serde_json::Value {
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).expect("JSON-LD script") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end])
        .unwrap_or_else(|e| panic!("bad JSON-LD {e}: {}", &html[start..end]))
}

#[test]
fn document_pages_carry_legislation_json_ld_and_open_graph() {
    let (_dir, _out, tree) = built();
    let tricky = text(&tree, "vinh-long/2024/17-ct-ubnd/index.html");
    assert_eq!(tricky.matches("<script").count(), 1, "the title broke out of the JSON-LD script");
    let ld = json_ld(&tricky);
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["name"], TRICKY_TITLE);
    assert_eq!(ld["legislationIdentifier"], "17/CT-UBND");
    assert_eq!(ld["legislationDate"], "2023-12-26");
    assert_eq!(ld["legislationType"], "Chỉ thị");
    assert_eq!(ld["legislationJurisdiction"]["name"], "Vĩnh Long");
    assert_eq!(ld["legislationPassedBy"]["name"], "Ủy ban nhân dân tỉnh Vĩnh Long");
    assert_eq!(ld["inLanguage"], "vi");
    assert_eq!(ld["url"], "https://example.org/ct/vinh-long/2024/17-ct-ubnd/");
    let cited: Vec<&str> =
        ld["citation"].as_array().unwrap().iter().map(|c| c["url"].as_str().unwrap()).collect();
    assert!(cited.contains(&"https://example.org/ct/kien-giang/2021/22-kh-ubnd/"), "{cited:?}");
    assert!(
        tricky.contains(r#"<meta property="og:title" content="Chỉ thị về thi đua &lt;/script&gt;"#),
        "og:title not escaped"
    );
    assert!(tricky.contains(r#"<meta property="og:type" content="article">"#));
    assert!(tricky.contains(
        r#"<meta property="og:description" content="Tóm tắt có dấu phẩy, &quot;ngoặc kép&quot; và"#
    ));
    assert!(tricky.contains(
        r#"<link rel="canonical" href="https://example.org/ct/vinh-long/2024/17-ct-ubnd/">"#
    ));

    let kg = json_ld(&text(&tree, "kien-giang/2021/22-kh-ubnd/index.html"));
    assert_eq!(kg["legislationApplies"][0]["legislationIdentifier"], "01/NQ-CP");
    assert_eq!(kg["legislationApplies"][0]["legislationDate"], "2021-01-01");
    assert_eq!(kg["legislationApplies"][0]["url"], "https://example.org/ct/van-ban/01-nq-cp-2021/");
    assert_eq!(kg["keywords"][0], "Kinh tế");
    assert!(
        !text(&tree, "index.html").contains("application/ld+json"),
        "only document pages are Legislation"
    );
}

#[test]
fn open_data_json_and_csv_list_every_document() {
    let (_dir, _out, tree) = built();
    let json: serde_json::Value = serde_json::from_slice(&tree["du-lieu/van-ban.json"]).unwrap();
    assert_eq!(json["count"], 3);
    let docs = json["documents"].as_array().unwrap();
    let kg = docs.iter().find(|d| d["number"] == "22/KH-UBND").unwrap();
    assert_eq!(kg["url"], "https://example.org/ct/kien-giang/2021/22-kh-ubnd/");
    assert_eq!(kg["province"], "Kiên Giang");
    assert_eq!(kg["province_now"], "An Giang");
    assert_eq!(kg["issued"], "2021-02-01");
    assert_eq!(kg["implements"][0]["url"], "https://example.org/ct/van-ban/01-nq-cp-2021/");
    assert_eq!(kg["source"], "content/kien-giang/kh-2021.md");

    let csv_bytes = &tree["du-lieu/van-ban.csv"];
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"), "CSV starts with a UTF-8 BOM");
    let mut r = csv::Reader::from_reader(&csv_bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[..4], ["url", "title", "type", "number"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let tricky = rows.iter().find(|row| &row[col("number")] == "17/CT-UBND").unwrap();
    assert_eq!(&tricky[col("title")], TRICKY_TITLE, "quotes and commas survive CSV quoting");
    assert_eq!(&tricky[col("province_now")], "");
    let kg = rows.iter().find(|row| &row[col("number")] == "22/KH-UBND").unwrap();
    assert_eq!(&kg[col("implements")], "01/NQ-CP (2021-01-01)");
    assert_eq!(&kg[col("fields")], "Kinh tế");
    // Footer links the files (so the link checker covers them).
    assert!(text(&tree, "index.html").contains(r#"href="/ct/du-lieu/van-ban.csv""#));
}

#[test]
fn example_ci_files_are_valid_yaml_and_use_only_the_binary() {
    for (f, format) in [
        ("docs/ci/github-pages.yml", "banhanh check --format github --base-url"),
        ("docs/ci/gitlab-pages.yml", "banhanh check --format json --base-url"),
    ] {
        let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(f)).unwrap();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(yaml.is_mapping(), "{f}");
        assert!(text.contains("cargo install --locked --path ."), "{f}");
        assert!(text.contains("banhanh build --base-url"), "{f}");
        assert!(text.contains(format), "{f}: errors shown where reviewers look");
        assert!(text.contains("public"), "{f}");
    }
}

#[test]
fn feeds_hold_the_100_newest_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    for i in 1..=105 {
        // Issued on consecutive days from 2024-01-01: document i is the i-th oldest.
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(i - 1);
        fs::write(
            dir.path().join(format!("content/kh-{i}.md")),
            format!("---\ntitle: Kế hoạch số {i}\ntype: Kế hoạch\nprovince: Cà Mau\nissuer: Ủy ban nhân dân tỉnh Cà Mau\nnumber: {i}/KH-UBND\nissued: {date}\nyear: 2024\n---\n\nNội dung.\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    build(dir.path(), &out, "https://example.org/");
    for feed in ["atom.xml", "ca-mau/atom.xml"] {
        let parsed = feedparser(&out.join(feed));
        assert_eq!(parsed["bozo"], false);
        let entries = parsed["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 100, "{feed}");
        assert_eq!(entries[0]["id"], "https://example.org/ca-mau/2024/105-kh-ubnd/");
        assert_eq!(entries[0]["updated"], "2024-04-14T00:00:00+07:00");
        assert_eq!(entries[99]["id"], "https://example.org/ca-mau/2024/6-kh-ubnd/");
    }
}

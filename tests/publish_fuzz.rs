//! Property tests ("fuzzing" on stable Rust): the frontmatter parser and the citation linker never
//! panic and keep their promises on arbitrary input. `scripts/fuzz.sh` runs them longer.
//!
//! Cases per property: `PROPTEST_CASES` (default 256 here). Failures found are kept in
//! `tests/publish_fuzz.proptest-regressions` and replayed first on every run.

use banhanh::content::parse_bytes;
use banhanh::data::Catalog;
use banhanh::markdown::MarkdownRenderer;
use banhanh::markdown::citations::CitationFinder;
use banhanh::markdown::placeholder::{CITE_CLOSE, CITE_MID, CITE_OPEN};
use proptest::prelude::*;
use std::sync::LazyLock;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::load);
static FINDER: LazyLock<CitationFinder> = LazyLock::new(|| CitationFinder::new(&CATALOG));

const VALID: &str = "---
title: \"Kế hoạch thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024\"
type: Kế hoạch
province: Vĩnh Long
issuer: Ủy ban nhân dân tỉnh Vĩnh Long
number: 22/KH-UBND
issued: 2024-02-01
year: 2024
fields: [Kinh tế, Xã hội]
implements:
  - number: 01/NQ-CP
    date: 2024-01-05
    title: Nghị quyết về nhiệm vụ, giải pháp chủ yếu
---

## Mục tiêu

Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ.
";

/// Pieces that make interesting Markdown for the citation linker.
const PIECES: &[&str] = &[
    "Nghị quyết số 01/NQ-CP ngày 05/01/2024",
    "Kế hoạch 22/KH-UBND",
    "Nghị quyết số 138/NQ-HĐND ngày 12 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh Vĩnh Long",
    "Kết luận số 64-KL/TW",
    "Chỉ thị số 17/CT-UBND ngày 5/1/2024",
    "ngày 31/02/2024",
    " của tỉnh Kiên Giang",
    "<a href=\"/x/\">",
    "<a href=\"https://example.org\">",
    "</a>",
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "[",
    "](/vinh-long/)",
    "](#muc)",
    "]",
    "(",
    ")",
    "`",
    "```\n",
    "\n",
    "\n\n",
    " ",
    "*",
    "_",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n| ",
    "[^1]",
    "[^1]: ",
    "&amp;",
    "&",
    "<",
    ">",
    "\"",
    "\\",
    "\u{E000}",
    "\u{E001}",
    "\u{E002}",
    "0",
    "Đ",
    "ngày ",
    "số ",
    "/",
    "-",
];

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => prop::sample::select(PIECES).prop_map(str::to_string), 1 => ".{0,12}"],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// A valid file with a few byte-level edits: insert, delete, overwrite.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        0usize..VALID.len() + 1,
        0u8..3,
        any::<u8>(),
        prop::sample::select(vec![b'\n', b':', b'-', b' ', b'"', b'\'', b'[', b'{', 0xC3, 0xFF]),
    );
    prop::collection::vec(edit, 1..6).prop_map(|edits| {
        let mut bytes = VALID.as_bytes().to_vec();
        for (pos, kind, any_byte, special) in edits {
            let pos = pos.min(bytes.len());
            let b = if any_byte % 2 == 0 { special } else { any_byte };
            match kind {
                0 => bytes.insert(pos, b),
                1 if pos < bytes.len() => {
                    bytes.remove(pos);
                }
                _ if pos < bytes.len() => bytes[pos] = b,
                _ => bytes.push(b),
            }
        }
        bytes
    })
}

fn assert_located(bytes: &[u8]) {
    if let Err(diagnostics) = parse_bytes("content/a.md", bytes, &CATALOG) {
        assert!(!diagnostics.is_empty(), "an error without a diagnostic");
        for d in &diagnostics {
            assert_eq!(d.path, "content/a.md", "{d}");
            if !bytes.is_empty() {
                assert!(d.line >= 1, "error without a line: {d}");
            }
            assert!(!d.message.is_empty());
        }
    }
}

/// The final HTML of a document whose body is `body`, after citations are linked.
fn final_html(body: &str) -> String {
    let text = format!("{}{body}", VALID.split_inclusive('\n').take(15).collect::<String>());
    let parsed = parse_bytes("content/a.md", text.as_bytes(), &CATALOG).expect("valid frontmatter");
    let config =
        banhanh::config::load(std::path::Path::new("/nonexistent"), Some("/ct/"), &CATALOG)
            .expect("config");
    let renderer = MarkdownRenderer { finder: &FINDER, base_path: &config.base_path };
    let rendered = renderer.render(&parsed.markdown, parsed.body_line);
    let (site, _) = banhanh::link::link(vec![parsed.into_document(rendered)], config, &CATALOG);
    banhanh::render::document::body_html(&site, 0)
}

/// Checks that `<a …>` and `</a>` alternate: never nested, never closed twice, all closed.
fn assert_anchors_balanced(html: &str) {
    let open = regex::Regex::new(r"(?i)<a[\s>]|</a\s*>").unwrap();
    let mut depth = 0i32;
    for m in open.find_iter(html) {
        depth += if m.as_str().starts_with("</") { -1 } else { 1 };
        assert!((0..=1).contains(&depth), "unbalanced <a> at byte {}: {html}", m.start());
    }
    assert_eq!(depth, 0, "unclosed <a>: {html}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        failure_persistence: Some(Box::new(prop::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn frontmatter_parser_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        assert_located(&bytes);
    }

    #[test]
    fn frontmatter_parser_survives_arbitrary_text(text in "(---\n)?([a-z_]{0,8}:? ?.{0,20}\n){0,8}(---\n)?.{0,40}") {
        assert_located(text.as_bytes());
    }

    #[test]
    fn frontmatter_parser_survives_mutated_valid_files(bytes in mutated()) {
        assert_located(&bytes);
    }

    #[test]
    fn citation_finder_ranges_are_valid(text in markdown()) {
        for f in FINDER.find(&text) {
            prop_assert!(f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(text[f.start..f.end].contains(&f.number));
        }
    }

    #[test]
    fn link_checker_survives_arbitrary_hrefs(href in "[/#.%?a-z0-9đ:&;\\\\ -]{0,30}", base in prop::sample::select(vec!["/", "/ct/"])) {
        use banhanh::render::OutputFile;
        let page = |path: &str, html: String| OutputFile::site_file(path, html.into_bytes());
        let attr = href.replace('"', "&quot;");
        let files = vec![
            page("index.html", String::new()),
            page("a/b/index.html", format!("<h2 id=\"x\">x</h2><a href=\"{attr}\">x</a><img src='{attr}'>")),
        ];
        for b in banhanh::output::links::check(&files, base) {
            prop_assert_eq!(&b.page, "a/b/index.html");
            prop_assert!(!b.reason.is_empty());
        }
    }

    #[test]
    fn linked_html_has_no_placeholders_and_balanced_anchors(body in markdown()) {
        let html = final_html(&body);
        prop_assert!(!html.contains([CITE_OPEN, CITE_MID, CITE_CLOSE]), "placeholder leaked: {:?}", html);
        assert_anchors_balanced(&html);
        prop_assert!(!html.to_lowercase().contains("<script"), "{}", html);
    }
}

#[test]
fn the_valid_file_is_valid() {
    assert!(parse_bytes("content/a.md", VALID.as_bytes(), &CATALOG).is_ok());
    let html = final_html("Theo Nghị quyết số 01/NQ-CP ngày 05/01/2024.\n");
    assert!(html.contains("<a class=\"cite\" href=\"/ct/van-ban/01-nq-cp-2024/\">Nghị quyết số 01/NQ-CP ngày 05/01/2024</a>"), "{html}");
}

/// Found by `linked_html_has_no_placeholders_and_balanced_anchors`: a citation inside a link written
/// as raw HTML was linked too, nesting `<a>` in `<a>`.
#[test]
fn citation_inside_a_raw_html_link_stays_text() {
    let html = final_html(
        "<a href=\"/x/\">Nghị quyết số 138/NQ-HĐND ngày 12 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh Vĩnh Long",
    );
    assert_anchors_balanced(&html);
    assert!(!html.contains("class=\"cite\""), "{html}");
    // …while the same citation outside it is linked.
    let html = final_html(
        "<a href=\"/x/\">x</a> Nghị quyết số 138/NQ-HĐND ngày 12 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh Vĩnh Long",
    );
    assert_anchors_balanced(&html);
    assert!(
        html.contains("<a class=\"cite\" href=\"/ct/vinh-long/van-ban/138-nq-hdnd-2023/\">"),
        "{html}"
    );
}

/// Found by the same property: an unclosed raw `<a>` before a table holding a footnote reference
/// kept the footnote's link nested inside it.
#[test]
fn raw_link_around_a_table_does_not_nest_links() {
    let html = final_html("<a href=\"/x/\">\n\n| a | b |\n|---|---|\n| [^1]```\n[^1]: ");
    assert_anchors_balanced(&html);
}

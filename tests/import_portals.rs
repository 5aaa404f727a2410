//! `banhanh import` on the beginnings of real documents as legal portals serve them
//! (tests/fixtures/import/portals/): the detected metadata of each, scored per field against the
//! values read by hand in expected.yaml (right, TODO, wrong; wrong must be 0), and every word of
//! every source still in its draft.
//!
//! The tables: `cargo test --test import_portals -- --nocapture portal_metadata`.

mod import_support;

use import_support::{Lcg, frontmatter, implements, import_file, value as get};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/portals")
}

/// An expected value: the value itself, or `{todo: [candidates]}` when the text does not settle
/// it and the draft must say TODO naming every candidate.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Want {
    Value(String),
    Todo { todo: Vec<String> },
}

#[derive(Debug, Deserialize)]
struct Fixture {
    file: String,
    portal: String,
    url: String,
    number: Want,
    issued: Want,
    province: Want,
    #[serde(rename = "type")]
    doc_type: Want,
    issuer: Want,
    title: Want,
    implements: Vec<(String, String)>,
    /// Found, and its values written, after the importer was built on the others.
    #[serde(default)]
    held_out: bool,
}

fn fixtures() -> Vec<Fixture> {
    let text = std::fs::read_to_string(dir().join("expected.yaml")).unwrap();
    serde_yaml::from_str(&text).expect("expected.yaml parses")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Score {
    Right,
    Todo,
    Wrong,
}

fn is_todo(v: &Option<String>) -> bool {
    v.as_deref().is_none_or(|s| s.starts_with("TODO"))
}

fn score(want: &Want, got: &Option<String>) -> Score {
    match want {
        Want::Value(w) if got.as_deref() == Some(w.as_str()) => Score::Right,
        Want::Todo { todo } if is_todo(got) => {
            let text = got.as_deref().unwrap_or("");
            if todo.iter().all(|c| text.contains(c.as_str())) { Score::Right } else { Score::Todo }
        }
        _ if is_todo(got) => Score::Todo,
        _ => Score::Wrong,
    }
}

/// Right when the list is exactly the expected one; TODO when entries are only missing and the
/// draft names each missing number in its notes; wrong otherwise (an entry that should not be
/// there, or one silently left out).
fn score_implements(want: &[(String, String)], got: &[(String, String)], draft: &str) -> Score {
    if want == got {
        return Score::Right;
    }
    let extra = got.iter().any(|g| !want.contains(g));
    let missing_named = want
        .iter()
        .filter(|w| !got.contains(w))
        .all(|(n, _)| draft.lines().any(|l| l.contains("implements") && l.contains(n.as_str())));
    if !extra && missing_named { Score::Todo } else { Score::Wrong }
}

const FIELDS: [&str; 7] = ["number", "issued", "province", "type", "issuer", "title", "implements"];

/// Per-field counts [right, TODO, wrong].
type Table = BTreeMap<&'static str, [usize; 3]>;

/// Scores one fixture's draft, adding to `table` and describing each miss in `misses`.
fn score_fixture(f: &Fixture, table: &mut Table, misses: &mut Vec<String>) {
    let draft = import_file(&dir().join(&f.file));
    let m = frontmatter(&draft);
    let pairs: [(&'static str, &Want, Option<String>); 6] = [
        ("number", &f.number, get(&m, "number")),
        ("issued", &f.issued, get(&m, "issued")),
        ("province", &f.province, get(&m, "province")),
        ("type", &f.doc_type, get(&m, "type")),
        ("issuer", &f.issuer, get(&m, "issuer")),
        ("title", &f.title, get(&m, "title")),
    ];
    let mut record = |field: &'static str, s: Score, detail: String| {
        table.entry(field).or_default()[s as usize] += 1;
        if s != Score::Right {
            misses.push(format!("{:?} {} {field}: {detail}", s, f.file));
        }
    };
    for (field, want, got) in pairs {
        record(field, score(want, &got), format!("want {want:?}, got {got:?}"));
    }
    let got = implements(&m);
    record(
        "implements",
        score_implements(&f.implements, &got, &draft),
        format!("want {:?}, got {got:?}", f.implements),
    );
}

/// Prints the per-field table of `n` fixtures; returns the totals [right, TODO, wrong].
fn print_table(title: &str, table: &Table, n: usize) -> [usize; 3] {
    println!("\n{title} ({n} fixtures)\n");
    println!("| field | right | TODO | wrong |\n|---|---|---|---|");
    let mut total = [0usize; 3];
    for f in FIELDS {
        let [r, t, w] = table.get(f).copied().unwrap_or_default();
        println!("| {f} | {r}/{n} | {t} | {w} |");
        total = [total[0] + r, total[1] + t, total[2] + w];
    }
    let all = total.iter().sum::<usize>().max(1);
    println!(
        "| all | {}/{all} ({:.1}%) | {} | {} |",
        total[0],
        100.0 * total[0] as f64 / all as f64,
        total[1],
        total[2]
    );
    total
}

#[test]
fn portal_metadata_is_right_in_95_percent_of_fields_and_never_wrong() {
    let fx = fixtures();
    let (mut first, mut held, mut all) = (Table::new(), Table::new(), Table::new());
    let mut misses = Vec::new();
    for f in &fx {
        let mut one = Table::new();
        score_fixture(f, &mut one, &mut misses);
        for (field, counts) in one {
            for target in [&mut all, if f.held_out { &mut held } else { &mut first }] {
                let e = target.entry(field).or_default();
                for k in 0..3 {
                    e[k] += counts[k];
                }
            }
        }
    }
    let n_held = fx.iter().filter(|f| f.held_out).count();
    print_table("Fixtures the importer was built on", &first, fx.len() - n_held);
    print_table("Held-out fixtures", &held, n_held);
    let total = print_table("All fixtures", &all, fx.len());
    println!();
    for m in &misses {
        println!("{m}");
    }
    let cells = total.iter().sum::<usize>();
    assert_eq!(total[2], 0, "wrong values: {misses:#?}");
    assert!(total[0] * 100 >= cells * 95, "right in fewer than 95% of fields: {misses:#?}");
}

/// Lowercase words (letters and digits) of a text, NFC.
fn words(s: &str) -> Vec<String> {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Words of `source` that `draft` has fewer of than the source (a multiset difference). Escape
/// text a bad scrape left in ("\r\n" as four characters) is not a word of the document.
fn lost_words(source: &str, draft: &str) -> Vec<String> {
    let source = source.replace("\\r", " ").replace("\\n", " ").replace("\\t", " ");
    let mut have: BTreeMap<String, i64> = BTreeMap::new();
    for w in words(draft) {
        *have.entry(w).or_default() += 1;
    }
    let mut lost = Vec::new();
    for w in words(&source) {
        let n = have.entry(w.clone()).or_default();
        *n -= 1;
        if *n < 0 {
            lost.push(w);
        }
    }
    lost
}

#[test]
fn every_word_of_every_portal_text_is_in_its_draft() {
    let mut failures = Vec::new();
    for f in fixtures() {
        let source = std::fs::read_to_string(dir().join(&f.file)).unwrap();
        let draft = import_file(&dir().join(&f.file));
        let lost = lost_words(&source, &draft);
        if !lost.is_empty() {
            failures.push(format!(
                "{}: {} words lost, e.g. {:?}",
                f.file,
                lost.len(),
                &lost[..lost.len().min(8)]
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_lost_word_check_can_fail() {
    assert_eq!(lost_words("một hai hai", "một hai"), vec!["hai"]);
    assert!(lost_words("Số: 54\\r\\n", "số 54").is_empty());
}

#[test]
fn fixtures_come_from_at_least_four_portals_and_eight_provinces() {
    let fx = fixtures();
    assert!(fx.len() >= 12);
    let site = |u: &str| {
        let host = u.split('/').nth(2).unwrap_or("").trim_start_matches("www.");
        let parts: Vec<&str> = host.split('.').collect();
        parts[parts.len().saturating_sub(2)].to_string()
    };
    let mut portals: Vec<String> = fx.iter().map(|f| site(&f.url)).collect();
    portals.sort();
    portals.dedup();
    assert!(portals.len() >= 4, "{portals:?}");
    let mut provinces: Vec<String> = fx
        .iter()
        .filter_map(|f| match &f.province {
            Want::Value(p) => Some(p.clone()),
            Want::Todo { .. } => None,
        })
        .collect();
    provinces.sort();
    provinces.dedup();
    assert!(provinces.len() >= 8, "{provinces:?}");
    for f in &fx {
        assert!(dir().join(&f.file).exists(), "{} missing", f.file);
        assert!(f.url.starts_with("http") && !f.portal.is_empty());
    }
}

#[test]
fn mangled_portal_texts_never_make_the_importer_panic() {
    let catalog = banhanh::data::Catalog::load();
    let mut rng = Lcg(17);
    for f in fixtures() {
        let text = std::fs::read_to_string(dir().join(&f.file)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..2 {
            let cut: String = chars[..rng.next(chars.len())].iter().collect();
            let at = rng.next(chars.len());
            let spliced: String = chars[..at]
                .iter()
                .chain("\\r\\n | Số: /– ngày tháng năm – ".chars().collect::<Vec<_>>().iter())
                .chain(&chars[at..])
                .collect();
            for input in [
                cut.nfd().collect::<String>(),
                cut.to_uppercase(),
                cut.replace(' ', "|").replace('\n', " | "),
                spliced,
            ] {
                let md = banhanh::import::import(&input, &catalog).to_markdown();
                assert!(md.starts_with("---\n"));
            }
        }
    }
}

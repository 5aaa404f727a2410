//! The data file of central documents (`data/central-documents.yaml`): built into banhanh, and
//! optionally a site's own file of the same name, whose entries replace the built-in ones with the
//! same number and year.

use crate::content::frontmatter::{self, Split, Value, scalar_text};
use crate::content::locate::Locator;
use crate::content::validate::parse_date;
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::link::resolve::number_key;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::path::Path;

/// The site-relative path of the data file (and of the built-in one in banhanh's sources).
pub const FILE: &str = "data/central-documents.yaml";
const BUILT_IN: &str = include_str!("../../data/central-documents.yaml");
const KEYS: [&str; 5] = ["number", "date", "title", "issuer", "link"];

/// One central document as an editor wrote it in a data file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CentralEntry {
    pub number: String,
    pub date: NaiveDate,
    /// Kind and subject: "Nghị quyết về nhiệm vụ, giải pháp chủ yếu …".
    pub title: String,
    pub issuer: Option<String>,
    pub link: Option<String>,
    /// Where the entry is written.
    pub at: EntryAt,
}

/// Where a data entry is written: the site's file or the built-in list, and its line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntryAt {
    pub built_in: bool,
    /// 1-based line of the entry's `date:` value.
    pub line: usize,
    pub column: usize,
}

/// The entries that apply to a site, by (number key, year): the built-in ones, replaced or added
/// to by the site's own file. Problems of the site's file are reported, never silently skipped.
pub fn load(
    root: &Path,
    catalog: &Catalog,
) -> (BTreeMap<(String, i32), CentralEntry>, Vec<Diagnostic>) {
    let (built_in, errors) = parse(BUILT_IN, true, catalog);
    debug_assert!(errors.is_empty(), "the built-in {FILE} is valid: {errors:?}");
    let mut entries: BTreeMap<(String, i32), CentralEntry> =
        built_in.into_iter().map(|e| (key(&e), e)).collect();
    let path = root.join(FILE);
    if !path.is_file() {
        return (entries, Vec::new());
    }
    let text = match std::fs::read(&path) {
        Ok(bytes) => match frontmatter::decode(FILE, &bytes) {
            Ok(t) => crate::text::nfc(&t),
            Err(d) => return (entries, vec![d]),
        },
        Err(e) => {
            return (entries, vec![Diagnostic::error(FILE, 0, 0, format!("không đọc được: {e}"))]);
        }
    };
    let (own, mut diagnostics) = parse(&text, false, catalog);
    let mut seen: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for e in own {
        let k = key(&e);
        if let Some(first) = seen.get(&k) {
            diagnostics.push(
                Diagnostic::error(
                    FILE,
                    e.at.line,
                    e.at.column,
                    format!("{} năm {} đã có ở dòng {first}", e.number, k.1),
                )
                .with_help("mỗi văn bản chỉ ghi một lần; xóa một trong hai mục"),
            );
            continue;
        }
        seen.insert(k.clone(), e.at.line);
        entries.insert(k, e);
    }
    (entries, diagnostics)
}

/// The key a data entry is found by: its number's key and its date's year.
fn key(e: &CentralEntry) -> (String, i32) {
    (number_key(&e.number), e.date.year())
}

/// Parses a data file; every problem is reported with its line.
fn parse(text: &str, built_in: bool, catalog: &Catalog) -> (Vec<CentralEntry>, Vec<Diagnostic>) {
    if text.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let split = Split { yaml: text, yaml_line: 1, body: "", body_line: 0 };
    let map = match frontmatter::parse(FILE, &split) {
        Ok(m) => m,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let loc = Locator::new(text, 1);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (k, _) in &map {
        let k = scalar_text(k).unwrap_or_default();
        if k != "documents" {
            let (line, column) = loc.key_name(&k);
            errors.push(
                Diagnostic::error(FILE, line, column, format!("khóa không hợp lệ `{k}`"))
                    .with_help("tệp chỉ có một khóa: documents, là danh sách các văn bản"),
            );
        }
    }
    let items = match map.get("documents") {
        Some(Value::Sequence(items)) => items.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => {
            let (line, column) = loc.key("documents");
            errors.push(
                Diagnostic::error(FILE, line, column, "`documents` phải là một danh sách")
                    .with_help(EXAMPLE),
            );
            &[]
        }
    };
    for (i, item) in items.iter().enumerate() {
        match entry(item, i, &loc, built_in, catalog) {
            Ok(e) => out.push(e),
            Err(mut ds) => errors.append(&mut ds),
        }
    }
    (out, errors)
}

const EXAMPLE: &str = "ví dụ:\n    documents:\n      - number: 01/NQ-CP\n        date: 2024-01-05\n        title: Nghị \
    quyết về nhiệm vụ, giải pháp chủ yếu …";

/// One entry of `documents`, or every problem found in it.
fn entry(
    item: &Value,
    i: usize,
    loc: &Locator<'_>,
    built_in: bool,
    catalog: &Catalog,
) -> Result<CentralEntry, Vec<Diagnostic>> {
    let at = |field: Option<&str>| loc.item("documents", i, field);
    let err = |pos: (usize, usize), msg: String, help: &str| {
        Diagnostic::error(FILE, pos.0, pos.1, msg).with_help(help.to_string())
    };
    let Value::Mapping(m) = item else {
        return Err(vec![err(
            at(None),
            format!("mục {} của `documents` phải có các khóa number, date, title", i + 1),
            EXAMPLE,
        )]);
    };
    let mut errors = Vec::new();
    for (k, _) in m {
        let k = scalar_text(k).unwrap_or_default();
        if !KEYS.contains(&k.as_str()) {
            errors.push(err(
                at(Some(&k)),
                format!("khóa không hợp lệ `{k}` trong mục {} của `documents`", i + 1),
                &format!("các khóa hợp lệ: {}", KEYS.join(", ")),
            ));
        }
    }
    let mut field = |name: &str, required: bool| -> Option<String> {
        let value = m.get(name).filter(|v| !v.is_null()).and_then(scalar_text);
        match value.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            Some(s) => Some(s),
            None if required => {
                errors.push(err(
                    at(Some(name)),
                    format!("mục {} của `documents` thiếu `{name}`", i + 1),
                    EXAMPLE,
                ));
                None
            }
            None => None,
        }
    };
    let (number, date, title) = (field("number", true), field("date", true), field("title", true));
    let (issuer, link) = (field("issuer", false), field("link", false));
    let date = date.and_then(|d| {
        parse_date(&d)
            .map_err(|(msg, help)| {
                errors.push(err(at(Some("date")), format!("`date`: {msg}"), &help))
            })
            .ok()
    });
    if let Some(n) = &number
        && !catalog.is_central_number(n)
    {
        errors.push(err(
            at(Some("number")),
            format!("{n} không phải số hiệu của cơ quan trung ương"),
            "tệp này chỉ ghi văn bản của cơ quan trung ương (mã CP, TTg, QH, TW… trong số hiệu)",
        ));
    }
    match (number, date, title) {
        (Some(number), Some(date), Some(title)) if errors.is_empty() => {
            let (line, column) = at(Some("date"));
            Ok(CentralEntry {
                number,
                date,
                title,
                issuer,
                link,
                at: EntryAt { built_in, line, column },
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_is_valid_and_names_the_yearly_resolutions() {
        let catalog = Catalog::load();
        let (entries, errors) = parse(BUILT_IN, true, &catalog);
        assert_eq!(errors, vec![]);
        let dates: Vec<String> = entries.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2021-01-01", "2022-01-08", "2023-01-06", "2024-01-05", "2025-01-08", "2026-01-08"]
        );
        for e in &entries {
            assert_eq!(e.number, "01/NQ-CP");
            assert!(
                e.title.starts_with("Nghị quyết về nhiệm vụ, giải pháp chủ yếu"),
                "{}",
                e.title
            );
            assert!(e.title.ends_with(&format!("năm {}", e.date.year())), "{}", e.title);
            assert_eq!(crate::text::nfc(&e.title), e.title);
        }
    }

    #[test]
    fn every_problem_of_an_entry_is_reported_with_its_line() {
        let catalog = Catalog::load();
        let text = "documents:\n  - number: 01/NQ-CP\n    date: 2024-13-05\n    titel: x\n  - number: \
            22/KH-UBND\n    date: 2024-01-05\n    title: Kế hoạch\n";
        let (entries, errors) = parse(text, false, &catalog);
        assert!(entries.is_empty());
        let shown: Vec<String> =
            errors.iter().map(|d| format!("{}:{}", d.line, d.message)).collect();
        assert!(shown.iter().any(|s| s.starts_with("3:`date`")), "{shown:?}");
        assert!(shown.iter().any(|s| s.starts_with("4:khóa không hợp lệ `titel`")), "{shown:?}");
        assert!(shown.iter().any(|s| s.contains("thiếu `title`")), "{shown:?}");
        assert!(shown.iter().any(|s| s.starts_with("5:22/KH-UBND không phải")), "{shown:?}");
    }
}

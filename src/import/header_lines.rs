//! What a line of an official header is: the national motto, the issuing body, "Số: …", place
//! and date, the type line, a draft's mark, and the line naming who enacts a decision.

use super::rules::{rules, starts_with_words};
use super::shape::is_caps;
use crate::data::Catalog;
use crate::text::fold;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// What one cell of a header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Issuer,
    Motto,
    Number,
    PlaceDate,
    Type,
    Signature,
}

fn place_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(\S.{0,40}?),?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*[|.]?\s*$",
        )
        .expect("valid")
    })
}

/// A place-and-date line whose day or month is left blank ("Hà Nội, ngày    tháng    năm 2022").
fn blank_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(\S.{0,40}?),\s*ngày[\s.…_]*(?:\d{1,2}[\s.…_]+)?",
            r"tháng[\s.…_]*(?:\d{1,2}[\s.…_]+)?năm[\s.…_]*(\d{4})?\s*$",
        ))
        .expect("valid")
    })
}

fn number_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^Số\s*:?\s*([^\s|]*)").expect("valid"))
}

/// A "Số: …" line: the number (None when the line leaves it blank) and the rest of the line.
pub fn number_cell(text: &str) -> Option<(Option<String>, &str)> {
    let c = number_line_re().captures(text)?;
    let m = c.get(0).expect("whole match");
    let raw = c[1].trim_end_matches(['.', ',', ';']);
    let after_label = &text["Số".len()..];
    let labelled =
        after_label.trim_start().starts_with(':') || raw.starts_with(|c: char| c.is_ascii_digit());
    if !labelled || raw.starts_with(char::is_alphabetic) {
        return None;
    }
    let rest = text[m.end()..].trim();
    if raw.starts_with(|c: char| c.is_ascii_digit()) && raw.contains(['/', '-']) {
        Some((Some(raw.to_string()), rest))
    } else if raw.is_empty() || raw.starts_with(['/', '-', '.', '…', '_']) {
        Some((None, rest))
    } else {
        None
    }
}

/// A place-and-date line: the place and the date (None when blank or impossible).
pub fn place_date(text: &str) -> Option<(String, Option<NaiveDate>)> {
    if let Some(c) = place_date_re().captures(text) {
        let num = |k: usize| c[k].parse::<u32>().unwrap_or(0);
        let date = NaiveDate::from_ymd_opt(num(4) as i32, num(3), num(2));
        return Some((c[1].trim().to_string(), date));
    }
    blank_date_re().captures(text).map(|c| (c[1].trim().to_string(), None))
}

/// The canonical type a line opens with in capitals, and the rest of the line. A type word
/// broken by OCR ("K ÉT LUẬN") is read when its letters without marks and spaces are the type's.
pub fn type_prefix<'a>(text: &'a str, catalog: &Catalog) -> Option<(String, &'a str)> {
    let mut types: Vec<&str> = catalog.types.iter().map(|t| t.name.as_str()).collect();
    types.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let words: Vec<&str> = text.split_whitespace().collect();
    let rest_after = |n: usize| after_words(text, n);
    for name in &types {
        let n = name.split_whitespace().count();
        let head: Vec<&str> = words.iter().take(n).copied().collect();
        if head.len() == n && is_caps(&head.join(" ")) && starts_with_words(text, name) {
            return Some((name.to_string(), rest_after(n)));
        }
    }
    for name in &types {
        let want: String = fold(name).split_whitespace().collect();
        for k in 2..=(name.split_whitespace().count() + 2).min(words.len()) {
            let head = words[..k].join("");
            if is_caps(&head) && fold(&head) == want {
                return Some((name.to_string(), rest_after(k)));
            }
        }
    }
    None
}

/// What follows a draft's mark ("DỰ THẢO", "(Dự thảo lần 2)") at the start of `text`.
pub fn after_draft_mark(text: &str) -> Option<&str> {
    let t = text.trim_start_matches('(');
    let mark = rules().draft_marks.iter().find(|m| starts_with_words(t, m))?;
    let rest = after_words(t, mark.split_whitespace().count());
    // "lần 2", a closing parenthesis
    let rest = match rest.strip_prefix("lần ").or_else(|| rest.strip_prefix("LẦN ")) {
        Some(r) => r.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start(),
        None => rest,
    };
    Some(rest.trim_start_matches(')').trim_start())
}

/// `text` after its first `n` words, trimmed.
fn after_words(text: &str, n: usize) -> &str {
    let mut rest = text;
    for _ in 0..n {
        rest = rest.trim_start();
        rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
    }
    rest.trim()
}

/// A line of the national motto or the party heading.
pub fn is_motto(text: &str) -> bool {
    rules().motto.iter().any(|m| starts_with_words(text, m))
}

/// An issuing-body line in capitals ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG").
pub fn is_issuer_line(text: &str) -> bool {
    is_caps(text) && rules().issuer_words.iter().any(|w| starts_with_words(text, w))
}

/// The line naming who enacts a decision, with the issuing body's words ("ỦY BAN NHÂN DÂN TỈNH
/// VĨNH LONG", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"): the issuing body without the prefix.
pub fn enacting(text: &str) -> Option<&str> {
    let t = text.trim_matches('*').trim();
    if is_issuer_line(t) {
        return Some(t);
    }
    rules().enacting_prefixes.iter().find_map(|p| {
        let n = p.split_whitespace().count();
        if !starts_with_words(t, p) || !is_caps(t) {
            return None;
        }
        Some(after_words(t, n)).filter(|r| is_issuer_line(r))
    })
}

/// What a header cell is, if it is one.
pub fn cell_kind(text: &str, catalog: &Catalog) -> Option<Cell> {
    let t = text.trim_matches('*').trim();
    let signature = rules().signature_prefixes.iter().any(|p| t.starts_with(p.as_str()));
    if is_motto(t) {
        Some(Cell::Motto)
    } else if number_cell(t).is_some() {
        Some(Cell::Number)
    } else if place_date(t).is_some() {
        Some(Cell::PlaceDate)
    } else if is_issuer_line(t) {
        Some(Cell::Issuer)
    } else if signature && is_caps(t) {
        Some(Cell::Signature)
    } else if type_prefix(t, catalog).is_some_and(|(_, rest)| rest.is_empty()) {
        Some(Cell::Type)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_broken_by_ocr() {
        let c = Catalog::load();
        assert_eq!(type_prefix("K ÉT LUẬN", &c).map(|t| t.0), Some("Kết luận".to_string()));
        assert_eq!(type_prefix("KẾ HOẠCH", &c).map(|t| t.0), Some("Kế hoạch".to_string()));
        assert_eq!(type_prefix("KẾT QUẢ", &c), None);
        assert!(number_cell("Số hiệu | 22").is_none());
        assert!(number_cell("Số lượng cán bộ").is_none());
        assert_eq!(enacting("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), Some("ỦY BAN NHÂN DÂN TỈNH"));
    }
}

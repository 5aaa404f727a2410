//! The official header at the top of a document, in whatever layout the portal left it: issuing
//! body, national motto, "Số: …" (also blank in a draft: "Số: /CT-UBND"), place and date (also
//! "ngày tháng năm 2022"), the type line ("KẾ HOẠCH", OCR-damaged "K ÉT LUẬN") and the title.

use super::rebuild::{Chunk, Piece, ends_clause, is_caps};
use super::rules::{rules, starts_with_words};
use crate::data::Catalog;
use crate::text::fold;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

/// What the official header at the top of the text says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Issuing body as written ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG").
    pub issuer: Option<String>,
    pub number: Option<String>,
    /// The number line as written when it leaves the number blank ("Số: /CT-UBND").
    pub blank_number: Option<String>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    /// The place-and-date line as written when it leaves the date blank or gives an impossible one.
    pub bad_date: Option<String>,
    /// Canonical document type from the type line ("KẾ HOẠCH" → "Kế hoạch").
    pub doc_type: Option<String>,
    /// The title after the type word, as written.
    pub title: Option<String>,
    /// The header's paragraphs as written, in order.
    pub lines: Vec<String>,
    /// Index of the first chunk after the header.
    pub end: usize,
}

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
fn after_draft_mark(text: &str) -> Option<&str> {
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

/// A paragraph continuing the title after the type line: not numbered, not a sentence, not the
/// enacting body, and not a body opening ("Thực hiện …"), unless written in capitals as titles are.
fn is_title_part(p: &Piece) -> bool {
    let caps_with_stop = is_caps(&p.text) && p.text.trim_end().ends_with('.');
    p.marker.is_none()
        && (!ends_clause(&p.text) || caps_with_stop)
        && enacting(&p.text).is_none()
        && (is_caps(&p.text)
            || !rules().body_starters.iter().any(|s| starts_with_words(&p.text, s)))
}

/// Reads the official header at the start of the chunks.
pub fn header(chunks: &[Chunk], catalog: &Catalog) -> Header {
    let mut h = Header::default();
    let mut i = 0;
    while let Some(Chunk::Text(p)) = chunks.get(i) {
        let t = p.text.trim_matches('*').trim();
        if h.doc_type.is_some() {
            let t = t.trim_end_matches('.').trim_end();
            if is_title_part(p)
                && h.lines.len() < 16
                && h.title.as_ref().is_none_or(|t| t.chars().count() < 400)
            {
                h.title = Some(match h.title.take() {
                    Some(prev) if !prev.is_empty() => format!("{prev} {t}"),
                    _ => t.to_string(),
                });
                h.lines.push(p.text.clone());
                i += 1;
                continue;
            }
            break;
        }
        if !read_cell(&mut h, t, catalog) {
            break;
        }
        h.lines.push(p.text.clone());
        i += 1;
    }
    h.end = i;
    h
}

/// Records what the header cell `t` says; false when it is not a header cell.
fn read_cell(h: &mut Header, t: &str, catalog: &Catalog) -> bool {
    if is_motto(t) {
        return true;
    }
    if let Some(rest) = after_draft_mark(t) {
        // "DỰ THẢO" alone, or joined to the type line below it
        return rest.is_empty() || read_cell(h, rest, catalog);
    }
    let nothing_else = h.number.is_none() && h.blank_number.is_none() && h.date.is_none();
    if (h.issuer.is_none() || nothing_else) && is_issuer_line(t) {
        // a second issuing-body line ("ĐẢNG BỘ TỈNH X" / "TỈNH ỦY X") names the organ that issues
        h.issuer = Some(t.to_string());
        return true;
    }
    if h.number.is_none()
        && h.blank_number.is_none()
        && let Some((number, rest)) = number_cell(t)
    {
        match number {
            Some(n) => h.number = Some(n),
            None => h.blank_number = Some(t.to_string()),
        }
        if !rest.is_empty() && h.date.is_none() {
            read_place_date(h, rest);
        }
        return true;
    }
    if h.date.is_none() && h.bad_date.is_none() && read_place_date(h, t) {
        return true;
    }
    if let Some((name, rest)) = type_prefix(t, catalog) {
        h.doc_type = Some(name);
        h.title = Some(rest.to_string());
        return true;
    }
    false
}

fn read_place_date(h: &mut Header, t: &str) -> bool {
    let Some((place, date)) = place_date(t) else {
        return false;
    };
    h.place = Some(place);
    match date {
        Some(d) => h.date = Some(d),
        None => h.bad_date = Some(t.to_string()),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{rebuild, source};

    fn chunks(text: &str, catalog: &Catalog) -> Vec<Chunk> {
        rebuild::join(&source::prepare(text, catalog).lines, catalog)
    }

    #[test]
    fn reads_a_wrapped_header_and_stops_at_the_body() {
        let c = Catalog::load();
        let ch = chunks(
            "ỦY\nBAN NHÂN DÂN\nTỈNH KIÊN GIANG\n-------\n|\nSố: 22/KH-UBND\n|\nKiên\nGiang, ngày \
                01 tháng 02 năm 2021\n|\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN\nThực hiện Nghị quyết số \
                01/NQ-CP ngày\n01/01/2021 của Chính phủ, UBND tỉnh đề ra kế hoạch như sau:",
            &c,
        );
        let h = header(&ch, &c);
        assert_eq!(h.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG"));
        assert_eq!(h.number.as_deref(), Some("22/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Kiên Giang"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2021, 2, 1));
        assert_eq!(h.doc_type.as_deref(), Some("Kế hoạch"));
        assert_eq!(h.title.as_deref(), Some("TRIỂN KHAI THỰC HIỆN"));
        assert_eq!(h.end, ch.len() - 1);
    }

    #[test]
    fn reads_cells_on_one_line_and_words_on_their_own_lines() {
        let c = Catalog::load();
        let h = header(
            &chunks(
                "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 881/QĐ-UBND | Đà \
                    Nẵng, ngày 25 tháng 02 năm 2019 |\nỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG\nCăn cứ \
                    Luật;",
                &c,
            ),
            &c,
        );
        assert_eq!(h.number.as_deref(), Some("881/QĐ-UBND"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2019, 2, 25));
        assert_eq!(h.place.as_deref(), Some("Đà Nẵng"));
        let h = header(
            &chunks(
                "Số:\n200/QĐ-UBND\n|\nThành\nphố Hồ Chí Minh, ngày 18\ntháng 01\nnăm 2023\n|\n\
                 QUYẾT ĐỊNH\nVỀ VIỆC X",
                &c,
            ),
            &c,
        );
        assert_eq!(h.number.as_deref(), Some("200/QĐ-UBND"));
        assert_eq!(h.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2023, 1, 18));
        assert_eq!(h.doc_type.as_deref(), Some("Quyết định"));
    }

    #[test]
    fn blank_numbers_and_dates_of_drafts_are_not_read_as_values() {
        let c = Catalog::load();
        let h = header(
            &chunks(
                "Số: /CT-UBND\n\nHà Nội, ngày      tháng     năm 2022\n\nCHỈ THỊ\n\nVỀ VIỆC X",
                &c,
            ),
            &c,
        );
        assert_eq!(h.number, None);
        assert_eq!(h.blank_number.as_deref(), Some("Số: /CT-UBND"));
        assert_eq!(h.date, None);
        assert_eq!(h.place.as_deref(), Some("Hà Nội"));
        assert!(h.bad_date.is_some());
        assert_eq!(h.doc_type.as_deref(), Some("Chỉ thị"));
    }

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

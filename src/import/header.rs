//! The official header at the top of a document, in whatever layout the portal left it: issuing
//! body, national motto, "Số: …" (also blank in a draft: "Số: /CT-UBND"), place and date (also
//! "ngày tháng năm 2022"), the type line ("KẾ HOẠCH", OCR-damaged "K ÉT LUẬN") and the title.

use super::chunks::{Chunk, Piece};
use super::header_lines::{
    after_draft_mark, enacting, is_issuer_line, is_motto, number_cell, place_date, type_prefix,
};
use super::rules::{rules, starts_with_words};
use super::shape::{ends_clause, is_caps};
use crate::data::Catalog;
use chrono::NaiveDate;

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
}

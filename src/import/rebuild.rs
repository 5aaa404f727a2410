//! Joins the lines of a scraped text back into paragraphs: lines broken mid-sentence, words split
//! over two lines ("Kiên\nGiang"), headings wrapped in capitals, and `|`-separated cells.
//!
//! Pure functions of the text (and the province list): no I/O, no panics on any input.

use super::chunks::{Chunk, Marker, Piece};
use super::lines::SourceLine;
use super::shape::{ends_clause, is_caps, is_role_line};
use super::tables;
use crate::data::Catalog;
use regex::Regex;
use std::sync::OnceLock;

/// How the scrape laid out paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Paragraphs separated by blank lines.
    Blank,
    /// One paragraph per (long) line.
    Lines,
    /// Paragraphs hard-wrapped at ~80 characters, no blank lines.
    Wrapped,
}

/// What separates a line from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Newline,
    Blank,
    /// A `|` cell border or a rule of dashes: always a new paragraph.
    Forced,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

/// The marker `line` opens with, if any.
pub fn marker(line: &str) -> Option<Marker> {
    static ROMAN: OnceLock<Regex> = OnceLock::new();
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    static LETTER: OnceLock<Regex> = OnceLock::new();
    static PAREN: OnceLock<Regex> = OnceLock::new();
    static DASH: OnceLock<Regex> = OnceLock::new();
    static OPENING: OnceLock<Regex> = OnceLock::new();
    let l = line.trim_start();
    if re(&ROMAN, r"^[IVXL]{1,6}\s*[.\-–]\s+\S").is_match(l) {
        return Some(Marker::Roman);
    }
    if let Some(c) = re(
        &NUMBER,
        r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+[\p{Lu}“\x22(]|^(\d{1,2})\.\s+[\p{Lu}“\x22(]",
    )
    .captures(l)
    {
        let depth = c.get(1).map_or(1, |m| m.as_str().matches('.').count() + 1);
        return Some(Marker::Number(depth.min(6) as u8));
    }
    if re(&LETTER, r"^[a-zđ]\)\s*\S").is_match(l) {
        return Some(Marker::Letter);
    }
    if re(&PAREN, r"^\(\d{1,2}\)\s*\S").is_match(l) {
        return Some(Marker::Paren);
    }
    if re(&DASH, r"^[-–—•+]\s+\S|^\*\s+\S").is_match(l) {
        return Some(Marker::Dash);
    }
    let opening = concat!(
        r"^(?:Căn cứ |Theo đề nghị|Xét đề nghị|Nơi nhận|Điều \d+\.",
        r"|\*\*|T/M\b|TM\.|KT\.|TL\.|TUQ\.)"
    );
    if re(&OPENING, opening).is_match(l)
        || is_role_line(l)
        || (is_caps(l) && l.ends_with(':') && l.split_whitespace().count() <= 3)
    {
        return Some(Marker::Opening);
    }
    None
}

fn first_letter(s: &str) -> Option<char> {
    s.chars().find(|c| !matches!(c, '*' | '"' | '“' | '\'' | '‘' | '(' | '[' | ' '))
}

fn layout(lines: &[SourceLine]) -> Layout {
    let texts: Vec<&str> =
        lines.iter().map(|l| l.text.as_str()).filter(|t| !t.is_empty()).collect();
    let blanks = lines.windows(2).filter(|w| w[0].text.is_empty() && !w[1].text.is_empty()).count();
    if texts.is_empty() || blanks * 3 >= texts.len() {
        return Layout::Blank;
    }
    let mut lens: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    lens.sort_unstable();
    if lens[lens.len() / 2] < 100 { Layout::Wrapped } else { Layout::Lines }
}

/// Words at the end of `prev` and the start of `next` that together name a province ("Kiên" + "Giang").
fn splits_province(prev: &str, next: &str, catalog: &Catalog) -> bool {
    let pw: Vec<&str> = prev.split_whitespace().collect();
    let nw: Vec<&str> = next.split_whitespace().collect();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    if pw.len() >= 2
        && catalog
            .province(&format!("{} {}", clean(pw[pw.len() - 2]), clean(pw[pw.len() - 1])))
            .is_some()
    {
        return false;
    }
    for k in 1..=pw.len().min(2) {
        for m in 1..=nw.len().min(3) {
            let words: Vec<String> =
                pw[pw.len() - k..].iter().chain(&nw[..m]).map(|w| clean(w)).collect();
            if words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && catalog.province(&words.join(" ")).is_some()
            {
                return true;
            }
        }
    }
    false
}

/// "Số:" (or "Số") alone: the number label of a header.
fn is_number_label(s: &str) -> bool {
    matches!(s.trim(), "Số:" | "Số" | "Số :")
}

/// Whether a line in capitals ends with a word that needs the next line ("… CỦA", "… VÀ").
fn ends_with_link(s: &str) -> bool {
    const LINKS: [&str; 10] =
        ["của", "và", "về", "cho", "tại", "theo", "với", "trên", "thuộc", "giữa"];
    let last = s.split_whitespace().last().unwrap_or("").to_lowercase();
    LINKS.contains(&last.as_str())
}

/// A line that only separates cells: `|`, a rule of dashes or stars, a lone "-".
fn is_separator(text: &str) -> bool {
    text == "|"
        || (text.chars().count() >= 3
            && text.chars().all(|c| matches!(c, '-' | '_' | '=' | '–' | '*')))
        || (text.chars().count() <= 2 && text.chars().all(|c| matches!(c, '-' | '–' | '*' | '|')))
}

/// Whether `next` continues the paragraph whose last line is `prev` (block opened with `opener`).
fn continues(
    opener: Option<Marker>,
    prev: &str,
    next: &str,
    gap: Gap,
    layout: Layout,
    catalog: &Catalog,
) -> bool {
    if gap == Gap::Forced || marker(next).is_some() {
        return false;
    }
    if is_number_label(prev) {
        // "Số:" with the number on the next line
        return next.starts_with(|c: char| c.is_ascii_digit() || c == '/');
    }
    if is_caps(prev) && super::header_lines::enacting(next).is_some() && !ends_with_link(prev) {
        // a title in capitals, then "ỦY BAN NHÂN DÂN TỈNH …" / "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
        return false;
    }
    if is_caps(prev) && next.starts_with('(') {
        return false;
    }
    let lower = first_letter(next).is_some_and(char::is_lowercase);
    let digit = first_letter(next).is_some_and(|c| c.is_ascii_digit());
    if ends_clause(prev) {
        return lower
            || (layout == Layout::Wrapped
                && gap == Gap::Newline
                && next.chars().count() >= 65
                && !is_caps(prev));
    }
    if lower || digit || prev.ends_with([',', '-', '–']) || splits_province(prev, next, catalog) {
        return true;
    }
    if is_caps(prev) {
        return gap == Gap::Newline && is_caps(next);
    }
    match (layout, gap) {
        (_, Gap::Blank) | (Layout::Lines, _) => false,
        (Layout::Blank, _) => true,
        (Layout::Wrapped, _) => {
            let heading = matches!(opener, Some(Marker::Roman | Marker::Number(_)));
            !heading || prev.chars().count() >= 50
        }
    }
}

/// Joins the lines into paragraphs and tables.
pub fn join(lines: &[SourceLine], catalog: &Catalog) -> Vec<Chunk> {
    let layout = layout(lines);
    let mut out: Vec<Chunk> = Vec::new();
    let mut cur: Option<(Piece, String)> = None; // piece and its last line
    let mut gap = Gap::Blank;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text.as_str();
        if let Some((table, used)) = tables::read(lines, i) {
            flush(&mut out, &mut cur);
            out.push(Chunk::Table(table));
            i += used.max(1);
            gap = Gap::Forced;
            continue;
        }
        i += 1;
        if text.is_empty() {
            if gap != Gap::Forced {
                gap = Gap::Blank;
            }
            continue;
        }
        if is_separator(text) {
            gap = Gap::Forced;
            continue;
        }
        let (body, forced_after) = match text.strip_suffix('|') {
            Some(b) => (b.trim_end(), true),
            None => (text, false),
        };
        if body.is_empty() {
            gap = Gap::Forced;
            continue;
        }
        let joined = match &mut cur {
            Some((piece, last)) if continues(piece.marker, last, body, gap, layout, catalog) => {
                piece.text.push(' ');
                piece.text.push_str(body);
                *last = body.to_string();
                true
            }
            _ => false,
        };
        if !joined {
            flush(&mut out, &mut cur);
            cur = Some((
                Piece { text: body.to_string(), line: line.no, marker: marker(body) },
                body.to_string(),
            ));
        }
        gap = if forced_after { Gap::Forced } else { Gap::Newline };
    }
    flush(&mut out, &mut cur);
    out
}

fn flush(out: &mut Vec<Chunk>, cur: &mut Option<(Piece, String)>) {
    if let Some((piece, _)) = cur.take() {
        out.push(Chunk::Text(piece));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let lines: Vec<SourceLine> = src
            .split('\n')
            .enumerate()
            .map(|(i, t)| SourceLine { no: i + 1, text: t.trim().to_string() })
            .collect();
        join(&lines, &Catalog::load())
            .into_iter()
            .map(|c| match c {
                Chunk::Text(p) => p.text,
                Chunk::Table(t) => format!("<table {}>", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn markers() {
        assert_eq!(marker("I. BỐI CẢNH"), Some(Marker::Roman));
        assert_eq!(marker("II- GIẢI PHÁP"), Some(Marker::Roman));
        assert_eq!(marker("1.2. Ưu tiên"), Some(Marker::Number(2)));
        assert_eq!(marker("12. Xây dựng"), Some(Marker::Number(1)));
        assert_eq!(marker("đ) Tiếp tục"), Some(Marker::Letter));
        assert_eq!(marker("(15) Tỷ lệ"), Some(Marker::Paren));
        assert_eq!(marker("- Bộ Kế hoạch"), Some(Marker::Dash));
        assert_eq!(marker("CHỦ TỊCH**"), Some(Marker::Opening));
        assert_eq!(marker("2021 (gọi tắt"), None);
        assert_eq!(marker("2.000 lao động"), None);
        assert_eq!(marker("Is it"), None);
    }

    #[test]
    fn blank_separated_breaks_mid_sentence_are_joined() {
        let t = texts(
            "Trong bối cảnh đó, đòi hỏi các cấp, các ngành\n\nphải tiếp tục đổi \
            mới.\n\nKiên\n\nGiang là tỉnh.\n\nI. CHỦ ĐỀ\n\nĐể thực hiện.",
        );
        assert_eq!(
            t,
            vec![
                "Trong bối cảnh đó, đòi hỏi các cấp, các ngành phải tiếp tục đổi mới.",
                "Kiên Giang là tỉnh.",
                "I. CHỦ ĐỀ",
                "Để thực hiện.",
            ]
        );
    }

    #[test]
    fn wrapped_paragraphs_headings_and_items() {
        let mut src = String::from(
            "1. Bối cảnh\nNăm 2021 có ý nghĩa đặc biệt quan trọng,\nlà năm tổ chức Đại hội.\n",
        );
        src.push_str(
            "I. BỐI CẢNH, MỤC\nTIÊU, PHƯƠNG CHÂM\n- Căn cứ Nghị quyết Đại hội Đảng bộ \
            tỉnh, xây dựng kế hoạch triển khai thực hiện Nghị quyết\nĐại hội đại biểu Đảng bộ \
            tỉnh lần thứ XI.\nỦY\nBAN NHÂN DÂN\n|\nSố: 22/KH-UBND\n|",
        );
        let t = texts(&src);
        assert_eq!(
            t,
            vec![
                "1. Bối cảnh",
                "Năm 2021 có ý nghĩa đặc biệt quan trọng, là năm tổ chức Đại hội.",
                "I. BỐI CẢNH, MỤC TIÊU, PHƯƠNG CHÂM",
                "- Căn cứ Nghị quyết Đại hội Đảng bộ tỉnh, xây dựng kế hoạch triển khai thực hiện \
                Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI.",
                "ỦY BAN NHÂN DÂN",
                "Số: 22/KH-UBND",
            ]
        );
    }

    #[test]
    fn province_split_is_joined_but_adjacent_provinces_are_not() {
        assert_eq!(
            texts("UBND tỉnh Kiên\nGiang đề ra kế hoạch như sau:\nBình Xuyên")[0],
            "UBND tỉnh Kiên Giang đề ra kế hoạch như sau:"
        );
        assert_eq!(texts("tỉnh Vĩnh Long\n\nAn Giang có").len(), 2);
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for s in [
            "",
            "\n\n",
            "|",
            "||\n|",
            "- ",
            "(",
            "1.",
            "STT\n|\n1\n|",
            "a)\n\nb)",
            "Kiên\n",
            "\u{301}x",
        ] {
            let _ = texts(s);
        }
    }
}

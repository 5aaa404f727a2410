//! Cleans a scraped text before it is rebuilt: NFC, line endings (also "\r\n" left as text by a
//! bad scrape), what the portal put above the document, blocks the scrape duplicated, header
//! cells on one line ("Số: 881/QĐ-UBND | Đà Nẵng, ngày …"), words the portal glued together
//! and spaces inside document numbers ("45/NQ- HĐND").

use super::lines::SourceLine;
use super::portal::{self, Portal};
use crate::data::Catalog;
use crate::text::nfc;
use regex::Regex;
use std::sync::OnceLock;

/// The scraped text made ready for rebuilding.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    pub lines: Vec<SourceLine>,
    pub portal: Portal,
    /// What was changed or dropped, for the editor (Vietnamese, one line each).
    pub notes: Vec<String>,
}

/// Normalises `text` (NFC, LF, spaces, escape text), takes off what the portal put above the
/// document, drops duplicated blocks, splits header cells and glued words, and closes up spaces
/// inside document numbers.
pub fn prepare(text: &str, catalog: &Catalog) -> Prepared {
    let text = nfc(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut notes = Vec::new();
    let escapes = text.matches("\\n").count();
    let unescape = escapes >= 3;
    if unescape {
        notes.push(format!(
            "Bản cào có {escapes} chuỗi thoát \"\\r\\n\"/\"\\n\" viết thành chữ: đã đổi thành \
                xuống dòng."
        ));
    }
    let mut lines: Vec<SourceLine> = Vec::new();
    for (i, l) in text.split('\n').enumerate() {
        if unescape {
            let l = l.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n");
            lines.extend(l.split('\n').map(|p| SourceLine { no: i + 1, text: clean_line(p) }));
        } else {
            lines.push(SourceLine { no: i + 1, text: clean_line(l) });
        }
    }
    let pre = portal::take(&mut lines, &catalog.cite_words());
    if let Some(t) = &pre.portal.title {
        notes.push(format!("Đã bỏ tiêu đề của trang nguồn: \"{t}\"."));
    }
    if !pre.metadata.is_empty() {
        notes.push(format!(
            "Đã bỏ bảng thông tin của trang nguồn; giá trị của nó được dùng cho frontmatter:\n  {}",
            pre.metadata.join("\n  ")
        ));
    }
    if !pre.chrome.is_empty() {
        notes.push(format!(
            "Đã bỏ phần chữ của trang nguồn ở trên văn bản:\n  {}",
            pre.chrome.join("\n  ")
        ));
    }
    notes.extend(drop_repeats(&mut lines));
    lines = super::cells::split(lines, catalog);
    notes.extend(split_glued(&mut lines));
    for l in &mut lines {
        let (fixed, changes) = close_number_spaces(&l.text);
        for (from, to) in changes {
            notes.push(format!(
                "Dòng {}: bỏ khoảng trắng trong số hiệu \"{from}\" → \"{to}\".",
                l.no
            ));
        }
        l.text = fixed;
    }
    Prepared { lines, portal: pre.portal, notes }
}

/// Splits the words a portal glued together, returning the note that lists them.
fn split_glued(lines: &mut [SourceLine]) -> Option<String> {
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let plan = super::glue::plan(&texts);
    if plan.is_empty() {
        return None;
    }
    let mut done = Vec::new();
    for l in lines.iter_mut() {
        let (fixed, changes) = super::glue::apply(&l.text, &plan);
        for (from, to) in changes {
            done.push(format!("\"{from}\" → \"{to}\" (dòng {})", l.no));
        }
        l.text = fixed;
    }
    Some(format!("Đã tách chữ dính liền: {}.", done.join(", ")))
}

fn clean_line(l: &str) -> String {
    let l: String = l
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'))
        .map(|c| if c == '\t' || c == '\u{A0}' { ' ' } else { c })
        .collect();
    l.trim().to_string()
}

/// Drops a run of lines that the scrape repeated immediately after itself (the duplicated header
/// block); the second, complete copy is kept.
fn drop_repeats(lines: &mut Vec<SourceLine>) -> Vec<String> {
    let mut notes = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(len) = repeated_run(lines, i) {
            let (a, b) = (lines[i].no, lines[i + len - 1].no);
            let (c, d) = (lines[i + len].no, lines[i + 2 * len - 1].no);
            notes.push(format!(
                "Đã bỏ khối lặp lại ở dòng {a}–{b} (lặp lại nguyên văn ở dòng {c}–{d})."
            ));
            lines.drain(i..i + len);
            continue;
        }
        i += 1;
    }
    notes
}

fn repeated_run(lines: &[SourceLine], i: usize) -> Option<usize> {
    let first = &lines[i].text;
    if first.chars().count() < 8 || first.chars().all(|c| c == '|' || c == '-') {
        return None;
    }
    let j = lines[i + 1..].iter().position(|l| &l.text == first)? + i + 1;
    let len = j - i;
    if len < 3 || j + len > lines.len() {
        return None;
    }
    let same = (0..len).all(|k| lines[i + k].text == lines[j + k].text);
    let chars: usize = lines[i..j].iter().map(|l| l.text.chars().count()).sum();
    (same && chars >= 100).then_some(len)
}

fn number_space_res() -> &'static [Regex; 2] {
    static RES: OnceLock<[Regex; 2]> = OnceLock::new();
    RES.get_or_init(|| {
        [
            // State form: "45/NQ- HĐND", "45/NQ - HĐND"
            Regex::new(
                r"\b(\d{1,5}(?:/\d{4})?/\p{Lu}\p{L}{0,4})(?:\s+-\s*|-\s+)(\p{Lu}[\p{L}\d]{1,9})\b",
            )
            .expect("valid"),
            // Party form: "64 -KL/TW", "15- NQ/TU"
            Regex::new(r"\b(\d{1,5})(?:\s+-\s*|-\s+)(\p{Lu}\p{L}{0,4})\s*/\s*(\p{Lu}{1,5})\b")
                .expect("valid"),
        ]
    })
}

/// Closes up spaces inside document numbers, returning the text and each (before, after) change.
pub fn close_number_spaces(line: &str) -> (String, Vec<(String, String)>) {
    let [state, party] = number_space_res();
    let mut changes = Vec::new();
    let mut out = state
        .replace_all(line, |c: &regex::Captures<'_>| {
            let fixed = format!("{}-{}", &c[1], &c[2]);
            changes.push((c[0].to_string(), fixed.clone()));
            fixed
        })
        .into_owned();
    out = party
        .replace_all(&out, |c: &regex::Captures<'_>| {
            let fixed = format!("{}-{}/{}", &c[1], &c[2], &c[3]);
            changes.push((c[0].to_string(), fixed.clone()));
            fixed
        })
        .into_owned();
    (out, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closes_spaces_in_numbers_only() {
        assert_eq!(
            close_number_spaces("Nghị quyết số 45/NQ- HĐND ngày").0,
            "Nghị quyết số 45/NQ-HĐND ngày"
        );
        assert_eq!(
            close_number_spaces("Nghị quyết 45/NQ - HĐND của").0,
            "Nghị quyết 45/NQ-HĐND của"
        );
        assert_eq!(close_number_spaces("Kết luận số 64 -KL/TW của").0, "Kết luận số 64-KL/TW của");
        assert_eq!(
            close_number_spaces("Nghị quyết số 15- NQ/TU ngày").0,
            "Nghị quyết số 15-NQ/TU ngày"
        );
        assert_eq!(close_number_spaces("giai đoạn 2021 - 2025, Vĩnh Yên – Bình Xuyên").1, vec![]);
    }

    #[test]
    fn portal_table_and_title_are_taken_off() {
        let p = prepare(
            "Kế hoạch 22/KH-UBND năm 2021\nSố hiệu | 01/CTr-UBND |\nNgười ký | Trần Duy Đông \
                |\nNội dung chính",
            &Catalog::load(),
        );
        assert_eq!(p.portal.title.as_deref(), Some("Kế hoạch 22/KH-UBND năm 2021"));
        assert_eq!(p.portal.get("number"), Some("01/CTr-UBND"));
        assert_eq!(p.portal.get("signer"), Some("Trần Duy Đông"));
        assert_eq!(
            p.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            vec!["Nội dung chính"]
        );
    }

    #[test]
    fn repeated_block_keeps_the_second_copy() {
        let block = "ỦY BAN NHÂN DÂN |\nSố: 01/CTr-UBND |\nMột đoạn văn đủ dài để được coi là nội \
            dung của văn bản, không phải một dòng ngắn.";
        let p = prepare(&format!("{block}\n{block}\nTiếp theo."), &Catalog::load());
        let texts: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(p.lines[0].no, 4);
        assert!(p.notes.iter().any(|n| n.contains("dòng 1–3")), "{:?}", p.notes);
    }

    #[test]
    fn escape_text_of_a_bad_scrape_becomes_line_breaks() {
        let p = prepare(
            "\\r\\n Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày 27 tháng 3 năm 2020 \\r\\n |",
            &Catalog::load(),
        );
        let texts: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"Số: 54/KH-UBND"), "{texts:?}");
        assert!(texts.contains(&"Lạng Sơn, ngày 27 tháng 3 năm 2020"), "{texts:?}");
        assert!(p.lines.iter().all(|l| l.no == 1));
        let one = prepare("C:\\new\\tệp", &Catalog::load());
        assert_eq!(one.lines[0].text, "C:\\new\\tệp", "a lone backslash-n is text");
    }
}

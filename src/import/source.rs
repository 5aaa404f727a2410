//! Cleans a scraped text before it is rebuilt: NFC, line endings, the portal's metadata table,
//! blocks the scrape duplicated, and spaces inside document numbers ("45/NQ- HĐND").

use super::rules::rules;
use crate::text::nfc;
use regex::Regex;
use std::sync::OnceLock;

/// One line of the cleaned text with its 1-based line number in the scraped file.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub no: usize,
    pub text: String,
}

/// The metadata table the source portal put above the text ("Số hiệu | 01/CTr-UBND |").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portal {
    /// The portal's own title line above the table, if any.
    pub title: Option<String>,
    /// (label as written, value) pairs, in order.
    pub fields: Vec<(String, String)>,
}

impl Portal {
    /// The value for a key of `portal_keys` in `data/import.yaml` ("number", "signer"…), if present and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        let label = rules().portal_keys.get(key)?;
        self.fields
            .iter()
            .find(|(l, _)| super::rules::same_words(l, label))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// The scraped text made ready for rebuilding.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prepared {
    pub lines: Vec<SourceLine>,
    pub portal: Portal,
    /// What was changed or dropped, for the editor (Vietnamese, one line each).
    pub notes: Vec<String>,
}

/// Normalises `text` (NFC, LF, spaces), takes off the portal table, drops duplicated blocks and
/// closes up spaces inside document numbers.
pub fn prepare(text: &str) -> Prepared {
    let text = nfc(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<SourceLine> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| SourceLine { no: i + 1, text: clean_line(l) })
        .collect();
    let mut notes = Vec::new();
    let portal = take_portal(&mut lines);
    if !portal.fields.is_empty() {
        let keys: Vec<&str> = portal.fields.iter().map(|(k, _)| k.as_str()).collect();
        notes.push(format!(
            "Đã bỏ bảng thông tin của trang nguồn ({}); giá trị của nó được dùng cho frontmatter.",
            keys.join(", ")
        ));
    }
    if let Some(t) = &portal.title {
        notes.push(format!("Đã bỏ tiêu đề của trang nguồn: \"{t}\"."));
    }
    notes.extend(drop_repeats(&mut lines));
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
    Prepared { lines, portal, notes }
}

fn clean_line(l: &str) -> String {
    let l: String = l
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'))
        .map(|c| if c == '\t' || c == '\u{A0}' { ' ' } else { c })
        .collect();
    l.trim().to_string()
}

fn kv_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^([^|]{1,40}?)\s*\|\s*([^|]*?)\s*\|?$").expect("valid"))
}

fn portal_kv(line: &str) -> Option<(String, String)> {
    let c = kv_re().captures(line)?;
    let key = c[1].trim();
    rules()
        .portal_keys
        .values()
        .any(|label| super::rules::same_words(key, label))
        .then(|| (key.to_string(), c[2].trim().to_string()))
}

/// Removes the portal table (and the title line above it) from the top of the text.
fn take_portal(lines: &mut Vec<SourceLine>) -> Portal {
    let Some(first) = lines.iter().position(|l| !l.text.is_empty()) else {
        return Portal::default();
    };
    let mut start = first;
    let mut title = None;
    if portal_kv(&lines[first].text).is_none() {
        match lines.get(first + 1) {
            Some(next) if portal_kv(&next.text).is_some() => {
                title = Some(lines[first].text.clone());
                start = first + 1;
            }
            _ => return Portal::default(),
        }
    }
    let mut fields = Vec::new();
    let mut end = start;
    while let Some(kv) = lines.get(end).and_then(|l| portal_kv(&l.text)) {
        fields.push(kv);
        end += 1;
    }
    lines.drain(first..end);
    Portal { title, fields }
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
        let p =
            prepare("Tiêu đề trang\nSố hiệu | 01/CTr-UBND |\nNgười ký | Trần Duy Đông |\nNội dung");
        assert_eq!(p.portal.title.as_deref(), Some("Tiêu đề trang"));
        assert_eq!(p.portal.get("number"), Some("01/CTr-UBND"));
        assert_eq!(p.portal.get("signer"), Some("Trần Duy Đông"));
        assert_eq!(p.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["Nội dung"]);
    }

    #[test]
    fn repeated_block_keeps_the_second_copy() {
        let block = "ỦY BAN NHÂN DÂN |\nSố: 01/CTr-UBND |\nMột đoạn văn đủ dài để được coi là nội dung của văn bản, không phải một dòng ngắn.";
        let p = prepare(&format!("{block}\n{block}\nTiếp theo."));
        let texts: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(p.lines[0].no, 4);
        assert!(p.notes.iter().any(|n| n.contains("dòng 1–3")), "{:?}", p.notes);
    }
}

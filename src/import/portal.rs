//! What a legal portal puts above the document: its page title, its metadata ("Số hiệu | … |",
//! "Số hiệu: … Loại văn bản: …", "Số, ký hiệu …"), and page text (menus, loading and sign-up
//! notices, lists of related documents). Taken off the top of the text; every line of it is
//! quoted in the draft's notes, so nothing is lost.

use super::lines::SourceLine;
use super::rules::{rules, starts_with_words};
use crate::text::tone_key;
use regex::Regex;
use std::sync::OnceLock;

/// The portal's metadata and page title.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portal {
    /// The portal's own title line above its metadata, if any.
    pub title: Option<String>,
    /// (label as written, value) pairs, in order.
    pub fields: Vec<(String, String)>,
}

impl Portal {
    /// The value for a key of `portal_keys` in `data/import.yaml` ("number", "signer"…), if
    /// present and not one of `portal_empty_values`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let labels = rules().portal_keys.get(key)?;
        self.fields
            .iter()
            .find(|(l, _)| labels.iter().any(|label| tone_key(l) == tone_key(label)))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty() && !is_empty_value(v))
    }
}

fn is_empty_value(v: &str) -> bool {
    rules().portal_empty_values.iter().any(|e| tone_key(v) == tone_key(e))
}

/// Every label the portals use, longest first.
fn labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let r = rules();
        let mut all: Vec<String> =
            r.portal_keys.values().flatten().chain(&r.portal_other_keys).cloned().collect();
        all.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        all
    })
}

/// The label `text` starts with (case and tone placement ignored, first letter a capital), and
/// its length in bytes in `text`.
fn label_at(text: &str) -> Option<(&'static str, usize)> {
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    labels().iter().find_map(|label| {
        let n = label.chars().count();
        let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
        let boundary = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        (boundary && tone_key(&text[..end]) == tone_key(label)).then_some((label.as_str(), end))
    })
}

/// A line of portal metadata as (label, value) pairs: it starts with a label and every label in
/// it is followed by its value ("Nơi ban hành: | Tỉnh Vĩnh Long | Người ký: | Lê Quang Trung |").
pub fn metadata_line(line: &str) -> Option<Vec<(String, String)>> {
    let text = line.trim();
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut j = 0;
    while j < text.len() {
        if (j == 0 || text[..j].ends_with([' ', '|', ':']))
            && let Some((_, len)) = label_at(&text[j..])
        {
            found.push((j, j + len));
            j += len;
            continue;
        }
        j += text[j..].chars().next().map_or(1, char::len_utf8);
    }
    if found.first().map(|f| f.0) != Some(0) {
        return None;
    }
    let pairs = found.iter().enumerate().map(|(k, &(s, e))| {
        let value_end = found.get(k + 1).map_or(text.len(), |n| n.0);
        (text[s..e].to_string(), clean_value(&text[e..value_end]))
    });
    Some(pairs.collect())
}

fn clean_value(v: &str) -> String {
    v.trim_matches(|c: char| c == '|' || c == ':' || c.is_whitespace())
        .trim_end_matches(',')
        .trim()
        .to_string()
}

/// The portal's page text: a menu item, a loading or sign-up notice (`portal_chrome`).
fn is_chrome(line: &str) -> bool {
    let t = line.trim_start_matches(['•', '-', '*', '+', ' ']);
    let chrome = &rules().portal_chrome;
    let long = |c: &&String| c.split_whitespace().count() >= 3;
    if t.chars().count() > 200 {
        return false;
    }
    if chrome.iter().filter(long).any(|c| starts_with_words(t, c)) {
        return true;
    }
    // menu items only, the whole line
    let mut words: Vec<&str> = t.split_whitespace().collect();
    while !words.is_empty() {
        let rest = words.join(" ");
        let Some(item) = chrome.iter().filter(|c| !long(c)).find(|c| starts_with_words(&rest, c))
        else {
            return false;
        };
        words.drain(..item.split_whitespace().count().min(words.len()));
    }
    !t.is_empty()
}

/// An item of the portal's list of related documents ("- 1Nghị định 63/2010/NĐ-CP về …").
fn is_related_item(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[-•]\s*\d{1,3}\s*\p{Lu}").expect("valid")).is_match(line)
}

/// A portal's page title: it names a document kind before its number ("Quyết định 612/QĐ-UBND
/// năm 2020 về …", "Văn bản khác 1798/KH-UBND 2022 …").
fn is_title_line(line: &str, cite_words: &[&str]) -> bool {
    let has_number = line
        .split_whitespace()
        .take(6)
        .any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains(['/', '-']));
    has_number
        && (starts_with_words(line, "Văn bản")
            || cite_words.iter().any(|w| starts_with_words(line, w)))
}

/// What was taken off the top of the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preamble {
    pub portal: Portal,
    /// The metadata lines as written.
    pub metadata: Vec<String>,
    /// The page text lines as written.
    pub chrome: Vec<String>,
}

/// Takes the portal's title, metadata and page text off the top of `lines` (only lines of those
/// kinds, up to the first other line, so a document's own text is never taken).
pub fn take(lines: &mut Vec<SourceLine>, cite_words: &[&str]) -> Preamble {
    let mut p = Preamble::default();
    let Some(first) = lines.iter().position(|l| !l.text.is_empty()) else {
        return p;
    };
    let portal_line = |t: &str| metadata_line(t).is_some() || is_chrome(t) || is_related_item(t);
    let mut i = first;
    let mut end = first;
    let next = lines[first + 1..].iter().find(|l| !l.text.is_empty());
    if !portal_line(&lines[first].text)
        && is_title_line(&lines[first].text, cite_words)
        && next.is_some_and(|l| portal_line(&l.text))
    {
        p.portal.title = Some(lines[first].text.clone());
        i += 1;
        end = i;
    }
    while let Some(l) = lines.get(i) {
        let t = l.text.as_str();
        if let Some(pairs) = metadata_line(t) {
            p.portal.fields.extend(pairs);
            p.metadata.push(t.to_string());
        } else if is_chrome(t) || is_related_item(t) {
            p.chrome.push(t.to_string());
        } else if !t.is_empty() {
            break;
        }
        i += 1;
        if !t.is_empty() {
            end = i;
        }
    }
    lines.drain(first..end);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_in_every_portal_layout() {
        let pairs = |l: &str| metadata_line(l).unwrap();
        assert_eq!(
            pairs("Số hiệu | 01/CTr-UBND |"),
            vec![("Số hiệu".to_string(), "01/CTr-UBND".to_string())]
        );
        assert_eq!(
            pairs("Số hiệu: | 612/QĐ-UBND | Loại văn bản: | Quyết định |"),
            vec![
                ("Số hiệu".to_string(), "612/QĐ-UBND".to_string()),
                ("Loại văn bản".to_string(), "Quyết định".to_string())
            ]
        );
        assert_eq!(
            pairs("Nơi ban hành: Tỉnh An Giang Người ký: Lâm Quang Thi"),
            vec![
                ("Nơi ban hành".to_string(), "Tỉnh An Giang".to_string()),
                ("Người ký".to_string(), "Lâm Quang Thi".to_string())
            ]
        );
        assert_eq!(
            pairs("Số, ký hiệu 1798/KH-UBND"),
            vec![("Số, ký hiệu".to_string(), "1798/KH-UBND".to_string())]
        );
        assert_eq!(pairs("Ngày hiệu lực"), vec![("Ngày hiệu lực".to_string(), String::new())]);
        assert!(metadata_line("Số: 22/KH-UBND").is_none());
        assert!(metadata_line("Người dân được").is_none());
    }

    #[test]
    fn the_preamble_stops_at_the_documents_own_text() {
        let mut lines: Vec<SourceLine> = [
            "Hệ thống pháp luật",
            "Đang tải nội dung, vui lòng chờ giây lát...",
            "",
            "ỦY BAN NHÂN DÂN",
            "Bộ lọc tìm kiếm",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| SourceLine { no: i + 1, text: t.to_string() })
        .collect();
        let p = take(&mut lines, &["Quyết định"]);
        assert_eq!(p.chrome.len(), 2);
        assert_eq!(lines[1].text, "ỦY BAN NHÂN DÂN");
        assert_eq!(lines.len(), 3, "page text after the header stays");
        assert!(is_chrome("Lưu trữ Góp ý") && is_chrome("  • Thuộc tính"));
        assert!(!is_chrome("Nội dung chính của kế hoạch gồm"));
    }
}

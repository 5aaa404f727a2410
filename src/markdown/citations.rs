//! Finds citations of other documents in body text: "Nghị quyết số 01/NQ-CP ngày 05/01/2024".

use crate::data::Catalog;
use crate::text::tone_key;
use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use regex::Regex;

/// A citation found in a piece of text, with its byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub number: String,
    pub date: Option<NaiveDate>,
    pub province_hint: Option<String>,
    /// What the text says of the cited document after it: "của <issuer> về <subject>".
    pub quoted: super::quoted::Quoted,
}

/// The citation pattern, built once per run from the document kinds in the catalog.
#[derive(Debug, Clone)]
pub struct CitationFinder {
    re: Regex,
    /// (tone key of a province spelling, canonical name), longest first.
    provinces: Vec<(String, String)>,
    /// Finds every spelling of `provinces` at once (pattern i is `provinces[i]`).
    province_keys: AhoCorasick,
}

const NUMBER: &str = r"\d{1,5}(?:/\d{4})?[/-]\p{L}[\p{L}\d]*(?:[-/][\p{L}\d]+)*";
const DATE: &str = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}";

impl CitationFinder {
    /// Builds the pattern from the catalog's citation words.
    pub fn new(catalog: &Catalog) -> Self {
        let words: Vec<String> = catalog
            .cite_words()
            .iter()
            .map(|w| w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
            .collect();
        let kinds = words.join("|");
        let date = format!(r"(?:\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?P<date>{DATE}))?");
        let pattern = format!(r"(?i)(?P<kind>{kinds})(?:\s+số)?\s*:?\s+(?P<num>{NUMBER}){date}");
        let re = Regex::new(&pattern).expect("citation pattern is valid");
        let mut provinces: Vec<(String, String)> = Vec::new();
        for p in &catalog.before_2025 {
            provinces.push((tone_key(&p.name), p.name.clone()));
            for a in &p.aliases {
                provinces.push((tone_key(a), p.name.clone()));
            }
        }
        for p in &catalog.after_2025 {
            provinces.push((tone_key(&p.name), p.name.clone()));
        }
        provinces.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        provinces.dedup();
        let province_keys = AhoCorasick::new(provinces.iter().map(|(k, _)| k))
            .expect("province spellings build an automaton");
        CitationFinder { re, provinces, province_keys }
    }

    /// Every citation in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        if !may_cite(text) {
            return Vec::new();
        }
        // A citation word starts a word: checked here, because a Unicode `\b` in the pattern would
        // keep the regex off its fast engines on Vietnamese text.
        let mut found: Vec<Found> = self
            .re
            .captures_iter(text)
            .filter(|c| {
                let start = c.get(0).expect("whole match").start();
                text[..start].chars().next_back().is_none_or(|p| !p.is_alphanumeric())
            })
            .map(|c| {
                let m = c.get(0).expect("whole match");
                Found {
                    start: m.start(),
                    end: m.end(),
                    kind: c["kind"].split_whitespace().collect::<Vec<_>>().join(" "),
                    number: c["num"].to_string(),
                    date: c.name("date").and_then(|d| parse_cited_date(d.as_str())),
                    province_hint: None,
                    quoted: Default::default(),
                }
            })
            .collect();
        for i in 0..found.len() {
            let limit = found.get(i + 1).map_or(text.len(), |n| n.start);
            let window = sentence_window(&text[found[i].end..limit]);
            found[i].province_hint = self.province_in(window);
            let next = found.get(i + 1).map(|n| n.start - found[i].end);
            found[i].quoted = super::quoted::after_citation(&text[found[i].end..], next);
        }
        found
    }

    fn province_in(&self, window: &str) -> Option<String> {
        if window.is_empty() {
            return None;
        }
        let key = tone_key(window);
        // Per spelling, its first whole-word occurrence, looking at occurrences one after another
        // without overlap; the earliest wins, the longest spelling on a tie.
        let mut examined_to: Vec<usize> = vec![0; self.provinces.len()];
        let mut first: Vec<Option<usize>> = vec![None; self.provinces.len()];
        for m in self.province_keys.find_overlapping_iter(&key) {
            let k = m.pattern().as_usize();
            if first[k].is_some() || m.start() < examined_to[k] {
                continue;
            }
            examined_to[k] = m.end().max(m.start() + 1);
            if is_whole_word(&key, m.start(), m.end()) {
                first[k] = Some(m.start());
            }
        }
        first
            .iter()
            .enumerate()
            .filter_map(|(k, pos)| pos.map(|p| (p, k)))
            .min()
            .map(|(_, k)| self.provinces[k].1.clone())
    }
}

/// Whether `text` can hold a citation: every cited number has a digit right before a `/` or `-`
/// ("01/NQ-CP", "64-KL/TW"). Most paragraphs have none and skip the citation pattern.
fn may_cite(text: &str) -> bool {
    text.match_indices(['/', '-'])
        .any(|(i, _)| text[..i].chars().next_back().is_some_and(char::is_numeric))
}

/// Whether `hay[start..end]` is a whole word (no letter or digit right before or after it).
fn is_whole_word(hay: &str, start: usize, end: usize) -> bool {
    hay[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
        && hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The rest of the citation's sentence: up to `;`, a sentence-ending `.`, or a line break.
fn sentence_window(rest: &str) -> &str {
    let mut end = rest.len();
    let bytes = rest.as_bytes();
    for (i, c) in rest.char_indices() {
        let stop = match c {
            ';' | '\n' | '(' => true,
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    let mut cut = end.min(240);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    &rest[..cut]
}

/// Position of `word` in `hay` at word boundaries.
#[cfg(test)]
fn find_word(hay: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = hay[from..].find(word) {
        let start = from + p;
        let end = start + word.len();
        if is_whole_word(hay, start, end) {
            return Some(start);
        }
        from = start + word.len().max(1);
    }
    None
}

/// Parses "05/01/2024", "5/1/2024" or "12 tháng 12 năm 2023".
pub fn parse_cited_date(s: &str) -> Option<NaiveDate> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match nums.as_slice() {
        [d, m, y] => NaiveDate::from_ymd_opt(*y as i32, *m, *d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> CitationFinder {
        CitationFinder::new(&Catalog::load())
    }

    /// The province of a window as found one spelling at a time (the plain reference).
    fn province_one_by_one(f: &CitationFinder, window: &str) -> Option<String> {
        let key = tone_key(window);
        f.provinces
            .iter()
            .filter_map(|(k, name)| find_word(&key, k).map(|pos| (pos, name)))
            .min_by_key(|(pos, _)| *pos)
            .map(|(_, n)| n.clone())
    }

    #[test]
    fn the_province_automaton_finds_what_one_by_one_search_finds() {
        let f = finder();
        let names: Vec<String> = f.provinces.iter().map(|(_, n)| n.clone()).collect();
        let fillers = [
            "của",
            "Ủy ban nhân dân tỉnh",
            "và",
            "thành phố",
            "Hà",
            "Nam",
            "Định",
            "Giang",
            "x",
            "",
        ];
        let mut windows = vec![
            "của Hội đồng nhân dân tỉnh Vĩnh Long về kế hoạch".to_string(),
            "tỉnh Hà Nam Định".to_string(),
            "Hà Giang và Kiên Giang".to_string(),
            "Hậu Giang, Hà Nội".to_string(),
            "Tp. Hồ Chí Minh".to_string(),
            "LongAn Long An".to_string(),
        ];
        for (i, a) in names.iter().enumerate() {
            let b = &names[(i * 7 + 3) % names.len()];
            let filler = fillers[i % fillers.len()];
            windows.push(format!("{filler} {a} {b}"));
            windows.push(format!("{b}{filler}{a}"));
            windows.push(format!("{a}{a} {b}"));
        }
        for w in &windows {
            assert_eq!(f.province_in(w), province_one_by_one(&f, w), "{w}");
        }
    }

    #[test]
    fn finds_short_and_long_forms() {
        let f = finder();
        let t = "Thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ; Nghị quyết số \
                 138/NQ-HĐND ngày 12 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh Vĩnh Long về kế hoạch";
        let found = f.find(t);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].number, "01/NQ-CP");
        assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(found[0].province_hint, None);
        assert_eq!(found[1].number, "138/NQ-HĐND");
        assert_eq!(found[1].date, NaiveDate::from_ymd_opt(2023, 12, 12));
        assert_eq!(found[1].province_hint.as_deref(), Some("Vĩnh Long"));
    }

    #[test]
    fn paragraphs_passed_over_hold_no_citation() {
        let f = finder();
        let mut paragraphs: Vec<String> = [
            "Nghị quyết số ٠١/NQ-CP",
            "Kế hoạch 7-KH",
            "Nghị quyết số 01 / NQ-CP",
            "số 1/2024/NQ-HĐND",
        ]
        .map(String::from)
        .to_vec();
        for e in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let text = std::fs::read_to_string(e.path()).unwrap();
            paragraphs.extend(text.split("\n\n").map(str::to_string));
        }
        let mut skipped = 0;
        for p in &paragraphs {
            if !may_cite(p) {
                skipped += 1;
                assert_eq!(f.re.find(p).map(|m| m.as_str()), None, "{p}");
            }
        }
        assert!(skipped > paragraphs.len() / 2, "{skipped} of {}", paragraphs.len());
        assert_eq!(f.find("Nghị quyết số ٠١/NQ-CP")[0].number, "٠١/NQ-CP");
    }

    /// The paragraph of `content/<file>` that holds `needle`.
    fn real_paragraph(file: &str, needle: &str) -> String {
        let path = format!("{}/content/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        text.split("\n\n").find(|p| p.contains(needle)).expect(needle).to_string()
    }

    #[test]
    fn issuers_and_subjects_of_the_real_programmes() {
        let f = finder();
        let cases = [
            (
                "003-kien-giang-ke-hoach-22-kh-ubnd-2021.md",
                "Thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2021",
                "01/NQ-CP",
                Some("Chính phủ"),
                Some(
                    "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã \
                        hội và dự toán ngân sách Nhà nước năm 2021",
                ),
            ),
            (
                "001-vinh-phuc-chuong-trinh-hanh-dong-01-ctr-ubnd-2025.md",
                "(sau đây gọi tắt là Nghị quyết số 01/NQ-CP)",
                "01/NQ-CP",
                Some("Chính phủ"),
                Some(
                    "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã \
                        hội, dự toán ngân sách nhà nước năm 2025",
                ),
            ),
            (
                "004-vinh-long-chi-thi-17-ct-ubnd-2023.md",
                "Nghị quyết số 138/NQ-HĐND ngày 12/12/2023",
                "138/NQ-HĐND",
                Some("Hội đồng nhân dân tỉnh Vĩnh Long"),
                Some("về Kế hoạch phát triển kinh tế - xã hội năm 2024"),
            ),
            (
                "004-vinh-long-chi-thi-17-ct-ubnd-2023.md",
                "Chỉ thị số 19/CT-TTg",
                "19/CT-TTg",
                Some("Thủ tướng Chính phủ"),
                Some(
                    "về việc “Phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - \
                        xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại \
                        biểu toàn quốc lần thứ XIII của Đảng”",
                ),
            ),
            (
                "002-dong-thap-chuong-trinh-hanh-dong-tinh-uy-2024.md",
                "Năm 2024, là năm vừa tiếp tục",
                "64-KL/TW",
                Some("Hội nghị lần thứ 8, Ban Chấp hành Trung ương Đảng khoá XIII"),
                Some("về phát triển kinh tế - xã hội, dự toán ngân sách nhà nước năm 2024"),
            ),
            (
                "001-vinh-phuc-chuong-trinh-hanh-dong-01-ctr-ubnd-2025.md",
                "Kết luận số 91-KL/TW",
                "91-KL/TW",
                Some("Bộ Chính trị"),
                Some(
                    "về tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp \
                        hành Trung ương Đảng khoá XI",
                ),
            ),
        ];
        for (file, needle, number, issuer, subject) in cases {
            let p = real_paragraph(file, needle);
            let c = f.find(&p).into_iter().find(|c| c.number == number).expect(number);
            assert_eq!(c.quoted.issuer.as_deref(), issuer, "{number} in {file}");
            assert_eq!(c.quoted.subject.as_deref(), subject, "{number} in {file}");
        }
    }

    #[test]
    fn party_numbers_and_no_date() {
        let found = finder()
            .find("triển khai Kết luận số 64-KL/TW của Bộ Chính trị và Kế hoạch 22/KH-UBND.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].number, "64-KL/TW");
        assert_eq!(found[0].date, None);
        assert_eq!(found[1].number, "22/KH-UBND");
    }
}

//! Titles written in CAPITALS turned into sentence case, keeping capitals where Vietnamese keeps
//! them: document kinds and numbers of citations (numbers in the catalog's spelling: "19/CT-TTg"),
//! province names, institutions (`data/import.yaml`), Roman numerals ("lần thứ XIII"), the first
//! letter of a quoted name, and every phrase the document's own body spells with capitals.

use super::rules::{rules, starts_with_words};
use crate::data::Catalog;
use crate::markdown::citations::CitationFinder;
use std::collections::HashMap;

/// A word of the body: its letters and digits as written, whether it starts a sentence and
/// whether the word before it (in the same sentence) starts with a capital.
#[derive(Debug, Clone)]
struct BodyWord {
    core: String,
    initial: bool,
    after_capital: bool,
}

/// How the document's body spells its words, to give a title in capitals the same capitals.
#[derive(Debug, Clone, Default)]
pub struct BodyCase {
    words: Vec<Option<BodyWord>>,
    at: HashMap<String, Vec<usize>>,
}

/// The shortest run of title words whose spelling is taken from the body.
const MIN_RUN: usize = 3;

/// Words of `text` as (byte range, letters and digits).
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

impl BodyCase {
    /// Indexes the body paragraphs (those written all in capitals say nothing and are skipped).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> BodyCase {
        let mut bc = BodyCase::default();
        for text in texts {
            if super::shape::is_caps(text) {
                continue;
            }
            let spans = word_spans(text);
            for (k, &(s, e)) in spans.iter().enumerate() {
                let between = if k == 0 { &text[..s] } else { &text[spans[k - 1].1..s] };
                let prev = (k > 0).then(|| &text[spans[k - 1].0..spans[k - 1].1]);
                let numbering =
                    prev.is_some_and(|p| p.chars().count() <= 2) && between.contains(')');
                let initial = k == 0 || between.contains(['.', ':', ';', '!', '?']) || numbering;
                let core = text[s..e].to_string();
                bc.at.entry(core.to_lowercase()).or_default().push(bc.words.len());
                let after_capital = !initial && prev.is_some_and(starts_upper);
                bc.words.push(Some(BodyWord { core, initial, after_capital }));
            }
            bc.words.push(None);
        }
        bc
    }

    /// For each lowercase title word, the body's spelling when a run of at least `MIN_RUN` title
    /// words stands in the body (the longest run, the one with fewest capitals on a tie).
    fn spellings(&self, title: &[String]) -> Vec<Option<String>> {
        let mut out = vec![None; title.len()];
        let mut i = 0;
        while i < title.len() {
            let mut best: Option<(usize, usize, usize)> = None; // (length, capitals, start)
            for &j in self.at.get(&title[i]).map(Vec::as_slice).unwrap_or(&[]) {
                let mut n = 0;
                while i + n < title.len()
                    && self
                        .words
                        .get(j + n)
                        .and_then(Option::as_ref)
                        .is_some_and(|w| w.core.to_lowercase() == title[i + n])
                {
                    n += 1;
                }
                let caps = (0..n)
                    .filter(|k| self.words[j + k].as_ref().is_some_and(|w| starts_upper(&w.core)))
                    .count();
                if best.is_none_or(|(bn, bc, _)| n > bn || (n == bn && caps < bc)) {
                    best = Some((n, caps, j));
                }
            }
            match best {
                Some((n, _, j)) if n >= MIN_RUN => {
                    for k in 0..n {
                        let w = self.words[j + k].as_ref().expect("inside the run");
                        let keep = is_acronym(&w.core)
                            || (starts_upper(&w.core)
                                && !w.initial
                                && !(k == 0 && w.after_capital));
                        if keep {
                            out[i + k] = Some(w.core.clone());
                        }
                    }
                    i += n;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// `text` (lowercase in its first `upto` bytes) with the body's spelling of its phrases.
    fn apply(&self, text: &str, upto: usize) -> String {
        let spans: Vec<(usize, usize)> =
            word_spans(text).into_iter().filter(|(_, e)| *e <= upto).collect();
        let words: Vec<String> = spans.iter().map(|&(s, e)| text[s..e].to_lowercase()).collect();
        let spelt = self.spellings(&words);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (&(s, e), w) in spans.iter().zip(spelt) {
            if let Some(w) = w {
                out.push_str(&text[at..s]);
                out.push_str(&w);
                at = e;
            }
        }
        out.push_str(&text[at..]);
        out
    }
}

fn is_caps_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Lowercases the capitals of `text` (all of it when it has no lowercase letter, else only its
/// leading run of words in capitals) and restores the capitals Vietnamese keeps and those the
/// body gives the same phrases.
pub fn sentence_case(
    text: &str,
    finder: &CitationFinder,
    catalog: &Catalog,
    body: &BodyCase,
) -> String {
    let all_caps = !text.chars().any(char::is_lowercase);
    let mut lowered = String::with_capacity(text.len());
    let mut in_run = true;
    let mut run_end = 0;
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            lowered.push(' ');
        }
        in_run = in_run && (is_caps_word(w) || !w.chars().any(char::is_alphabetic));
        if all_caps || in_run {
            lowered.push_str(&w.to_lowercase());
            run_end = lowered.len();
        } else {
            lowered.push_str(w);
        }
    }
    let spelt = body.apply(&lowered, run_end);
    let restored = restore(&spelt, run_end, finder, catalog);
    quoted_names(&romans(&restored, run_end), run_end)
}

/// "lần thứ xiii" → "lần thứ XIII" after the words of `roman_after`, in the first `upto` bytes.
fn romans(text: &str, upto: usize) -> String {
    let spans = word_spans(text);
    let mut out = text.to_string();
    for (k, &(s, e)) in spans.iter().enumerate() {
        let w = &text[s..e];
        if e > upto || k == 0 || !w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')) {
            continue;
        }
        let before = &text[..s];
        let after_word = rules().roman_after.iter().any(|r| {
            let n = r.split_whitespace().count();
            let from = spans[k.saturating_sub(n)].0;
            k >= n && starts_with_words(&before[from..], r)
        });
        if after_word {
            out.replace_range(s..e, &w.to_uppercase());
        }
    }
    out
}

/// The first letter after an opening quote in capitals (“Dự án …”), in the first `upto` bytes.
fn quoted_names(text: &str, upto: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = ' ';
    let mut after_quote = false;
    for (i, c) in text.char_indices() {
        if after_quote && i < upto && c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        after_quote = c == '“' || (c == '"' && (prev.is_whitespace() || prev == '('));
        prev = c;
    }
    out
}

/// Puts back the capitals of proper nouns, provinces and citations in the first `upto` bytes of `text`.
fn restore(text: &str, upto: usize, finder: &CitationFinder, catalog: &Catalog) -> String {
    // (start, end, replacement), non-overlapping, earliest first
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for f in finder.find(text) {
        let m = &text[f.start..f.end];
        let kind_len = f.kind.len().min(m.len());
        if m.is_char_boundary(kind_len) {
            edits.push((f.start, f.start + kind_len, capitalise(&f.kind)));
        }
        if let Some(pos) = m.find(&f.number) {
            let number = super::numbers::canonical(&f.number.to_uppercase(), catalog);
            edits.push((f.start + pos, f.start + pos + f.number.len(), number));
        }
    }
    let mut names: Vec<String> = rules().proper_nouns.clone();
    names.extend(catalog.province_names().iter().map(|s| s.to_string()));
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        for name in &names {
            let key = name.to_lowercase();
            let mut from = 0;
            while let Some(p) = lower[from..].find(&key) {
                let (s, e) = (from + p, from + p + key.len());
                from = e;
                let before = lower[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after = lower[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before && after && !edits.iter().any(|(a, b, _)| s < *b && *a < e) {
                    edits.push((s, e, name.clone()));
                }
            }
        }
    }
    edits.retain(|(s, e, _)| {
        *s < upto && text.is_char_boundary(*s) && text.is_char_boundary(*e) && s <= e
    });
    edits.sort_by_key(|(s, _, _)| *s);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, r) in edits {
        if s < at {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&r);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

/// `s` with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `s` with its first letter in lowercase, unless the first word is a proper noun or an acronym.
pub fn lower_first(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let keep = first.chars().filter(|c| c.is_uppercase()).count() > 1
        || rules().proper_nouns.iter().any(|p| s.starts_with(p.as_str()));
    if keep {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_become_sentence_case() {
        let c = Catalog::load();
        let f = CitationFinder::new(&c);
        let none = BodyCase::default();
        assert_eq!(
            sentence_case(
                "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 01/NQ-CP NGÀY 01/01/2021 CỦA CHÍNH PHỦ TRÊN \
                    ĐỊA BÀN TỈNH KIÊN GIANG",
                &f,
                &c,
                &none
            ),
            "triển khai thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ trên địa \
                bàn tỉnh Kiên Giang"
        );
        assert_eq!(
            sentence_case("NĂM 2024 của Ban Chấp hành Đảng bộ Tỉnh khoá XI", &f, &c, &none),
            "năm 2024 của Ban Chấp hành Đảng bộ Tỉnh khoá XI"
        );
        assert_eq!(lower_first("Về việc phát động"), "về việc phát động");
        assert_eq!(lower_first("UBND tỉnh"), "UBND tỉnh");
    }

    #[test]
    fn numbers_romans_quotes_and_the_bodys_own_capitals() {
        let c = Catalog::load();
        let f = CitationFinder::new(&c);
        let none = BodyCase::default();
        assert_eq!(
            sentence_case("THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16 THÁNG 7 NĂM 2021", &f, &c, &none),
            "thực hiện Chỉ thị số 19/CT-TTg ngày 16 tháng 7 năm 2021"
        );
        assert_eq!(
            sentence_case("ĐẠI HỘI LẦN THỨ XIII, GIAI ĐOẠN I; VI PHẠM", &f, &c, &none),
            "đại hội lần thứ XIII, giai đoạn I; vi phạm"
        );
        assert_eq!(sentence_case("PHÊ DUYỆT “DỰ ÁN A”", &f, &c, &none), "phê duyệt “Dự án a”");
        let body = BodyCase::new([
            "Ban hành kèm theo Quyết định này Quy chế hoạt động của Tổ công tác triển khai thực \
                hiện Kế hoạch nâng cao chỉ số năng lực cạnh tranh (PCI) tỉnh Quảng Ninh.",
            "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
        ]);
        assert_eq!(
            sentence_case(
                "V/V BAN HÀNH QUY CHẾ HOẠT ĐỘNG TỔ CÔNG TÁC TRIỂN KHAI THỰC HIỆN KẾ HOẠCH NÂNG \
                    CAO CHỈ SỐ NĂNG LỰC CẠNH TRANH (PCI) TỈNH QUẢNG NINH",
                &f,
                &c,
                &body
            ),
            "V/v ban hành Quy chế hoạt động Tổ công tác triển khai thực hiện Kế hoạch nâng cao \
                chỉ số năng lực cạnh tranh (PCI) tỉnh Quảng Ninh"
        );
        assert_eq!(
            sentence_case("VỐN NGÂN SÁCH NHÀ NƯỚC NĂM 2024", &f, &c, &body),
            "vốn ngân sách nhà nước năm 2024",
            "a capital inside a longer name (Luật Ngân sách …) is not taken"
        );
    }
}

//! Titles written in CAPITALS turned into sentence case, keeping capitals where Vietnamese keeps
//! them: document kinds and numbers of citations, province names, institutions (`data/import.yaml`).

use super::rules::rules;
use crate::data::Catalog;
use crate::markdown::citations::CitationFinder;

fn is_caps_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Lowercases the capitals of `text` (all of it when it has no lowercase letter, else only its
/// leading run of words in capitals) and restores the capitals Vietnamese keeps.
pub fn sentence_case(text: &str, finder: &CitationFinder, catalog: &Catalog) -> String {
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
    restore(&lowered, run_end, finder, catalog)
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
            edits.push((f.start + pos, f.start + pos + f.number.len(), f.number.to_uppercase()));
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
        assert_eq!(
            sentence_case(
                "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 01/NQ-CP NGÀY 01/01/2021 CỦA CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH KIÊN GIANG",
                &f,
                &c
            ),
            "triển khai thực hiện Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ trên địa bàn tỉnh Kiên Giang"
        );
        assert_eq!(
            sentence_case("NĂM 2024 của Ban Chấp hành Đảng bộ Tỉnh khoá XI", &f, &c),
            "năm 2024 của Ban Chấp hành Đảng bộ Tỉnh khoá XI"
        );
        assert_eq!(lower_first("Về việc phát động"), "về việc phát động");
        assert_eq!(lower_first("UBND tỉnh"), "UBND tỉnh");
    }
}

//! What a document says about itself in its title and first sentences: its title (from the
//! header, the portal's page title or its first sentence), what it implements ("Thực hiện Nghị
//! quyết số … ngày …") and the decision it is attached to ("Ban hành kèm theo Quyết định số …").

use super::chunks::{Chunk, Marker};
use super::field::Field;
use super::inputs::Inputs;
use super::numbers::{canonical, slash_year};
use super::rules::{rules, starts_with_words};
use super::title::{BodyCase, capitalise, lower_first, sentence_case};
use crate::link::resolve::number_key;
use crate::text::tone_key;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

fn body_texts<'a>(x: &'a Inputs<'_>) -> impl Iterator<Item = &'a str> {
    x.body.iter().filter_map(|c| match c {
        Chunk::Text(p) => Some(p.text.as_str()),
        Chunk::Table(_) => None,
    })
}

/// How many paragraphs of the body are read for the spelling of a title written in capitals.
const BODY_CASE_PARAGRAPHS: usize = 80;

/// The title, and a note when it was not read from the header.
pub fn title(x: &Inputs<'_>, doc_type: Option<&str>) -> (Field<String>, Option<String>) {
    let h = x.header;
    if let (Some(t), Some(kind)) = (h.title.as_deref().filter(|t| !t.is_empty()), doc_type) {
        let body = match t.split_whitespace().next() {
            Some(w) if super::shape::is_caps(w) => {
                BodyCase::new(body_texts(x).take(BODY_CASE_PARAGRAPHS))
            }
            _ => BodyCase::default(),
        };
        let rest = sentence_case(t, x.finder, x.catalog, &body);
        return (Field::Found(format!("{kind} {}", lower_first(&rest))), None);
    }
    if let Some(t) = &x.portal.title {
        let t = portal_title(t, doc_type);
        let note = format!(
            "Tiêu đề lấy từ tiêu đề của trang nguồn (bản cào không có dòng tiêu đề của văn bản): \
                \"{t}\"; đối chiếu với bản gốc."
        );
        return (Field::Found(t), Some(note));
    }
    let no_type_line = h.doc_type.is_none();
    if let Some((t, sentence)) =
        doc_type.filter(|_| no_type_line).and_then(|k| from_first_sentence(x, k))
    {
        let note = format!(
            "Tiêu đề lấy từ câu \"{sentence}\" (bản cào không có dòng tiêu đề); đối chiếu với bản \
                gốc."
        );
        return (Field::Found(t), Some(note));
    }
    (Field::Todo("TODO: không tìm thấy tiêu đề".into()), None)
}

/// A portal's page title without its number, year and "do … ban hành": "Quyết định 612/QĐ-UBND
/// năm 2020 về phê duyệt …" → "Quyết định về phê duyệt …".
fn portal_title(t: &str, doc_type: Option<&str>) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(\p{L}+(?:\s+\p{L}+){0,3}?)\s+(?:số\s+)?\d[\p{L}\d/.\-]*\s+",
            r"(?:năm\s+)?(?:\d{4}\s+)?(\S.*)$",
        ))
        .expect("valid")
    });
    let mut t = t.trim().to_string();
    if let Some(i) = t.rfind(" do ").filter(|i| t[*i..].trim_end().ends_with("ban hành")) {
        t.truncate(i);
    }
    if let Some(c) = re.captures(&t) {
        let kind = c[1].to_string();
        let same_kind = doc_type.is_none_or(|k| tone_key(k) == tone_key(&kind));
        if same_kind && !c[2].starts_with(|ch: char| ch.is_ascii_digit()) {
            t = format!("{kind} {}", &c[2]);
        }
    }
    capitalise(&t)
}

/// Fewest words after the type for a title read from "… xây dựng Kế hoạch … như sau" (fewer is
/// a phrase such as "Kế hoạch tổ chức thực hiện", not a title).
const MIN_WORDS: usize = 6;

/// "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …." → "Quyết định ban hành Kế hoạch …";
/// "… UBND tỉnh xây dựng Kế hoạch … như sau:" → "Kế hoạch …". With the sentence it came from.
fn from_first_sentence(x: &Inputs<'_>, kind: &str) -> Option<(String, String)> {
    static ATTACHED: OnceLock<Regex> = OnceLock::new();
    let attached = ATTACHED.get_or_init(|| {
        Regex::new(r"(?i)ban hành kèm theo quyết định này\s+(?:là\s+)?(\S.+?)\.(?:\s|$)")
            .expect("valid")
    });
    let issues = Regex::new(&format!(
        r"(?:ban hành|xây dựng)\s+{}\s+(\S.+?)\s*,?\s+{}",
        regex::escape(kind),
        r"(?:như sau|với (?:những|các) nội dung(?: chủ yếu)?(?: như)? sau)"
    ))
    .ok()?;
    body_texts(x).take(40).find_map(|text| {
        if tone_key(kind) == tone_key("Quyết định")
            && let Some(c) = attached.captures(text)
        {
            return Some((format!("Quyết định ban hành {}", &c[1]), c[0].trim().to_string()));
        }
        issues
            .captures(text)
            .filter(|c| c[1].split_whitespace().count() >= MIN_WORDS)
            .map(|c| (format!("{kind} {}", &c[1]), c[0].trim().to_string()))
    })
}

/// "(Ban hành kèm theo Quyết định số 89/QĐ-UBND ngày 19/01/2024 …)": the document's own number
/// and date.
pub fn self_reference(x: &Inputs<'_>) -> Option<(String, NaiveDate)> {
    let kind = x.header.doc_type.as_deref()?;
    body_texts(x).find_map(|text| {
        x.finder.find(text).into_iter().find_map(|f| {
            let before = text[..f.start].to_lowercase();
            let near = before.trim_end().ends_with("kèm theo");
            (near && tone_key(&f.kind) == tone_key(kind))
                .then_some(())
                .and(f.date.map(|d| (canonical(&f.number, x.catalog), d)))
        })
    })
}

/// The dated documents the text says it implements, and those it cites without a date.
pub fn implements(
    x: &Inputs<'_>,
    title: Option<&str>,
    own: Option<&str>,
) -> (Vec<(String, NaiveDate)>, Vec<String>) {
    let mut texts: Vec<&str> = title.into_iter().collect();
    for c in x.body.iter().take(14) {
        match c {
            Chunk::Text(p) if matches!(p.marker, Some(Marker::Roman | Marker::Number(_))) => break,
            Chunk::Text(p) => texts.push(&p.text),
            Chunk::Table(_) => break,
        }
    }
    let own_key = own.map(number_key);
    let mut dated: Vec<(String, NaiveDate)> = Vec::new();
    let mut undated: Vec<String> = Vec::new();
    for text in texts {
        for sentence in text.split(". ") {
            let r = rules();
            if r.not_implements_openers.iter().any(|o| starts_with_words(sentence, o)) {
                continue; // a legal basis or what was considered, not what the text carries out
            }
            let sentence = slash_year(sentence);
            let lower = sentence.to_lowercase();
            for f in x.finder.find(&sentence) {
                let number = canonical(&f.number, x.catalog);
                let key = number_key(&number);
                let implements = lower.get(..f.start).is_some_and(|b| b.contains("thực hiện"));
                let own = own_key.as_ref() == Some(&key)
                    || lower.get(..f.start).is_some_and(|b| b.trim_end().ends_with("kèm theo"));
                let submitted =
                    r.never_implemented.iter().any(|k| tone_key(k) == tone_key(&f.kind));
                if !implements || own || submitted {
                    continue;
                }
                match f.date {
                    Some(d) if !dated.iter().any(|(n, dd)| number_key(n) == key && *dd == d) => {
                        dated.push((number, d))
                    }
                    Some(_) => {}
                    None if !undated.iter().any(|n| number_key(n) == key) => undated.push(number),
                    None => {}
                }
            }
        }
    }
    undated.retain(|n| !dated.iter().any(|(d, _)| number_key(d) == number_key(n)));
    (dated, undated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_titles_lose_their_number_and_year() {
        assert_eq!(
            portal_title(
                "Quyết định 612/QĐ-UBND năm 2020 về phê duyệt quy trình nội bộ",
                Some("Quyết định")
            ),
            "Quyết định về phê duyệt quy trình nội bộ"
        );
        assert_eq!(
            portal_title(
                "Chương trình hành động 01/CTr-UBND thực hiện Nghị quyết 01/NQ-CP năm 2025 do \
                    tỉnh Vĩnh Phúc ban hành",
                Some("Chương trình hành động")
            ),
            "Chương trình hành động thực hiện Nghị quyết 01/NQ-CP năm 2025"
        );
    }
}

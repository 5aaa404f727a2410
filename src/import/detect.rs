//! Detects a document's metadata from its official header, the portal table, the opening
//! sentences and the signature block. What cannot be found is reported, never guessed silently.

use super::blocks::Block;
use super::rebuild::{Chunk, Marker, Piece, ends_clause, is_caps};
use super::rules::{rules, same_words, starts_with_words};
use super::source::Portal;
use super::title::{capitalise, lower_first, sentence_case};
use crate::data::{Catalog, issuer_codes};
use crate::link::resolve::number_key;
use crate::markdown::citations::{CitationFinder, parse_cited_date};
use crate::text::tone_key;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

/// A detected value, or why it is missing (a `TODO: …` text for the editor).
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    Found(T),
    Todo(String),
}

impl<T> Field<T> {
    /// The value, when found.
    pub fn found(&self) -> Option<&T> {
        match self {
            Field::Found(v) => Some(v),
            Field::Todo(_) => None,
        }
    }
}

/// What the official header at the top of the text says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Issuing body as written ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG").
    pub issuer: Option<String>,
    pub number: Option<String>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    /// Canonical document type from the type line ("KẾ HOẠCH" → "Kế hoạch").
    pub doc_type: Option<String>,
    /// The title after the type word, as written.
    pub title: Option<String>,
    /// The header's paragraphs as written, in order.
    pub lines: Vec<String>,
    /// Index of the first chunk after the header.
    pub end: usize,
}

fn place_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(\S.{0,40}?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
            .expect("valid")
    })
}

fn number_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^Số\s*:?\s*(\d[^\s|]*/[^\s|]+)").expect("valid"))
}

/// The canonical type a line opens with in capitals, and the rest of the line.
fn type_prefix<'a>(text: &'a str, catalog: &Catalog) -> Option<(String, &'a str)> {
    let mut types: Vec<&str> = catalog.types.iter().map(|t| t.name.as_str()).collect();
    types.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for name in types {
        let n = name.split_whitespace().count();
        let head: Vec<&str> = text.split_whitespace().take(n).collect();
        if head.len() == n && is_caps(&head.join(" ")) && starts_with_words(text, name) {
            let mut rest = text;
            for _ in 0..n {
                rest = rest.trim_start();
                rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
            }
            return Some((name.to_string(), rest.trim()));
        }
    }
    None
}

fn is_motto(text: &str) -> bool {
    rules().motto.iter().any(|m| starts_with_words(text, m))
}

fn is_issuer_line(text: &str) -> bool {
    is_caps(text) && rules().issuer_words.iter().any(|w| starts_with_words(text, w))
}

fn is_title_part(p: &Piece) -> bool {
    p.marker.is_none()
        && !ends_clause(&p.text)
        && !is_issuer_line(&p.text)
        && !rules().body_starters.iter().any(|s| starts_with_words(&p.text, s))
}

/// Reads the official header at the start of the chunks.
pub fn header(chunks: &[Chunk], catalog: &Catalog) -> Header {
    let mut h = Header::default();
    let mut i = 0;
    while let Some(Chunk::Text(p)) = chunks.get(i) {
        let t = p.text.trim_matches('*').trim();
        if h.doc_type.is_some() {
            if is_title_part(p)
                && h.lines.len() < 12
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
        if is_motto(t) {
        } else if h.issuer.is_none() && is_issuer_line(t) {
            h.issuer = Some(t.to_string());
        } else if let Some(c) = number_line_re().captures(t).filter(|_| h.number.is_none()) {
            h.number = Some(c[1].trim_end_matches(['.', ',', ';']).to_string());
        } else if let Some(c) = place_date_re().captures(t).filter(|_| h.date.is_none()) {
            h.place = Some(c[1].trim().to_string());
            let num = |k: usize| c[k].parse::<u32>().unwrap_or(0);
            h.date = NaiveDate::from_ymd_opt(num(4) as i32, num(3), num(2));
        } else if let Some((name, rest)) = type_prefix(t, catalog) {
            h.doc_type = Some(name);
            h.title = Some(rest.to_string());
        } else {
            break;
        }
        h.lines.push(p.text.clone());
        i += 1;
    }
    h.end = i;
    h
}

/// Metadata of a draft: each field found or marked TODO.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub title: Field<String>,
    pub doc_type: Field<String>,
    pub province: Field<String>,
    pub issuer: Field<String>,
    pub number: Field<String>,
    pub issued: Field<NaiveDate>,
    pub year: Field<i32>,
    pub signer: Field<String>,
    pub effective: Option<NaiveDate>,
    pub fields: Vec<String>,
    /// Dated documents it implements (number, date).
    pub implements: Vec<(String, NaiveDate)>,
    /// Documents it says it implements but cites without a date.
    pub undated: Vec<String>,
}

/// Everything the detector looks at.
pub struct Inputs<'a> {
    pub header: &'a Header,
    pub portal: &'a Portal,
    /// Body chunks (after the header).
    pub body: &'a [Chunk],
    pub blocks: &'a [Block],
    pub catalog: &'a Catalog,
    pub finder: &'a CitationFinder,
}

/// Detects the metadata.
pub fn detect(x: &Inputs<'_>) -> Detected {
    let (h, portal, catalog) = (x.header, x.portal, x.catalog);
    let self_ref = self_reference(x);
    let number = h
        .number
        .clone()
        .or_else(|| portal.get("number").map(str::to_string))
        .or_else(|| self_ref.as_ref().map(|r| r.0.clone()));
    let doc_type = h
        .doc_type
        .clone()
        .or_else(|| {
            number
                .as_deref()
                .and_then(|n| catalog.kind_for_number(n))
                .and_then(|k| catalog.doc_type(k))
                .map(|t| t.name.clone())
        })
        .or_else(|| portal.get("type").and_then(|t| catalog.doc_type(t)).map(|t| t.name.clone()));
    let issued = h
        .date
        .or_else(|| portal.get("issued").and_then(parse_cited_date))
        .or(self_ref.as_ref().map(|r| r.1));
    let province = province(x);
    let title = title(x, doc_type.as_deref());
    let (implements, undated) = implements(x, title.found().map(String::as_str), number.as_deref());
    let year = plan_year(title.found().map(String::as_str), &implements, issued);
    let signer = x
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Signature { name: Some(n), .. } => Some(n.clone()),
            _ => None,
        })
        .or_else(|| portal.get("signer").map(str::to_string));
    let province_field = match &province {
        Some(p) => Field::Found(p.clone()),
        None => Field::Todo(guess_province(x)),
    };
    let issuer = match (&province, issuer_words(x, number.as_deref())) {
        (Some(p), Some(words)) => Field::Found(issuer_name(&words, p, catalog)),
        (None, Some(words)) => Field::Todo(format!("TODO: {words} — chưa rõ tỉnh")),
        (_, None) => Field::Todo("TODO: không tìm thấy cơ quan ban hành".into()),
    };
    Detected {
        title,
        doc_type: found_or(doc_type, "TODO: không tìm thấy loại văn bản"),
        province: province_field,
        issuer,
        number: found_or(
            number,
            "TODO: không tìm thấy số hiệu (bỏ khóa này nếu văn bản không có số)",
        ),
        issued: found_or(
            issued,
            "TODO: không tìm thấy ngày ban hành (bỏ khóa này nếu văn bản không ghi ngày)",
        ),
        year: found_or(year, "TODO: không tìm thấy năm kế hoạch"),
        signer: found_or(signer, "TODO: không tìm thấy người ký"),
        effective: portal.get("effective").and_then(parse_cited_date),
        fields: portal
            .get("fields")
            .map(|f| {
                f.split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        implements,
        undated,
    }
}

/// The province: from the place-and-date line, else the issuer, the enacting body or the portal.
fn province(x: &Inputs<'_>) -> Option<String> {
    let (h, catalog) = (x.header, x.catalog);
    h.place
        .as_deref()
        .and_then(|p| catalog.province(p))
        .or_else(|| h.issuer.as_deref().and_then(|i| province_in(i, catalog)))
        .or_else(|| enacting_issuer(x.body).and_then(|i| province_in(i, catalog)))
        .or_else(|| x.portal.get("issuer").and_then(|i| province_in(i, catalog)))
        .map(str::to_string)
}

/// The plan year: the last year in the title, else that of the 01/NQ-CP it implements, else the
/// year it was issued.
fn plan_year(
    title: Option<&str>,
    implements: &[(String, NaiveDate)],
    issued: Option<NaiveDate>,
) -> Option<i32> {
    title
        .and_then(last_year_in)
        .or_else(|| {
            implements
                .iter()
                .find(|(n, _)| number_key(n) == number_key("01/NQ-CP"))
                .map(|(_, d)| d.year())
        })
        .or(issued.map(|d| d.year()))
}

/// A value found, or the TODO that says it was not.
fn found_or<T>(value: Option<T>, todo: &str) -> Field<T> {
    value.map_or_else(|| Field::Todo(todo.into()), Field::Found)
}

/// The issuing body a decision names before its legal bases ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" above "Căn cứ …").
fn enacting_issuer(body: &[Chunk]) -> Option<&str> {
    body.iter().take(3).find_map(|c| match c {
        Chunk::Text(p) => Some(p.text.trim_matches('*')).filter(|t| is_issuer_line(t)),
        Chunk::Table(_) => None,
    })
}

/// A province named in an issuer text ("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "Tỉnh Vĩnh Phúc").
fn province_in<'c>(text: &str, catalog: &'c Catalog) -> Option<&'c str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (0..words.len()).find_map(|i| {
        (1..=4).rev().find_map(|n| words.get(i..i + n).and_then(|w| catalog.province(&w.join(" "))))
    })
}

fn last_year_in(title: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i)\bnăm\s+(\d{4})\b").expect("valid"));
    re.captures_iter(title).last().and_then(|c| c[1].parse().ok())
}

fn title(x: &Inputs<'_>, doc_type: Option<&str>) -> Field<String> {
    let h = x.header;
    if let (Some(t), Some(kind)) = (h.title.as_deref().filter(|t| !t.is_empty()), doc_type) {
        let rest = sentence_case(t, x.finder, x.catalog);
        return Field::Found(format!("{kind} {}", lower_first(&rest)));
    }
    if let Some(t) = &x.portal.title {
        let mut t = t.trim().to_string();
        if let Some(i) = t.rfind(" do ").filter(|i| t[*i..].trim_end().ends_with("ban hành")) {
            t.truncate(i);
        }
        if let (Some(kind), Some(n)) = (doc_type, x.portal.get("number")) {
            t = t.replacen(&format!("{kind} {n} "), &format!("{kind} "), 1);
        }
        return Field::Found(capitalise(&t));
    }
    Field::Todo("TODO: không tìm thấy tiêu đề".into())
}

/// "(Ban hành kèm theo Quyết định số 89/QĐ-UBND ngày 19/01/2024 …)": the document's own number and date.
fn self_reference(x: &Inputs<'_>) -> Option<(String, NaiveDate)> {
    let kind = x.header.doc_type.as_deref()?;
    x.body
        .iter()
        .filter_map(|c| match c {
            Chunk::Text(p) => Some(p.text.as_str()),
            Chunk::Table(_) => None,
        })
        .find_map(|text| {
            x.finder.find(text).into_iter().find_map(|f| {
                let before = text[..f.start].to_lowercase();
                let near = before.trim_end().ends_with("kèm theo");
                (near && tone_key(&f.kind) == tone_key(kind))
                    .then_some(())
                    .and(f.date.map(|d| (f.number.clone(), d)))
            })
        })
}

fn implements(
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
            let lower = sentence.to_lowercase();
            for f in x.finder.find(sentence) {
                let key = number_key(&f.number);
                let implements = lower.get(..f.start).is_some_and(|b| b.contains("thực hiện"));
                let own = own_key.as_ref() == Some(&key)
                    || lower.get(..f.start).is_some_and(|b| b.trim_end().ends_with("kèm theo"));
                if !implements || own {
                    continue;
                }
                match f.date {
                    Some(d) if !dated.iter().any(|(n, dd)| number_key(n) == key && *dd == d) => {
                        dated.push((f.number.clone(), d))
                    }
                    Some(_) => {}
                    None if !undated.iter().any(|n| number_key(n) == key) => {
                        undated.push(f.number.clone())
                    }
                    None => {}
                }
            }
        }
    }
    undated.retain(|n| !dated.iter().any(|(d, _)| number_key(d) == number_key(n)));
    (dated, undated)
}

/// The words naming the issuing body without its province ("Ủy ban nhân dân").
fn issuer_words(x: &Inputs<'_>, number: Option<&str>) -> Option<String> {
    let r = rules();
    let from_words = |text: &str| {
        let t = text.trim_matches('*').trim();
        let t = r
            .signature_prefixes
            .iter()
            .find_map(|p| t.strip_prefix(p.as_str()))
            .unwrap_or(t)
            .trim();
        r.issuer_words.iter().find(|w| starts_with_words(t, w)).cloned()
    };
    if let Some(w) =
        x.header.issuer.as_deref().or_else(|| enacting_issuer(x.body)).and_then(from_words)
    {
        return Some(w);
    }
    if let Some(w) = number
        .and_then(|n| issuer_codes(n).into_iter().find_map(|c| r.issuer_codes.get(c).cloned()))
    {
        return Some(w);
    }
    x.blocks.iter().find_map(|b| match b {
        Block::Signature { roles, .. } => roles.iter().find_map(|role| from_words(role)),
        _ => None,
    })
}

/// "Ủy ban nhân dân" + "Kiên Giang" → "Ủy ban nhân dân tỉnh Kiên Giang"; "Tỉnh ủy" + "Đồng Tháp" → "Tỉnh ủy Đồng Tháp".
pub fn issuer_name(words: &str, province: &str, catalog: &Catalog) -> String {
    if same_words(words, "Tỉnh ủy") {
        return format!("{words} {province}");
    }
    let kind = catalog
        .before_2025
        .iter()
        .find(|p| p.name == province)
        .map(|p| p.kind.clone())
        .or_else(|| catalog.after_2025.iter().find(|p| p.name == province).map(|p| p.kind.clone()))
        .unwrap_or_else(|| "tỉnh".into());
    format!("{words} {kind} {province}")
}

/// The most-mentioned "tỉnh X" in the body, offered as a TODO for the editor to confirm.
fn guess_province(x: &Inputs<'_>) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"\btỉnh\s+(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,3})").expect("valid")
    });
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in x.body {
        if let Chunk::Text(p) = c {
            for m in re.captures_iter(&p.text) {
                if let Some(name) = province_in(&m[1], x.catalog) {
                    match counts.iter_mut().find(|(n, _)| n == name) {
                        Some((_, k)) => *k += 1,
                        None => counts.push((name.to_string(), 1)),
                    }
                }
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match counts.first() {
        Some((name, n)) => format!(
            "TODO: không có dòng địa danh, ngày tháng; có thể là {name} (\"tỉnh {name}\" xuất hiện {n} lần)"
        ),
        None => "TODO: không tìm thấy tỉnh ban hành".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{rebuild, source};

    fn chunks(text: &str, catalog: &Catalog) -> Vec<Chunk> {
        rebuild::join(&source::prepare(text).lines, catalog)
    }

    #[test]
    fn reads_a_wrapped_header_and_stops_at_the_body() {
        let c = Catalog::load();
        let ch = chunks(
            "ỦY\nBAN NHÂN DÂN\nTỈNH KIÊN GIANG\n-------\n|\nSố: 22/KH-UBND\n|\nKiên\nGiang, ngày 01 tháng 02 năm 2021\n|\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN\nThực hiện Nghị quyết số 01/NQ-CP ngày\n01/01/2021 của Chính phủ, UBND tỉnh đề ra kế hoạch như sau:",
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
    fn names_issuers_and_finds_provinces() {
        let c = Catalog::load();
        assert_eq!(
            issuer_name("Ủy ban nhân dân", "Kiên Giang", &c),
            "Ủy ban nhân dân tỉnh Kiên Giang"
        );
        assert_eq!(
            issuer_name("Ủy ban nhân dân", "Hà Nội", &c),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        assert_eq!(issuer_name("Tỉnh ủy", "Đồng Tháp", &c), "Tỉnh ủy Đồng Tháp");
        assert_eq!(province_in("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", &c), Some("Vĩnh Long"));
        assert_eq!(province_in("Tỉnh Vĩnh Phúc", &c), Some("Vĩnh Phúc"));
        assert_eq!(last_year_in("Kế hoạch … năm 2023 cho năm 2024"), Some(2024));
    }
}

//! Detects a document's metadata from its official header, the portal's metadata, the opening
//! sentences and the signature block. What cannot be found, or is found twice with different
//! values, is a TODO naming what was seen: never a guess.

use super::blocks::Block;
use super::chunks::Chunk;
use super::field::Field;
use super::header::Header;
use super::header_lines::enacting;
use super::inputs::Inputs;
use super::numbers;
use super::opening;
use super::rules::{rules, same_words, starts_with_words};
use crate::data::{Catalog, issuer_codes};
use crate::link::resolve::number_key;
use crate::markdown::citations::parse_cited_date;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

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
    /// Where values came from when not from the header, for the draft's notes.
    pub notes: Vec<String>,
}

/// Detects the metadata.
pub fn detect(x: &Inputs<'_>) -> Detected {
    let (h, portal, catalog) = (x.header, x.portal, x.catalog);
    let mut notes = Vec::new();
    let own = (!is_draft(h) && (h.number.is_none() || h.date.is_none()))
        .then(|| opening::self_reference(x))
        .flatten();
    let number = number(x, own.as_ref().map(|o| o.0.clone()));
    let doc_type = doc_type(x, number.found().map(String::as_str));
    let issued = issued(x, own.map(|o| o.1));
    let province = h
        .place
        .as_deref()
        .and_then(|p| catalog.province(p))
        .or_else(|| h.issuer.as_deref().and_then(|i| province_in(i, catalog)))
        .or_else(|| enacting_issuer(x.body).and_then(|i| province_in(i, catalog)))
        .or_else(|| portal.get("issuer").and_then(|i| province_in(i, catalog)))
        .map(str::to_string);
    let (title, title_note) = opening::title(x, doc_type.as_deref());
    notes.extend(title_note);
    let (implements, undated) = opening::implements(
        x,
        title.found().map(String::as_str),
        number.found().map(String::as_str),
    );
    let year = title
        .found()
        .and_then(|t| last_year_in(t))
        .or_else(|| {
            implements
                .iter()
                .find(|(n, _)| number_key(n) == number_key("01/NQ-CP"))
                .map(|(_, d)| d.year())
        })
        .or(issued.found().map(|d| d.year()));
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
    let words = issuer_words(x, number.found().map(String::as_str));
    let issuer = match (&province, words) {
        (Some(p), Some(words)) => Field::Found(issuer_name(&words, p, catalog)),
        (None, Some(words)) => Field::Todo(format!("TODO: {words} — chưa rõ tỉnh")),
        (_, None) => Field::Todo("TODO: không tìm thấy cơ quan ban hành".into()),
    };
    Detected {
        title,
        doc_type: doc_type
            .map_or_else(|| Field::Todo("TODO: không tìm thấy loại văn bản".into()), Field::Found),
        province: province_field,
        issuer,
        number,
        issued,
        year: year
            .map_or_else(|| Field::Todo("TODO: không tìm thấy năm kế hoạch".into()), Field::Found),
        signer: signer
            .map_or_else(|| Field::Todo("TODO: không tìm thấy người ký".into()), Field::Found),
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
        notes,
    }
}

/// Whether the header leaves its number or date blank (a draft): nothing else is used for them.
fn is_draft(h: &Header) -> bool {
    h.blank_number.is_some() || h.bad_date.is_some()
}

/// The number: from the header, else the portal's metadata, else the decision the text is
/// attached to; a TODO when they disagree or when the number's type code contradicts the type line.
fn number(x: &Inputs<'_>, own: Option<String>) -> Field<String> {
    let (h, catalog) = (x.header, x.catalog);
    if let Some(line) = &h.blank_number {
        return Field::Todo(format!(
            "TODO: văn bản để trống số hiệu (\"{line}\", bản dự thảo?): điền số khi văn bản được \
                ban hành, hoặc bỏ khóa này"
        ));
    }
    let header = h.number.as_deref().map(|n| numbers::canonical(n, catalog));
    let from_portal = x.portal.get("number").map(|n| numbers::canonical(n, catalog));
    if let (Some(a), Some(b)) = (&header, &from_portal)
        && number_key(a) != number_key(b)
    {
        return Field::Todo(format!(
            "TODO: số hiệu là \"{a}\" ở phần đầu văn bản nhưng \"{b}\" ở trang nguồn: đối chiếu \
                với bản gốc"
        ));
    }
    let Some(n) = header.or(from_portal).or(own) else {
        return Field::Todo(
            "TODO: không tìm thấy số hiệu (bỏ khóa này nếu văn bản không có số)".into(),
        );
    };
    if let (Some(kind), Some(coded)) = (h.doc_type.as_deref(), numbers::type_of(&n, catalog))
        && coded != kind
    {
        let other = numbers::with_type_code(&n, kind, catalog)
            .map(|o| format!(" hay \"{o}\""))
            .unwrap_or_default();
        return Field::Todo(format!(
            "TODO: số hiệu in là \"{n}\" (mã của {coded}) nhưng văn bản là {kind}: \
                \"{n}\"{other}? Đối chiếu với bản gốc"
        ));
    }
    Field::Found(n)
}

/// The type: the type line, else the number's type code (also of a blank number), else a Công
/// văn's number form, else the portal's metadata.
fn doc_type(x: &Inputs<'_>, number: Option<&str>) -> Option<String> {
    let catalog = x.catalog;
    let blank_code = x.header.blank_number.as_deref().and_then(|line| {
        let code = line.trim_start_matches(|c: char| c != '/').trim();
        numbers::type_of(&format!("0{code}"), catalog)
    });
    x.header
        .doc_type
        .clone()
        .or_else(|| number.and_then(|n| numbers::type_of(n, catalog)))
        .or_else(|| {
            number
                .and_then(|n| catalog.kind_for_number(n))
                .and_then(|k| catalog.doc_type(k))
                .map(|t| t.name.clone())
        })
        .or(blank_code)
        .or_else(|| {
            number
                .filter(|n| numbers::is_letter_number(n, catalog))
                .and_then(|_| catalog.doc_type("Công văn"))
                .map(|t| t.name.clone())
        })
        .or_else(|| x.portal.get("type").and_then(|t| catalog.doc_type(t)).map(|t| t.name.clone()))
}

/// The date: from the header, else the portal's metadata, else the decision the text is
/// attached to; a TODO when the header leaves it blank or the two disagree.
fn issued(x: &Inputs<'_>, own: Option<NaiveDate>) -> Field<NaiveDate> {
    let h = x.header;
    if let Some(line) = &h.bad_date {
        return Field::Todo(format!(
            "TODO: ngày ban hành để trống hoặc không có thật (\"{line}\"): điền ngày khi văn bản \
                được ban hành, hoặc bỏ khóa này"
        ));
    }
    let from_portal = x.portal.get("issued").and_then(parse_cited_date);
    if let (Some(a), Some(b)) = (h.date, from_portal)
        && a != b
    {
        return Field::Todo(format!(
            "TODO: ngày ban hành là {} ở phần đầu văn bản nhưng {} ở trang nguồn: đối chiếu với \
                bản gốc",
            a.format("%d/%m/%Y"),
            b.format("%d/%m/%Y")
        ));
    }
    match h.date.or(from_portal).or(own) {
        Some(d) => Field::Found(d),
        None => Field::Todo(
            "TODO: không tìm thấy ngày ban hành (bỏ khóa này nếu văn bản không ghi ngày)".into(),
        ),
    }
}

/// The issuing body a decision names before its legal bases ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" above "Căn cứ …").
fn enacting_issuer(body: &[Chunk]) -> Option<&str> {
    body.iter().take(3).find_map(|c| match c {
        Chunk::Text(p) => enacting(&p.text),
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

/// The year a title says the document is for: its last "năm YYYY" that is not a period
/// ("5 năm 2016-2020"), a bound ("đến năm 2030", "từ năm 2021") or part of a date ("ngày 19
/// tháng 10 năm 2018").
fn last_year_in(title: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    static BOUND: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?i)\bnăm\s+(\d{4})\b").expect("valid"));
    let bound = BOUND.get_or_init(|| {
        Regex::new(r"(?i)(?:\bđến|\btới|\btừ|\bhết|\btháng\s+\d{1,2})\s*$").expect("valid")
    });
    re.captures_iter(title)
        .filter(|c| {
            let m = c.get(0).expect("whole match");
            let after = title[m.end()..].trim_start();
            let period = after.starts_with(['-', '–'])
                && after
                    .trim_start_matches(['-', '–'])
                    .trim_start()
                    .starts_with(|d: char| d.is_ascii_digit());
            !period && !bound.is_match(&title[..m.start()])
        })
        .last()
        .and_then(|c| c[1].parse().ok())
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
    if starts_with_words(province, &kind) {
        // "Thành phố Hồ Chí Minh" already names its kind
        return format!("{words} {province}");
    }
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
            "TODO: không có dòng địa danh, ngày tháng; có thể là {name} (\"tỉnh {name}\" xuất \
                hiện {n} lần)"
        ),
        None => "TODO: không tìm thấy tỉnh ban hành".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            issuer_name("Ủy ban nhân dân", "Thành phố Hồ Chí Minh", &c),
            "Ủy ban nhân dân Thành phố Hồ Chí Minh"
        );
        assert_eq!(province_in("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", &c), Some("Vĩnh Long"));
        assert_eq!(province_in("Tỉnh Vĩnh Phúc", &c), Some("Vĩnh Phúc"));
        assert_eq!(last_year_in("Kế hoạch … năm 2023 cho năm 2024"), Some(2024));
        assert_eq!(last_year_in("kế hoạch 5 năm 2016-2020"), None);
        assert_eq!(last_year_in("kế hoạch 5 năm 2016 – 2020"), None);
        assert_eq!(last_year_in("năm 2019 và định hướng đến năm 2021"), Some(2019));
        assert_eq!(last_year_in("năm 2024 giai đoạn I: từ năm 2021 đến năm 2025"), Some(2024));
        assert_eq!(last_year_in("Quyết định số 4631 ngày 19 tháng 10 năm 2018"), None);
    }
}

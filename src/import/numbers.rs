//! Document numbers as the importer writes them: each code in the spelling of
//! `data/document-types.yaml` ("19/CT-TTG" → "19/CT-TTg", "KL/TƯ" → "KL/TU"), blank numbers of
//! drafts ("Số: /CT-UBND"), and numbers whose type code contradicts the document's type line.

use crate::data::{Catalog, type_code};
use crate::text::fold;

/// `number` with every type and issuer code spelt as the catalog spells it and a year printed
/// after a dash put after a slash ("19-2018/NQ-CP" → "19/2018/NQ-CP"); unknown codes, the serial,
/// the year and term numbers ("QH15") are kept as written.
pub fn canonical(number: &str, catalog: &Catalog) -> String {
    let number = &slash_year(number.trim());
    let mut out = String::with_capacity(number.len());
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut String| {
        if !part.is_empty() {
            out.push_str(&canonical_code(part, catalog).unwrap_or_else(|| part.clone()));
            part.clear();
        }
    };
    for c in number.chars() {
        if c == '/' || c == '-' {
            flush(&mut part, &mut out);
            out.push(c);
        } else {
            part.push(c);
        }
    }
    flush(&mut part, &mut out);
    out
}

/// "19-2018/NQ-CP" → "19/2018/NQ-CP" (same length, so offsets in a text stay valid); a party
/// number ("64-KL/TW") has letters after its dash and is left alone.
pub fn slash_year(text: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE
        .get_or_init(|| regex::Regex::new(r"\b(\d{1,5})-((?:19|20)\d{2})/(\p{L})").expect("valid"));
    re.replace_all(text, "$1/$2/$3").into_owned()
}

/// The catalog's spelling of a type code (QĐ, CTr…) or issuer code (TTg, HĐND…) equal to `code`
/// ignoring case and diacritics.
fn canonical_code(code: &str, catalog: &Catalog) -> Option<String> {
    if !code.chars().any(char::is_alphabetic) || code.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let key = fold(code);
    catalog
        .types
        .iter()
        .chain(&catalog.cited_only)
        .flat_map(|t| &t.codes)
        .find(|c| fold(c) == key)
        .map(String::as_str)
        .or_else(|| catalog.issuer_code(code))
        .map(str::to_string)
}

/// The canonical type whose code the number carries ("55/2007/CT-UBND" → "Chỉ thị"), if any.
pub fn type_of(number: &str, catalog: &Catalog) -> Option<String> {
    let code = fold(type_code(number)?);
    catalog.types.iter().find(|t| t.codes.iter().any(|c| fold(c) == code)).map(|t| t.name.clone())
}

/// Whether a number has no type code and names an issuer right after the serial, as a Công văn
/// does ("807/UBND-THKH").
pub fn is_letter_number(number: &str, catalog: &Catalog) -> bool {
    let Some((serial, tail)) = number.split_once('/') else {
        return false;
    };
    let first = tail.split(['-', '/']).next().unwrap_or("");
    serial.chars().all(|c| c.is_ascii_digit()) && catalog.issuer_code(first).is_some()
}

/// "55/2007/CT-UBND" with the type code of `doc_type` in place of its own ("55/2007/QĐ-UBND").
pub fn with_type_code(number: &str, doc_type: &str, catalog: &Catalog) -> Option<String> {
    let code = type_code(number)?;
    let wanted = catalog.doc_type(doc_type)?.codes.first()?;
    let at = number.find(code)?;
    Some(format!("{}{wanted}{}", &number[..at], &number[at + code.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_take_the_catalog_spelling() {
        let c = Catalog::load();
        assert_eq!(canonical("687/QĐ-TTG", &c), "687/QĐ-TTg");
        assert_eq!(canonical("19/CT-TTG", &c), "19/CT-TTg");
        assert_eq!(canonical("15-KL/TƯ", &c), "15-KL/TU");
        assert_eq!(canonical("138/NQ-HDND", &c), "138/NQ-HĐND");
        assert_eq!(canonical("01/CTR-UBND", &c), "01/CTr-UBND");
        assert_eq!(canonical("19-2018/NQ-CP", &c), "19/2018/NQ-CP");
        assert_eq!(canonical("64-KL/TW", &c), "64-KL/TW");
        assert_eq!(
            slash_year("Nghị quyết số 19-2018/NQ-CP ngày"),
            "Nghị quyết số 19/2018/NQ-CP ngày"
        );
        assert_eq!(canonical("1111/NQ-UBTVQH14", &c), "1111/NQ-UBTVQH14");
        assert_eq!(canonical("16/KH-HĐTĐKT", &c), "16/KH-HĐTĐKT");
    }

    #[test]
    fn types_and_letters_from_numbers() {
        let c = Catalog::load();
        assert_eq!(type_of("55/2007/CT-UBND", &c).as_deref(), Some("Chỉ thị"));
        assert_eq!(type_of("01/CTr-UBND", &c).as_deref(), Some("Chương trình hành động"));
        assert_eq!(type_of("226/TTr-SKHĐT", &c), None);
        assert!(is_letter_number("807/UBND-THKH", &c));
        assert!(!is_letter_number("22/KH-UBND", &c));
        assert_eq!(
            with_type_code("55/2007/CT-UBND", "Quyết định", &c).as_deref(),
            Some("55/2007/QĐ-UBND")
        );
    }
}

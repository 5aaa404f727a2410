//! Vietnamese text helpers shared by every stage: NFC, diacritic folding, slugs, tone-placement keys.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `s` in Unicode NFC (the form all content is kept in).
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// `bytes` as text, with U+FFFD for invalid sequences (checked with SIMD: most output is valid).
pub fn utf8_lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Lowercase ASCII-ish form without diacritics (đ → d): "Đồng Tháp" → "dong thap".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// URL slug without diacritics: "138/NQ-HĐND" → "138-nq-hdnd", "Đồng Tháp" → "dong-thap".
pub fn slugify(s: &str) -> String {
    slug::slugify(fold(s))
}

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// A key equal for old and new tone-mark placement ("Hoà" and "Hòa"), case-insensitive.
pub fn tone_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut tones = String::new();
        for c in word.nfd() {
            if TONE_MARKS.contains(&c) {
                tones.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out.push_str(&tones);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Nghị quyết số 01/NQ-CP"), "nghi quyet so 01/nq-cp");
        assert_eq!(fold("Đường ĐỒNG"), "duong dong");
    }

    #[test]
    fn slugs_numbers_and_names() {
        assert_eq!(slugify("138/NQ-HĐND"), "138-nq-hdnd");
        assert_eq!(slugify("64-KL/TW"), "64-kl-tw");
        assert_eq!(slugify("Đồng Tháp"), "dong-thap");
        assert_eq!(slugify("Bà Rịa - Vũng Tàu"), "ba-ria-vung-tau");
    }

    #[test]
    fn tone_placement_is_ignored() {
        assert_eq!(tone_key("Hoà Bình"), tone_key("Hòa Bình"));
        assert_eq!(tone_key("Khánh Hoà"), tone_key("khánh hòa"));
        assert_ne!(tone_key("Vinh Long"), tone_key("Vĩnh Long"));
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Vĩnh Long".nfd().collect();
        assert_ne!(nfd, "Vĩnh Long");
        assert_eq!(nfc(&nfd), "Vĩnh Long");
    }
}

//! Vietnamese text helpers shared by every stage: NFC, diacritic folding, slugs, tone-placement keys.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `s` in Unicode NFC (the form all content is kept in).
pub fn nfc(s: &str) -> String {
    if s.chars().all(always_nfc)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Whether `c` is a starter that no character before or after it can change in NFC: everything
/// below the combining marks (U+0300), the precomposed Vietnamese letters (U+1E00–U+1EFF) and the
/// usual dashes and quotes (U+2010–U+2027). Text made only of these is NFC without a table lookup.
fn always_nfc(c: char) -> bool {
    let u = c as u32;
    u < 0x300 || (0x1E00..=0x1EFF).contains(&u) || (0x2010..=0x2027).contains(&u)
}

/// `bytes` as text, with U+FFFD for invalid sequences (checked with SIMD: most output is valid).
pub fn utf8_lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `bytes` as text without copying when valid (checked with SIMD), else with U+FFFD for invalid sequences.
pub fn utf8_owned(bytes: Vec<u8>) -> String {
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
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

/// Escapes text for HTML element content, quoted attributes and XML (`/` is left as it is, unlike
/// Tera's default): the one escaper of templates, the sitemap and the preview overlay.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_taken_as_nfc_are_starters_nfc_leaves_alone() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x3000u32).filter_map(char::from_u32).filter(|&c| always_nfc(c)) {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            let alone = c.to_string();
            assert_eq!(alone.nfc().collect::<String>(), alone, "U+{:04X}", c as u32);
            // Nothing before it composes with it.
            for before in ['a', 'e', 'o', 'u', 'A', 'ơ', 'ư', '\u{1100}'] {
                let pair = format!("{before}{c}");
                assert_eq!(pair.nfc().collect::<String>(), pair, "U+{:04X}", c as u32);
            }
        }
        assert_eq!(nfc("Nghe\u{0323}\u{0302} An"), "Nghệ An");
        assert_eq!(nfc("Nghị quyết – “số”"), "Nghị quyết – “số”");
    }

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

//! Words a portal glued together ("BANHÀNH", "Kếhoạch", "theoQuyết") split back into two
//! syllables, only when the split is the one way to read the token as two Vietnamese syllables
//! that the same text writes apart elsewhere (or that `glued_pairs` lists), or the case changes
//! inside it. Anything else stays as written.

use super::rules::rules;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `s` (letters only) can be one Vietnamese syllable: an onset, one to three vowels, a
/// final consonant, and at most one tone mark.
pub fn is_syllable(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?",
            r"[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|[cmnpt])?$",
        ))
        .expect("valid")
    });
    let decomposed: Vec<char> = s.nfd().collect();
    let tones = decomposed.iter().filter(|c| TONE_MARKS.contains(c)).count();
    let toneless: String = decomposed
        .into_iter()
        .filter(|c| !TONE_MARKS.contains(c))
        .collect::<String>()
        .nfc()
        .collect::<String>()
        .to_lowercase();
    tones <= 1 && re.is_match(&toneless)
}

/// Adjacent word pairs of the text whose first word is in `firsts`, lowercase ("kế hoạch"), to
/// attest a split.
fn pairs_of(lines: &[&str], firsts: &HashSet<String>) -> HashSet<String> {
    let mut out: HashSet<String> = rules().glued_pairs.iter().map(|p| p.to_lowercase()).collect();
    for line in lines {
        let mut prev: Option<String> = None;
        for w in line.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            if let Some(p) = prev.take().filter(|p| !w.is_empty() && firsts.contains(p)) {
                out.insert(format!("{p} {w}"));
            }
            prev = Some(w).filter(|w| !w.is_empty());
        }
    }
    out
}

/// The ways to read `token` as two syllables (none when it is one syllable or not all letters).
fn readings(token: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| c.is_alphabetic()) || is_syllable(token) {
        return Vec::new();
    }
    (1..chars.len())
        .map(|i| (chars[..i].iter().collect::<String>(), chars[i..].iter().collect::<String>()))
        .filter(|(a, b)| is_syllable(a) && is_syllable(b))
        .collect()
}

/// The one attested reading of a glued token: written apart in `pairs`, or "theoQuyết" (a
/// lowercase word, then a capitalised one; not "VietGAP", "iPhone").
fn attested(readings: Vec<(String, String)>, pairs: &HashSet<String>) -> Option<(String, String)> {
    let mut found = readings.into_iter().filter(|(a, b)| {
        let case_change = a.chars().all(char::is_lowercase)
            && b.chars().next().is_some_and(char::is_uppercase)
            && b.chars().skip(1).all(char::is_lowercase)
            && b.chars().count() >= 2;
        case_change || pairs.contains(&format!("{} {}", a.to_lowercase(), b.to_lowercase()))
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The tokens of the text to split, with their two syllables.
pub fn plan(lines: &[&str]) -> HashMap<String, (String, String)> {
    let tokens: HashSet<&str> =
        lines.iter().flat_map(|l| l.split(|c: char| !c.is_alphabetic())).collect();
    let candidates: Vec<(&str, Vec<(String, String)>)> =
        tokens.into_iter().map(|t| (t, readings(t))).filter(|(_, r)| !r.is_empty()).collect();
    if candidates.is_empty() {
        return HashMap::new();
    }
    let firsts: HashSet<String> =
        candidates.iter().flat_map(|(_, r)| r.iter().map(|(a, _)| a.to_lowercase())).collect();
    let pairs = pairs_of(lines, &firsts);
    candidates
        .into_iter()
        .filter_map(|(t, r)| attested(r, &pairs).map(|split| (t.to_string(), split)))
        .collect()
}

/// `line` with the planned tokens split, and each (token, replacement) changed.
pub fn apply(
    line: &str,
    plan: &HashMap<String, (String, String)>,
) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(line.len() + 8);
    let mut changes = Vec::new();
    let mut run = String::new();
    let mut flush = |run: &mut String, out: &mut String| {
        match plan.get(run.as_str()) {
            Some((a, b)) => {
                changes.push((run.clone(), format!("{a} {b}")));
                out.push_str(a);
                out.push(' ');
                out.push_str(b);
            }
            None => out.push_str(run),
        }
        run.clear();
    };
    for c in line.chars() {
        if c.is_alphabetic() || is_mark(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    (out, changes)
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for s in ["hoạch", "nghiệp", "trường", "quyết", "giai", "Ủy", "khuya", "BAN", "HÀNH"]
        {
            assert!(is_syllable(s), "{s}");
        }
        for s in ["banhành", "kếhoạch", "OCOPS", "Covid", "email", "UBND"] {
            assert!(!is_syllable(s), "{s}");
        }
    }

    #[test]
    fn only_attested_unambiguous_splits() {
        let text = [
            "BANHÀNH KẾ HOẠCH; Kếhoạch hành động; theoQuyết định",
            "Điều 1. Ban hành kèm theo; Sở Kế hoạch và Đầu tư",
            "OCOP Covid nữtham TTg CTr-UBND sonla.gov.vn VietGAP eGov",
        ];
        let plan = plan(&text);
        let (l, ch) = apply(text[0], &plan);
        assert_eq!(l, "BAN HÀNH KẾ HOẠCH; Kế hoạch hành động; theo Quyết định");
        assert_eq!(ch.len(), 3);
        assert_eq!(apply(text[2], &plan).1, vec![], "nữtham is written apart nowhere");
    }
}

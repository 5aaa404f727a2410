//! The importer's word lists from `data/import.yaml` (header, signature and title words).

use crate::text::tone_key;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const RULES_YAML: &str = include_str!("../../data/import.yaml");

/// Word lists the importer recognises; loaded once from the embedded YAML.
#[derive(Debug, Deserialize)]
pub struct Rules {
    pub proper_nouns: Vec<String>,
    pub roman_after: Vec<String>,
    pub draft_marks: Vec<String>,
    pub motto: Vec<String>,
    pub enacting_prefixes: Vec<String>,
    pub issuer_words: Vec<String>,
    pub issuer_codes: BTreeMap<String, String>,
    pub signature_prefixes: Vec<String>,
    pub signature_roles: Vec<String>,
    pub body_starters: Vec<String>,
    pub not_implements_openers: Vec<String>,
    pub never_implemented: Vec<String>,
    pub portal_keys: BTreeMap<String, Vec<String>>,
    pub portal_other_keys: Vec<String>,
    pub portal_empty_values: Vec<String>,
    pub portal_chrome: Vec<String>,
    pub glued_pairs: Vec<String>,
}

/// The rules, parsed on first use (the file is checked by the test suite).
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| serde_yaml::from_str(RULES_YAML).expect("data/import.yaml is valid"))
}

/// Whether `text` starts with `prefix` as whole words, ignoring case, tone-mark placement and
/// words without letters or digits ("Độc lập  Tự do" starts with "Độc lập - Tự do").
pub fn starts_with_words(text: &str, prefix: &str) -> bool {
    fn keys(s: &str) -> impl Iterator<Item = String> + '_ {
        s.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(tone_key)
    }
    let want: Vec<String> = keys(prefix).collect();
    let have: Vec<String> = keys(text).take(want.len()).collect();
    !want.is_empty() && have == want
}

/// Whether `text` is all of `words` (ignoring case, tone-mark placement and a trailing `:`/`|`).
pub fn same_words(text: &str, words: &str) -> bool {
    tone_key(text.trim_end_matches([':', '|', ' '])) == tone_key(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_load_and_match_words() {
        let r = rules();
        assert!(r.proper_nouns.iter().any(|p| p == "Chính phủ"));
        assert!(starts_with_words("ỦY BAN NHÂN DÂN TỈNH X", "Ủy ban nhân dân"));
        assert!(starts_with_words("UỶ BAN NHÂN DÂN", "Ủy ban nhân dân"));
        assert!(!starts_with_words("ỦY BAN", "Ủy ban nhân dân"));
        assert!(same_words("Nơi nhận:", "nơi nhận"));
        assert!(starts_with_words("Nơi nhận:", "Nơi nhận"));
        assert!(starts_with_words("Độc lập  Tự do  Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"));
        assert!(!starts_with_words("Độc lập", "Độc lập - Tự do - Hạnh phúc"));
    }
}

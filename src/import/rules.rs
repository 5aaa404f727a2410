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
    pub motto: Vec<String>,
    pub issuer_words: Vec<String>,
    pub issuer_codes: BTreeMap<String, String>,
    pub signature_prefixes: Vec<String>,
    pub signature_roles: Vec<String>,
    pub body_starters: Vec<String>,
    pub portal_keys: BTreeMap<String, String>,
}

/// The rules, parsed on first use (the file is checked by the test suite).
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| serde_yaml::from_str(RULES_YAML).expect("data/import.yaml is valid"))
}

/// Whether `text` starts with `prefix` as whole words, ignoring case and tone-mark placement.
pub fn starts_with_words(text: &str, prefix: &str) -> bool {
    let key = |w: &str| tone_key(w.trim_matches(|c: char| !c.is_alphanumeric()));
    let want: Vec<String> = prefix.split_whitespace().map(key).collect();
    let have: Vec<String> = text.split_whitespace().take(want.len()).map(key).collect();
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
    }
}

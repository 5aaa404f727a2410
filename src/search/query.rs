//! Queries: the terms a query stands for, grouped in slots, its quoted phrases, and what the
//! unfinished last word of a query being typed stands for. `search-engine.js` does the same.

use super::analyzer::{TermKind, analyze};
use regex::Regex;
use std::sync::LazyLock;

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["“”]([^"“”]*)["“”]"#).expect("valid"));

/// A term of a query and the slot it scores in.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    pub text: String,
    pub kind: TermKind,
    pub slot: usize,
}

/// A slot of a query: one term, or the dictionary words an unfinished word stands for (a document
/// scores the best of them). Folded-syllable slots count the query words a document holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub kind: TermKind,
    /// What is to be expanded from the dictionary (an unfinished word or number), if anything.
    pub prefix: Option<Prefix>,
}

/// An unfinished word (or number) to be looked up in the dictionary; for a bigram, the word
/// before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefix {
    pub before: Option<String>,
    pub text: String,
}

/// An analysed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// Terms in order of first appearance (slot order).
    pub terms: Vec<QueryTerm>,
    pub slots: Vec<Slot>,
    /// Quoted phrases, as their folded words: every result holds each phrase, its words adjacent.
    pub phrases: Vec<Vec<String>>,
    /// Folded syllables of the query (and what its unfinished word stands for), for marking
    /// snippets.
    pub words: Vec<String>,
}

impl Query {
    /// Analyses a query. `typing`: the query is being typed, so its last word (when nothing
    /// follows it) is unfinished and stands for the dictionary words it begins (see [`expand`]).
    pub fn parse(q: &str, typing: bool) -> Query {
        let q = crate::text::nfc(q);
        let unfinished = typing && q.chars().last().is_some_and(super::analyzer::is_word_char);
        let mut terms = analyze(&q);
        // The unfinished word's terms (its folded form, its bigram with the word before, a number
        // ending there; not its exact form, a complete term either way) come after the others,
        // so complete words keep their slots as a query grows.
        let open =
            |t: &super::analyzer::Term| unfinished && t.to == q.len() && t.kind != TermKind::Exact;
        terms.sort_by_key(|t| open(t));
        let mut out = Query::default();
        for t in terms {
            let open = open(&t);
            if !open && out.terms.iter().any(|x| x.text == t.text) {
                continue;
            }
            if !open && t.kind == TermKind::Folded && !out.words.contains(&t.text) {
                out.words.push(t.text.clone());
            }
            let slot = out.slots.len();
            let prefix = open.then(|| match t.text.split_once(' ') {
                Some((before, text)) if t.kind == TermKind::Bigram => {
                    Prefix { before: Some(before.to_string()), text: text.to_string() }
                }
                _ => Prefix { before: None, text: t.text.clone() },
            });
            out.slots.push(Slot { kind: t.kind, prefix });
            if !open {
                out.terms.push(QueryTerm { text: t.text, kind: t.kind, slot });
            }
        }
        for c in QUOTED.captures_iter(&q) {
            let words: Vec<String> = analyze(&c[1])
                .into_iter()
                .filter(|t| t.kind == TermKind::Folded)
                .map(|t| t.text)
                .collect();
            if !words.is_empty() && !out.phrases.contains(&words) {
                out.phrases.push(words);
            }
        }
        out
    }

    /// Fills the slots of the unfinished word with what it stands for: `words(prefix, kind)` lists
    /// the dictionary's words (folded syllables, or whole numbers) beginning with `prefix`, each
    /// with its weight (the documents holding it, summed over the fields).
    pub fn expand(
        &mut self,
        limit: usize,
        mut words: impl FnMut(&str, TermKind) -> Vec<(String, u64)>,
    ) {
        let mut syllables: Option<Vec<String>> = None;
        for slot in 0..self.slots.len() {
            let Some(p) = self.slots[slot].prefix.clone() else { continue };
            let kind = self.slots[slot].kind;
            let chosen = match kind {
                TermKind::Number => choose(&p.text, words(&p.text, kind), limit),
                _ => syllables
                    .get_or_insert_with(|| choose(&p.text, words(&p.text, TermKind::Folded), limit))
                    .clone(),
            };
            for w in chosen {
                let text = match &p.before {
                    Some(b) => format!("{b} {w}"),
                    None => w,
                };
                if kind == TermKind::Folded && !self.words.contains(&text) {
                    self.words.push(text.clone());
                }
                if !self.terms.iter().any(|t| t.text == text) {
                    self.terms.push(QueryTerm { text, kind, slot });
                }
            }
        }
    }

    /// Terms of a slot.
    pub fn slot_terms(&self, slot: usize) -> impl Iterator<Item = (usize, &QueryTerm)> + '_ {
        self.terms.iter().enumerate().filter(move |(_, t)| t.slot == slot)
    }
}

/// The words an unfinished `prefix` stands for: itself when it is a dictionary word, then the
/// dictionary's words beginning with it, most documents first (ties in byte order), `limit` in all.
pub fn choose(prefix: &str, mut words: Vec<(String, u64)>, limit: usize) -> Vec<String> {
    words.retain(|(w, _)| w.starts_with(prefix));
    words.sort_by(|a, b| {
        (a.0 != prefix).cmp(&(b.0 != prefix)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0))
    });
    words.into_iter().take(limit).map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &Query) -> Vec<(&str, usize)> {
        q.terms.iter().map(|t| (t.text.as_str(), t.slot)).collect()
    }

    #[test]
    fn a_submitted_query_has_a_slot_per_distinct_term() {
        let q = Query::parse("đầu tư công đầu", false);
        assert_eq!(q.terms.len(), q.slots.len());
        let t = texts(&q);
        assert_eq!(&t[..3], [("dau", 0), ("đầu", 1), ("dau tu", 2)], "{t:?}");
        assert_eq!(q.words, ["dau", "tu", "cong"]);
        assert!(q.slots.iter().all(|s| s.prefix.is_none()));
    }

    #[test]
    fn the_last_word_typed_stands_for_the_words_it_begins() {
        let mut q = Query::parse("chuyen doi s", true);
        let dict = |p: &str, _k: TermKind| {
            assert_eq!(p, "s");
            vec![("so".into(), 9), ("sau".into(), 9), ("su".into(), 3), ("ta".into(), 99)]
        };
        q.expand(2, dict);
        let t = texts(&q);
        let slot = |w: &str| t.iter().find(|x| x.0 == w).map(|x| x.1);
        assert_eq!((slot("chuyen"), slot("chuyen doi"), slot("doi")), (Some(0), Some(1), Some(2)));
        assert!(slot("so").is_some() && slot("so") == slot("sau") && slot("su").is_none());
        assert!(slot("doi so").is_some() && slot("doi so") == slot("doi sau"), "{t:?}");
        assert!(slot("so") > slot("chuyen doi") && slot("doi so") > slot("chuyen doi"));
        assert!(q.words.contains(&"so".to_string()) && !q.words.contains(&"s".to_string()));
    }

    #[test]
    fn a_finished_query_or_a_space_expands_nothing() {
        for q in [Query::parse("chuyen doi s ", true), Query::parse("chuyen doi s", false)] {
            assert!(q.slots.iter().all(|s| s.prefix.is_none()));
        }
    }

    #[test]
    fn an_unfinished_number_is_expanded_among_numbers() {
        let q = Query::parse("22/kh", true);
        let numbers: Vec<_> = q.slots.iter().filter(|s| s.kind == TermKind::Number).collect();
        assert_eq!(numbers[0].prefix.as_ref().unwrap().text, "22/kh");
    }

    #[test]
    fn the_prefix_itself_comes_first_when_it_is_a_word() {
        let words = vec![("song".into(), 50), ("son".into(), 1), ("sona".into(), 60)];
        assert_eq!(choose("son", words, 2), ["son", "sona"]);
    }

    #[test]
    fn quoted_phrases_are_their_folded_words() {
        let q = Query::parse("\"Đầu tư công\" giao thông", false);
        assert_eq!(q.phrases, [vec!["dau", "tu", "cong"]]);
    }
}

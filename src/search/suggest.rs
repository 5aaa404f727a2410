//! The dictionary's words, for what an unfinished word stands for and for "Có phải bạn muốn
//! tìm: …" when a word matches nothing. The export writes the same words with the same weights.

use super::analyzer::{TermKind, analyze};
use super::index::SearchIndex;
use super::query::Query;
use super::stats::Stats;
use std::collections::BTreeMap;
use tantivy::Term;

/// Words of `kind` (folded syllables or whole numbers) in any text field beginning with `prefix`,
/// each with its weight: the live documents holding it, summed over the fields.
pub fn words(
    index: &SearchIndex,
    stats: &Stats<'_>,
    prefix: &str,
    kind: TermKind,
) -> tantivy::Result<Vec<(String, u64)>> {
    let searcher = index.searcher();
    let mut texts: BTreeMap<String, ()> = BTreeMap::new();
    let mut upper = prefix.as_bytes().to_vec();
    upper.push(0xff);
    for seg in searcher.segment_readers() {
        for field in &index.fields.text {
            let inverted = seg.inverted_index(*field)?;
            let mut stream = inverted.terms().range().ge(prefix).lt(&upper).into_stream()?;
            while stream.advance() {
                if let Ok(t) = std::str::from_utf8(stream.key())
                    && TermKind::of(t) == kind
                {
                    texts.insert(t.to_string(), ());
                }
            }
        }
    }
    texts
        .into_keys()
        .map(|t| Ok((t.clone(), weight(index, stats, &t)?)))
        .filter(|w: &tantivy::Result<(String, u64)>| w.as_ref().map_or(true, |w| w.1 > 0))
        .collect()
}

/// Live documents holding `text`, summed over the text fields.
pub fn weight(index: &SearchIndex, stats: &Stats<'_>, text: &str) -> tantivy::Result<u64> {
    let mut n = 0;
    for field in &index.fields.text {
        n += stats.live_doc_freq(&Term::from_field_text(*field, text))?;
    }
    Ok(n)
}

/// The closest word to `word` among `words` (edit distance at most `max` after folding): the
/// nearest, then the most frequent, then the first in byte order.
pub fn closest<'a>(word: &str, words: &'a [(String, u64)], max: usize) -> Option<&'a str> {
    words
        .iter()
        .filter(|(w, _)| w != word)
        .map(|(w, n)| (strsim::levenshtein(word, w), n, w))
        .filter(|(d, _, _)| *d <= max)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)).then(a.2.cmp(b.2)))
        .map(|(_, _, w)| w.as_str())
}

/// The query with each of its `missing` words (folded) replaced by its suggestion, or None when
/// no missing word has one.
pub fn suggestion(
    query: &str,
    missing: &[String],
    words: &[(String, u64)],
    max: usize,
) -> Option<String> {
    let q = crate::text::nfc(query);
    let mut out = String::new();
    let (mut last, mut changed) = (0, false);
    for t in analyze(&q).into_iter().filter(|t| t.kind == TermKind::Folded) {
        if missing.contains(&t.text)
            && let Some(w) = closest(&t.text, words, max)
        {
            out.push_str(&q[last..t.from]);
            out.push_str(w);
            (last, changed) = (t.to, true);
        }
    }
    out.push_str(&q[last..]);
    changed.then_some(out)
}

/// The folded words of `q` that no text field holds (an unfinished word: when no dictionary word
/// begins with it).
pub fn missing(q: &Query, present: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for (slot, s) in q.slots.iter().enumerate() {
        if s.kind != TermKind::Folded {
            continue;
        }
        let mut terms = q.slot_terms(slot).map(|(_, t)| t.text.as_str()).peekable();
        let word = match &s.prefix {
            Some(p) if terms.peek().is_none() => p.text.clone(),
            Some(_) => continue,
            None => match terms.next() {
                Some(t) if !present(t) => t.to_string(),
                _ => continue,
            },
        };
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_then_most_frequent_word() {
        let words = vec![("chuyen".into(), 5), ("chuyện".into(), 1), ("khuyen".into(), 9)];
        assert_eq!(closest("chuyenn", &words, 2), Some("chuyen"));
        assert_eq!(closest("huyen", &words, 2), Some("khuyen"));
        assert_eq!(closest("xyzzy", &words, 2), None);
        let s = suggestion("Chuyển đổi sôô", &["soo".into()], &[("so".into(), 3)], 2);
        assert_eq!(s.as_deref(), Some("Chuyển đổi so"));
    }
}

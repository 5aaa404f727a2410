//! Words of a line with keys that ignore case and tone-mark placement, and word patterns.

use crate::text::tone_key;

/// One word of a text: a run of letters and digits, or a lone `%`, with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Lowercase, tone marks after the letters ("Hoá" and "hóa" give the same key).
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text` (punctuation and spaces dropped; `%` kept as a word of its own).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || is_mark(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
        if c == '%' {
            out.push(word(text, i, i + 1));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word { key: tone_key(&text[start..end]), start, end }
}

/// The keys of `text`'s words, for building patterns and lookups.
pub fn keys(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.key).collect()
}

/// Words in order, where `…` (or `...`) stands for any words in between:
/// "chất thải rắn … nông thôn".
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    parts: Vec<Vec<String>>,
}

/// Where a pattern matched: how many of its words, and which words of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Number of pattern words matched (the pattern's length).
    pub size: usize,
    /// Indices (into the text's words) of the words the pattern matched.
    pub covered: Vec<usize>,
}

impl Hit {
    /// Words from the first to the last matched one.
    pub fn span(&self) -> usize {
        match (self.covered.first(), self.covered.last()) {
            (Some(a), Some(b)) => b - a + 1,
            _ => 0,
        }
    }
}

impl Pattern {
    /// Parses a pattern; None when it has no words.
    pub fn new(text: &str) -> Option<Pattern> {
        let parts: Vec<Vec<String>> = text
            .replace("...", "…")
            .split('…')
            .map(keys)
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        (!parts.is_empty()).then_some(Pattern { parts })
    }

    /// Number of words of the pattern.
    pub fn size(&self) -> usize {
        self.parts.iter().map(Vec::len).sum()
    }

    /// The first (leftmost) match of the pattern in `words`.
    pub fn find(&self, words: &[Word]) -> Option<Hit> {
        // Most patterns fail on their first part: nothing is allocated for them.
        let first = find_run(words, &self.parts[0], 0)?;
        let mut starts = Vec::with_capacity(self.parts.len());
        starts.push(first);
        let mut from = first + self.parts[0].len();
        for part in &self.parts[1..] {
            let at = find_run(words, part, from)?;
            starts.push(at);
            from = at + part.len();
        }
        let covered = self.parts.iter().zip(&starts).flat_map(|(p, &s)| s..s + p.len()).collect();
        Some(Hit { size: self.size(), covered })
    }
}

/// Index of the first run of `words` (from `from`) equal to `part`.
pub fn find_run(words: &[Word], part: &[String], from: usize) -> Option<usize> {
    if part.is_empty() || words.len() < part.len() {
        return None;
    }
    (from..=words.len() - part.len())
        .find(|&i| part.iter().zip(&words[i..]).all(|(p, w)| *p == w.key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_punctuation_and_tone_placement() {
        let w = words("GRDP/người đạt 8,0% (Hoá)");
        let k: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(k.len(), 7, "{k:?}");
        assert_eq!(k[0], "grdp");
        assert_eq!(k[5], "%");
        assert_eq!(w[6].key, tone_key("hóa"));
        assert_eq!(&"GRDP/người đạt"[w[1].start..w[1].end], "người");
    }

    #[test]
    fn patterns_with_gaps() {
        let p = Pattern::new("chất thải rắn … nông thôn").unwrap();
        let text = words("và xử lý chất thải rắn sinh hoạt khu vực nông thôn đạt 80%");
        let hit = p.find(&text).unwrap();
        assert_eq!(hit.size, 5);
        assert_eq!(hit.covered, vec![3, 4, 5, 10, 11]);
        assert_eq!(hit.span(), 9);
        assert!(Pattern::new("nông thôn … chất thải rắn").unwrap().find(&text).is_none());
        assert!(Pattern::new(" … ").is_none());
    }
}

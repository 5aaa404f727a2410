//! The Vietnamese text analyzer used by every part of search (index, `banhanh search`, static export).
//!
//! For a text it yields, per syllable position: the diacritic-folded syllable ("duong"), the exact
//! lowercase form when it differs ("đường"), a folded bigram with the next syllable ("duong pho"),
//! and for document numbers ("01/NQ-CP") the whole number as one term ("01/nq-cp") besides its parts.
//! `themes/default/static/search-engine.js` implements the same steps; tests check both agree.

use crate::text::{fold, nfc};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// One letter or number, for the characters [`is_word_char`] does not decide itself.
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}]$").expect("valid"));
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{N}+(?:[-/][\p{L}\p{N}]+)+").expect("valid"));
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}").expect("valid"));
/// Characters between two words that end a phrase: no bigram is made across them.
const BREAKS: &[char] =
    &['.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '“', '”', '…', '\n'];

/// What a term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A folded syllable: "duong".
    Folded,
    /// The exact lowercase form of a syllable with diacritics: "đường".
    Exact,
    /// Two adjacent folded syllables: "dau tu".
    Bigram,
    /// A whole document number, folded: "01/nq-cp".
    Number,
}

impl TermKind {
    /// The kind of an indexed term, told from its text: a bigram holds a space, a whole number a
    /// `-` or `/`, an exact form letters that fold to something else.
    pub fn of(term: &str) -> TermKind {
        if term.contains(' ') {
            TermKind::Bigram
        } else if term.contains(['-', '/']) {
            TermKind::Number
        } else if term.is_ascii() || fold(term) == term {
            TermKind::Folded
        } else {
            TermKind::Exact
        }
    }
}

/// One term of an analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    /// Syllable position (index of the word in the text).
    pub position: usize,
    /// Byte range in the NFC text.
    pub from: usize,
    pub to: usize,
}

/// Analyses `text` (normalised to NFC first); terms are ordered by position.
pub fn analyze(text: &str) -> Vec<Term> {
    let text = nfc(text);
    analyze_nfc(&text)
}

/// Analyses text already in NFC; byte offsets refer to it.
pub fn analyze_nfc(text: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    for_each_term(text, |t| {
        terms.push(Term {
            text: t.text.to_string(),
            kind: t.kind,
            position: t.position,
            from: t.from,
            to: t.to,
        });
    });
    terms.sort_by_key(|t| t.position);
    terms
}

/// A term handed to [`for_each_term`]'s callback (borrowed: no allocation per term).
#[derive(Debug, Clone, Copy)]
pub struct TermRef<'a> {
    pub text: &'a str,
    pub kind: TermKind,
    pub position: usize,
    pub from: usize,
    pub to: usize,
    /// Equal for equal terms within one call (a cheap map key in place of `text`).
    pub key: u64,
}

/// Ids of distinct strings (stable for as long as the [`WordCache`] holding them).
#[derive(Default)]
struct Interner(FxHashMap<String, u64>);

impl Interner {
    fn id(&mut self, s: &str) -> u64 {
        if let Some(&id) = self.0.get(s) {
            return id;
        }
        let id = self.0.len() as u64;
        self.0.insert(s.to_string(), id);
        id
    }
}

/// A word's lowercase and folded forms with their ids.
struct Forms {
    exact: Box<str>,
    folded: Box<str>,
    fid: u64,
    eid: u64,
}

/// What analysing one text leaves for the next on the same thread: the forms of the words seen so
/// far (Vietnamese has a few thousand syllables, so most words are looked up, not folded again)
/// and the buffers, so no text starts from empty maps.
#[derive(Default)]
struct WordCache {
    forms: hashbrown::HashMap<Box<str>, Forms, rustc_hash::FxBuildHasher>,
    folded: Interner,
    exact: Interner,
    numbers: Interner,
    starts: Vec<usize>,
}

/// Most words a thread's cache holds before it starts again (keys stay below 2³¹, memory bounded).
const CACHE_WORDS: usize = 1 << 20;

impl WordCache {
    fn forms(&mut self, word: &str) -> &Forms {
        let (folded_ids, exact_ids) = (&mut self.folded, &mut self.exact);
        self.forms.entry_ref(word).or_insert_with(|| {
            let (exact, folded) = (word.to_lowercase(), fold(word));
            let (fid, eid) = (folded_ids.id(&folded), exact_ids.id(&exact));
            Forms { exact: exact.into(), folded: folded.into(), fid, eid }
        })
    }
}

thread_local! {
    static CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// Calls `f` for every term of NFC `text`: the words' terms in text order, then whole numbers.
/// Returns the number of words (syllable positions).
pub fn for_each_term(text: &str, mut f: impl FnMut(TermRef<'_>)) -> usize {
    CACHE.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => {
            if cache.forms.len() > CACHE_WORDS || cache.numbers.0.len() > CACHE_WORDS {
                *cache = WordCache::default();
            }
            terms_with(&mut cache, text, &mut f)
        }
        // Called from inside a callback on this thread: a cache of its own.
        Err(_) => terms_with(&mut WordCache::default(), text, &mut f),
    })
}

fn terms_with(cache: &mut WordCache, text: &str, f: &mut dyn FnMut(TermRef<'_>)) -> usize {
    const EXACT: u64 = 1 << 62;
    const BIGRAM: u64 = 2 << 62;
    const NUMBER_KEY: u64 = 3 << 62;
    let mut starts = std::mem::take(&mut cache.starts);
    starts.clear();
    let mut bigram = String::new();
    let (mut prev_from, mut prev_end, mut prev_id) = (0, None, 0);
    for (position, (m_start, m_end)) in words(text).enumerate() {
        let word = &text[m_start..m_end];
        let forms = cache.forms(word);
        if let Some(end) = prev_end
            && !text[end..m_start].contains(BREAKS)
        {
            // `bigram` holds the previous folded syllable and a space: this one completes the pair.
            bigram.push_str(&forms.folded);
            let key = BIGRAM | (prev_id << 31) | forms.fid;
            f(TermRef {
                text: &bigram,
                kind: TermKind::Bigram,
                position: position - 1,
                from: prev_from,
                to: m_end,
                key,
            });
        }
        f(TermRef {
            text: &forms.folded,
            kind: TermKind::Folded,
            position,
            from: m_start,
            to: m_end,
            key: forms.fid,
        });
        if forms.exact != forms.folded {
            f(TermRef {
                text: &forms.exact,
                kind: TermKind::Exact,
                position,
                from: m_start,
                to: m_end,
                key: EXACT | forms.eid,
            });
        }
        starts.push(m_start);
        bigram.clear();
        bigram.push_str(&forms.folded);
        bigram.push(' ');
        (prev_from, prev_end, prev_id) = (m_start, Some(m_end), forms.fid);
    }
    for m in NUMBER.find_iter(text) {
        if LETTER.is_match(m.as_str()) {
            let position = starts.partition_point(|&s| s < m.start());
            let number = fold(m.as_str());
            let key = NUMBER_KEY | cache.numbers.id(&number);
            f(TermRef {
                text: &number,
                kind: TermKind::Number,
                position,
                from: m.start(),
                to: m.end(),
                key,
            });
        }
    }
    let words = starts.len();
    cache.starts = starts;
    words
}

/// Whether `c` is a letter or a number: `[\p{L}\p{N}]`, the browser client's `WORD` class.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    // Vietnamese letters: U+00C0–U+024F (but × and ÷) and Latin Extended Additional are all letters.
    if (0xC0..0x250).contains(&u) {
        return u != 0xD7 && u != 0xF7;
    }
    if (0x1E00..=0x1EFF).contains(&u) {
        return true;
    }
    // The rest of Latin-1 holds no mark with the Alphabetic property: "alphanumeric" is exactly \p{L} ∪ \p{N}.
    if u < 0xC0 {
        return c.is_alphanumeric();
    }
    let mut buf = [0u8; 4];
    WORD_CHAR.is_match(c.encode_utf8(&mut buf))
}

/// Byte ranges of the words (runs of letters and numbers) of `text`, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                return Some((start, i));
            }
            chars.next();
        }
        Some((start, text.len()))
    })
}

/// The analyzer as a tantivy tokenizer, so the tantivy index holds exactly these terms. It keeps
/// its tokens from one text to the next: analysing a document allocates nothing once warm.
#[derive(Debug, Default)]
pub struct VietnameseTokenizer {
    tokens: Vec<Token>,
}

impl Clone for VietnameseTokenizer {
    fn clone(&self) -> Self {
        VietnameseTokenizer::default()
    }
}

/// Token stream over the terms of one text (words' terms in text order, then whole numbers:
/// each term's positions increase, which is all tantivy's position lists need).
pub struct VietnameseTokenStream<'a> {
    tokens: &'a mut [Token],
    index: usize,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        let text = nfc(text);
        let tokens = &mut self.tokens;
        let mut n = 0;
        for_each_term(&text, |t| {
            if n == tokens.len() {
                tokens.push(Token::default());
            }
            let token = &mut tokens[n];
            token.text.clear();
            token.text.push_str(t.text);
            (token.offset_from, token.offset_to) = (t.from, t.to);
            (token.position, token.position_length) = (t.position, 1);
            n += 1;
        });
        VietnameseTokenStream { tokens: &mut self.tokens[..n], index: 0 }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.index += 1;
        self.index <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

/// Name under which [`VietnameseTokenizer`] is registered in a tantivy index.
pub const TOKENIZER_NAME: &str = "vi";

/// Registers the analyzer in a tantivy index's tokenizer manager.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(
        TOKENIZER_NAME,
        tantivy::tokenizer::TextAnalyzer::from(VietnameseTokenizer::default()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        analyze(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_keeps_exact_and_pairs() {
        assert_eq!(texts("Đường phố"), ["duong", "đường", "duong pho", "pho", "phố"]);
    }

    #[test]
    fn nfd_input_gives_the_same_terms() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "chuyển đổi số".nfd().collect();
        assert_eq!(texts(&nfd), texts("chuyển đổi số"));
    }

    #[test]
    fn no_bigram_across_punctuation() {
        assert!(!texts("xã hội; phát triển").contains(&"hoi phat".to_string()));
        assert!(texts("xã hội - phát triển").contains(&"hoi phat".to_string()));
    }

    #[test]
    fn words_are_the_runs_of_letters_and_numbers() {
        let word = Regex::new(r"[\p{L}\p{N}]+").unwrap();
        let samples = [
            "Nghị quyết số 01/NQ-CP ngày 05/01/2024 — đầu tư công, chuyển đổi số!",
            "ǀ ª µ º ² ½ × ÷ ͅ ̀ a\u{0301}b Ω Ж ٣ 中文 𝔸𝟙 ⅫⅠ ß ʰ ˆ ﬁ 1️⃣ ‿ _x_ 𝑥",
            "",
            "   ",
            "x",
        ];
        for s in samples {
            let want: Vec<(usize, usize)> =
                word.find_iter(s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(words(s).collect::<Vec<_>>(), want, "{s}");
        }
        // Every character of the basic multilingual plane and beyond, one at a time.
        for u in (0..0x30000u32).step_by(1) {
            if let Some(c) = char::from_u32(u) {
                let mut buf = [0u8; 4];
                assert_eq!(is_word_char(c), word.is_match(c.encode_utf8(&mut buf)), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn kinds_are_told_from_the_text() {
        for t in analyze("Đường số 01/NQ-CP, xã Ω") {
            assert_eq!(TermKind::of(&t.text), t.kind, "{}", t.text);
        }
    }

    #[test]
    fn tantivy_stream_has_positions() {
        let mut tok = tantivy::tokenizer::TextAnalyzer::from(VietnameseTokenizer::default());
        let mut stream = tok.token_stream("đầu tư công");
        let mut got = Vec::new();
        stream.process(&mut |t| got.push((t.text.clone(), t.position)));
        assert!(got.contains(&("dau tu".to_string(), 0)));
        assert!(got.contains(&("tu cong".to_string(), 1)));
        assert!(got.contains(&("công".to_string(), 2)));
    }
}

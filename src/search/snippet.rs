//! Snippets: a short window of body text around the best match, with the query's words marked.

use crate::text::fold;
use regex::Regex;
use std::sync::LazyLock;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+").expect("valid"));

/// Bytes of context before and after the match.
const BEFORE: usize = 90;
const AFTER: usize = 200;

/// A piece of a snippet, marked when it is one of the query's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// Snippet around byte `at` of `body` (whole words only, `…` where cut), split into marked and plain pieces.
pub fn snippet(body: &str, at: usize, words: &[String]) -> Vec<Piece> {
    let at = at.min(body.len());
    let mut start = at.saturating_sub(BEFORE);
    while !body.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = body[start..at].find(char::is_whitespace).map_or(start, |i| start + i + 1);
    }
    let mut end = (at + AFTER).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if end < body.len() {
        end = body[at..end].rfind(char::is_whitespace).map_or(end, |i| at + i);
    }
    let window = &body[start..end];
    let mut pieces = Vec::new();
    let mut plain = String::from(if start > 0 { "…" } else { "" });
    let mut last = 0;
    for m in WORD.find_iter(window) {
        if words.contains(&fold(m.as_str())) {
            plain.push_str(&window[last..m.start()]);
            pieces
                .push(Piece { text: std::mem::take(&mut plain).replace('\n', " "), marked: false });
            pieces.push(Piece { text: m.as_str().to_string(), marked: true });
            last = m.end();
        }
    }
    plain.push_str(&window[last..]);
    if end < body.len() {
        plain.push('…');
    }
    pieces.push(Piece { text: plain.replace('\n', " "), marked: false });
    pieces.retain(|p| !p.text.is_empty());
    pieces
}

/// A snippet as one string with marked words in «guillemets».
pub fn marked(pieces: &[Piece]) -> String {
    pieces.iter().map(|p| if p.marked { format!("«{}»", p.text) } else { p.text.clone() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_folded_matches_in_whole_words() {
        let body = "Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.";
        let s = marked(&snippet(body, 9, &["chuyen".into(), "doi".into(), "so".into()]));
        assert_eq!(s, "Đẩy mạnh «chuyển» «đổi» «số» trong các cơ quan nhà nước.");
    }
}

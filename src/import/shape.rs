//! How a line of text looks: written in capitals, ending a clause, a signature role.

use super::rules::{rules, same_words};

/// Whether `s` has letters and none of them is lowercase.
pub fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether text ends a sentence or clause (`.`, `;`, `:`, `!`, `?`, `…`), ignoring closing quotes and `*`.
pub fn ends_clause(s: &str) -> bool {
    let t = s.trim_end_matches(['*', '"', '”', '’', '\'', '»', ' ']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// Whether a line is a signature role in capitals ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ").
pub fn is_role_line(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c == '*' || c.is_whitespace());
    is_caps(t) && rules().signature_roles.iter().any(|r| same_words(t, r))
}

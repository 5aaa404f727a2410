//! The parts of a target line: its list marker ("(3)", "-", "a)"), its parenthesised asides and
//! the places it may hold more than one target ("…; có thêm 03 huyện …", "…, trong đó …",
//! "… 98% và khu vực nông thôn đạt 80%").

/// A line's list marker and where the text after it starts: "(3) Thu …" → (Some(3), 4).
pub fn marker(text: &str) -> (Option<u32>, usize) {
    let b = text.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = |at: usize| at + (text[at..].len() - text[at..].trim_start().len());
    if b.first() == Some(&b'(') {
        let n = digits(1);
        if n > 0 && n <= 3 && b.get(1 + n) == Some(&b')') {
            return (text[1..1 + n].parse().ok(), rest(2 + n));
        }
    }
    let n = digits(0);
    if n > 0 && n <= 3 && matches!(b.get(n), Some(b'.' | b')')) && b.get(n + 1) == Some(&b' ') {
        return (text[..n].parse().ok(), rest(n + 1));
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('-' | '+' | '•' | '*' | '–'), _, _) => {
            (None, rest(text.chars().next().map_or(0, char::len_utf8)))
        }
        (Some(c), Some(')'), Some(' ')) if c.is_lowercase() => (None, rest(c.len_utf8() + 1)),
        _ => (None, 0),
    }
}

/// Byte spans of the top-level parenthesised parts of `text`, brackets included.
pub fn parens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        out.push((start, text.len()));
    }
    out
}

/// Byte spans of the pieces of `text` between the places a new target may start (outside
/// parentheses): ";", a sentence end, ", trong đó", " và ", ", ". Pieces are trimmed; the
/// reader joins back pieces without a value.
pub fn pieces(text: &str) -> Vec<(usize, usize)> {
    let inside = parens(text);
    let outside = |i: usize| !inside.iter().any(|(s, e)| (*s..*e).contains(&i));
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        if !outside(i) {
            continue;
        }
        let rest = &text[i..];
        let one_char = c == ';'
            || (c == '.' && sentence_end(rest))
            || (c == ',' && rest[1..].starts_with(' '))
            || rest.starts_with(" trong đó ");
        let len = if one_char {
            1
        } else if rest.starts_with(" và ") {
            " và ".len()
        } else {
            continue;
        };
        cuts.push((i, i + len));
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (s, e) in cuts.into_iter().chain(std::iter::once((text.len(), text.len()))) {
        if s < from {
            continue;
        }
        let piece = trimmed(text, from, s);
        if piece.0 < piece.1 {
            out.push(piece);
        }
        from = e;
    }
    out
}

/// ". Số giường…": a full stop followed by a space and a capital letter.
fn sentence_end(rest: &str) -> bool {
    let mut c = rest.chars().skip(1);
    c.next() == Some(' ') && c.next().is_some_and(char::is_uppercase)
}

/// `text[from..to]` without spaces and punctuation at either end, as a span.
pub fn trimmed(text: &str, from: usize, to: usize) -> (usize, usize) {
    let piece = &text[from..to];
    let junk = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':');
    let start = from + (piece.len() - piece.trim_start_matches(junk).len());
    let end = from + piece.trim_end_matches(junk).len();
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        pieces(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn markers() {
        assert_eq!(marker("(3) Thu ngân sách"), (Some(3), 4));
        assert_eq!(marker("(15)Tỷ lệ"), (Some(15), 4));
        assert_eq!(marker("3. Thu"), (Some(3), 3));
        assert_eq!(marker("- Tốc độ"), (None, 2));
        assert_eq!(marker("* Về kinh tế"), (None, 2));
        assert_eq!(marker("a) Về kinh tế"), (None, 3));
        assert_eq!(marker("(Chi tiết …)"), (None, 0));
        assert_eq!(marker("2024 là năm"), (None, 0));
        assert_eq!(marker("8,0%"), (None, 0));
    }

    #[test]
    fn pieces_of_a_line() {
        assert_eq!(
            shown("Có thêm 10 xã đạt chuẩn và 03 xã kiểu mẫu; có thêm 03 huyện."),
            vec!["Có thêm 10 xã đạt chuẩn", "03 xã kiểu mẫu", "có thêm 03 huyện"]
        );
        assert_eq!(
            shown("đạt 77,2%, trong đó, lao động được đào tạo nghề đạt 55,6%."),
            vec!["đạt 77,2%", "trong đó", "lao động được đào tạo nghề đạt 55,6%"]
        );
        assert_eq!(
            shown("Số bác sỹ/vạn dân đạt 16,3 bác sỹ. Số giường bệnh/vạn dân đạt 52 giường."),
            vec!["Số bác sỹ/vạn dân đạt 16,3 bác sỹ", "Số giường bệnh/vạn dân đạt 52 giường"]
        );
        assert_eq!(
            shown(
                "đạt 39,65% (tương đương 28,85% theo Nghị định số 94/2022/NĐ-CP, ngày 07/11/2022)."
            ),
            vec![
                "đạt 39,65% (tương đương 28,85% theo Nghị định số 94/2022/NĐ-CP, ngày 07/11/2022)"
            ]
        );
        assert_eq!(parens("a (b (c)) d (e"), vec![(2, 9), (12, 14)]);
    }
}

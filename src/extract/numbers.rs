//! Numbers as Vietnamese programmes write them: `.` groups thousands, `,` starts the decimals
//! ("9.266" is nine thousand, "8,0" is eight), with codes and dates ("94/2022/NĐ-CP",
//! "27/01/2021") left out.

/// A number found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub start: usize,
    pub end: usize,
}

/// Reads one number written the Vietnamese way: "9.266" → 9266, "76,56" → 76.56, "03" → 3.
/// A dot before one or two digits is taken as a decimal point ("6.5" → 6.5), as some editors write.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (len, value) = lex(s.as_bytes(), 0)?;
    (len == s.len()).then_some(value)
}

/// Length and value of the number starting at `at` (an ASCII digit).
fn lex(b: &[u8], at: usize) -> Option<(usize, f64)> {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = digits(at);
    if first == 0 {
        return None;
    }
    let mut int = String::from_utf8_lossy(&b[at..at + first]).into_owned();
    let mut i = at + first;
    let mut frac = None;
    while i < b.len() && frac.is_none() {
        let sep = b[i];
        if sep != b'.' && sep != b',' {
            break;
        }
        let n = if i + 1 < b.len() { digits(i + 1) } else { 0 };
        if n == 0 {
            break;
        }
        let part = String::from_utf8_lossy(&b[i + 1..i + 1 + n]).into_owned();
        if sep == b'.' && n == 3 {
            int.push_str(&part);
        } else if sep == b',' || n < 3 {
            frac = Some(part);
        } else {
            break;
        }
        i += 1 + n;
    }
    let text = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    text.parse().ok().map(|v| (i - at, v))
}

/// Every number of `text` that can be a quantity: not part of a word ("COP26", "5G"), a code or
/// a date ("94/2022/NĐ-CP", "07/11/2022", "30/4").
pub fn numbers(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && attached_before(text, i)) {
            i += 1;
            continue;
        }
        let Some((len, value)) = lex(b, i) else {
            i += 1;
            continue;
        };
        let end = i + len;
        if attached_after(text, end) {
            // Skip the whole code or date: "94/2022/NĐ-CP", "30/4/1975".
            i = text[end..].find(char::is_whitespace).map_or(b.len(), |n| end + n);
            continue;
        }
        out.push(Number { value, start: i, end });
        i = end;
    }
    out
}

/// Whether the character before byte `i` glues a number to a word or a code.
fn attached_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '_')
}

/// Whether what follows byte `end` makes the number part of a word, code or date.
fn attached_after(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    match rest.next() {
        Some('/') => rest.next().is_some_and(char::is_alphanumeric),
        Some(c) => c.is_alphabetic(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_number_forms() {
        assert_eq!(parse_number("8,0"), Some(8.0));
        assert_eq!(parse_number("9.266"), Some(9266.0));
        assert_eq!(parse_number("76,56"), Some(76.56));
        assert_eq!(parse_number("3.203"), Some(3203.0));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("03"), Some(3.0));
        assert_eq!(parse_number("0,3"), Some(0.3));
        assert_eq!(parse_number("6.5"), Some(6.5));
        assert_eq!(parse_number("27.026"), Some(27026.0));
        assert_eq!(parse_number("8,0%"), None);
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn codes_dates_and_words_are_not_quantities() {
        let text = "Nghị định số 94/2022/NĐ-CP ngày 07/11/2022, COP26, 5G và 30/4 đạt 28,85%";
        let found: Vec<f64> = numbers(text).iter().map(|n| n.value).collect();
        assert_eq!(found, vec![28.85]);
        let n = numbers("tăng từ 10-11% so với năm 2024");
        assert_eq!(n.iter().map(|n| n.value).collect::<Vec<_>>(), vec![10.0, 11.0, 2024.0]);
        assert_eq!(&"tăng từ 10-11%"[n[0].start..n[0].end], "10");
    }
}

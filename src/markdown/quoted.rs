//! What a citation says of the cited document after its number and date: "… của Chính phủ về
//! nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch …" gives the issuer "Chính phủ" and the subject
//! "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch …".

/// The issuer and subject written right after a citation, as written (whitespace collapsed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quoted {
    /// "Chính phủ", "Bộ Chính trị", "Hội đồng nhân dân tỉnh Vĩnh Long khóa X, kỳ họp thứ 7".
    pub issuer: Option<String>,
    /// The subject with its leading "về": "về nhiệm vụ, giải pháp chủ yếu …".
    pub subject: Option<String>,
}

/// Longest issuer accepted, in words ("Hội nghị lần thứ 8, Ban Chấp hành Trung ương Đảng khoá XIII").
const ISSUER_WORDS: usize = 16;
/// Longest subject accepted, in characters: past this the end of the clause was not found.
const SUBJECT_CHARS: usize = 360;

/// Phrases that end the subject: the sentence goes on about the citing document, not the cited one
/// (lowercase; "trên địa bàn …" is left to the caller: provincial documents' titles hold it).
const ENDS: [&str; 4] = [" nhằm ", " đồng thời ", " sau khi được", " theo đó"];
/// Words after ", " that start the rest of the sentence: its subject ("…, UBND tỉnh đề ra …") or
/// a remark on the year ("…, vừa là năm …").
const ACTORS: [&str; 22] = [
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Chủ tịch",
    "Hội đồng",
    "HĐND",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban chấp hành",
    "Sở ",
    "các sở",
    "Thủ trưởng",
    "Giám đốc",
    "Tỉnh ",
    "vừa ",
    "là ",
    "đồng thời",
    "trong đó",
    "nhất là",
    "góp phần",
];
/// Words that end an issuer without a subject ("của Chính phủ phê duyệt Đề án …").
const ISSUER_ENDS: [&str; 15] = [
    " trên địa bàn",
    " thực hiện",
    " triển khai",
    " phê duyệt",
    " ban hành",
    " quy định",
    " hướng dẫn",
    " sửa đổi",
    " thông qua",
    " phê chuẩn",
    " và ",
    " tại ",
    " đã ",
    " là ",
    " theo ",
];

/// Reads "của <issuer> về <subject>" at the start of `rest` (the text after a citation), ending the
/// subject at the end of its clause. `next` is where the next citation starts in `rest`: it ends
/// the issuer, and the subject when it opens a new item of a list ("…, Nghị quyết số …").
pub fn after_citation(rest: &str, next: Option<usize>) -> Quoted {
    let s = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let next = next.map_or(s.len(), |n| n.saturating_sub(rest.len() - s.len())).min(s.len());
    let (s, next) = match strip_word(s, "của") {
        Some(after) => (after, next.saturating_sub(s.len() - after.len())),
        None if starts_with_word(s, "về") => {
            return Quoted { issuer: None, subject: subject(s, next) };
        }
        None => return Quoted::default(),
    };
    // An issuer has at most ISSUER_WORDS words: "về" is looked for no further. Within an issuer a
    // comma is no clause end ("Hội nghị lần thứ 8, Ban Chấp hành Trung ương").
    let window = words_prefix(s, ISSUER_WORDS + 1);
    let end = clause_end(&s[..window], false, window).min(next);
    match find_ve(&s[..end]) {
        Some(p) if s[..p].split_whitespace().count() <= ISSUER_WORDS => {
            Quoted { issuer: clean_issuer(&s[..p]), subject: subject(&s[p..], next - p) }
        }
        _ => {
            let cut = issuer_end(&s[..end]);
            let issuer = Some(&s[..cut])
                .filter(|i| i.split_whitespace().count() <= ISSUER_WORDS)
                .and_then(clean_issuer);
            Quoted { issuer, subject: None }
        }
    }
}

/// Where an issuer without a subject ends: at a comma or one of [`ISSUER_ENDS`].
fn issuer_end(s: &str) -> usize {
    s.char_indices()
        .find(|&(i, c)| {
            c == ',' || (c == ' ' && ISSUER_ENDS.iter().any(|e| starts_with_ci(&s[i..], e)))
        })
        .map_or(s.len(), |(i, _)| i)
}

/// Byte length of the first `n` words of `s` (all of it when shorter).
fn words_prefix(s: &str, n: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), in_word) {
            (true, true) => {
                in_word = false;
                if words == n {
                    return i;
                }
            }
            (false, false) => {
                in_word = true;
                words += 1;
            }
            _ => {}
        }
    }
    s.len()
}

/// Byte length of the first `n` characters of `s` (all of it when shorter).
fn chars_prefix(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// The subject starting at `s` ("về …" or "“về …"), up to the end of its clause; `next` as in
/// [`after_citation`].
fn subject(s: &str, next: usize) -> Option<String> {
    // No need to read past the longest subject accepted.
    let s = &s[..chars_prefix(s, SUBJECT_CHARS + 16)];
    let next = next.min(s.len());
    let (s, next, quoted_whole) = match s.strip_prefix(['“', '"', '«']) {
        Some(inner) => (inner, next.saturating_sub(s.len() - inner.len()), true),
        None => (s, next, false),
    };
    let end = match quoted_whole {
        true => s.find(['”', '"', '»']).unwrap_or_else(|| clause_end(s, true, next)),
        false => match quotation_after_ve(s) {
            // "về việc “…”": the quotation is the subject
            Some(close) => close,
            None => clause_end(s, true, next),
        },
    };
    let text = trim_tail(&s[..end]);
    let words: Vec<&str> = text.split_whitespace().collect();
    let content = words.iter().skip(1).filter(|w| !w.eq_ignore_ascii_case("việc")).count();
    // "“Về xây dựng …”" quoted from a title in capitals reads "về" inside a sentence.
    (content >= 2 && text.chars().count() <= SUBJECT_CHARS).then(|| match words.join(" ") {
        s if s.starts_with("Về ") => format!("về{}", &s["Về".len()..]),
        s => s,
    })
}

/// The end (after the closing quote) of a quotation that opens right after "về" or "về việc".
fn quotation_after_ve(s: &str) -> Option<usize> {
    let mut rest = s.get("về".len()..)?.trim_start();
    if starts_with_ci(rest, "việc") {
        rest = rest["việc".len()..].trim_start();
    }
    let open = rest.chars().next()?;
    let close = match open {
        '“' => '”',
        '«' => '»',
        '"' => '"',
        _ => return None,
    };
    let start = s.len() - rest.len() + open.len_utf8();
    s[start..].find(close).map(|i| start + i + close.len_utf8())
}

/// Where the clause that starts `s` ends: a hard stop (`;`, `(`, a sentence's `.`, a line break, a
/// table cell, a closing quote that was not opened), a phrase about the citing document, or the
/// next citation at `next` when a list goes on there ("…, Nghị quyết số"); with `actors`, also a
/// comma before a new actor ("…, UBND tỉnh đề ra").
fn clause_end(s: &str, actors: bool, next: usize) -> usize {
    let bytes = s.as_bytes();
    let mut open_quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        if i == next {
            let before = s[..i].trim_end();
            if before.is_empty() || before.ends_with(',') || ends_with_ci(before, " và") {
                return i;
            }
        }
        if let Some(q) = open_quote {
            if c == q {
                open_quote = None;
            }
            continue;
        }
        let after_word = s[..i].chars().next_back().is_some_and(|p| !p.is_whitespace());
        let stop = match c {
            ';' | '\n' | '(' | ')' | '[' | ']' | '|' | ':' | '?' | '!' | '”' | '»' => true,
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            // A straight quote right after a word closes a quotation opened before the citation.
            '"' if after_word => true,
            '“' | '«' | '"' => {
                open_quote = Some(match c {
                    '“' => '”',
                    '«' => '»',
                    _ => '"',
                });
                false
            }
            ',' => actors && ACTORS.iter().any(|a| s[i + 1..].trim_start().starts_with(a)),
            ' ' => ENDS.iter().any(|e| starts_with_ci(&s[i..], e)),
            _ => false,
        };
        if stop {
            return i;
        }
    }
    s.len()
}

/// Whether `s` starts with the lowercase `prefix`, ignoring case (most calls stop at the second
/// character: this runs at every space of a clause).
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    let mut chars = s.chars();
    prefix.chars().all(|p| {
        chars.next().is_some_and(|c| c == p || (c.is_uppercase() && c.to_lowercase().eq([p])))
    })
}

/// Whether `s` ends with the lowercase `suffix`, ignoring case.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    let n = suffix.chars().count();
    let tail: Vec<char> = s.chars().rev().take(n).collect();
    tail.into_iter().rev().flat_map(char::to_lowercase).eq(suffix.chars())
}

/// Byte position of the word "về" (or a quote opening "“về") in `s`, not at its start.
fn find_ve(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s[from..].find(['v', 'V']).map(|p| p + from) {
        if !starts_with_ci(&s[p..], "về") {
            from = p + 1;
            continue;
        }
        let before = s[..p].chars().next_back();
        let after = s[p + "về".len()..].chars().next();
        let word_end = after.is_none_or(|c| !c.is_alphanumeric());
        match before {
            Some(c) if c.is_whitespace() && word_end => return Some(p),
            Some(q @ ('“' | '"' | '«')) if word_end => return Some(p - q.len_utf8()),
            _ => {}
        }
        from = p + "về".len();
    }
    None
}

/// The text after `word` and whitespace, when `s` starts with that word (any case).
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    starts_with_word(s, word).then(|| s[word.len()..].trim_start())
}

/// Whether `s` starts with the whole word `word` (first letter in either case).
fn starts_with_word(s: &str, word: &str) -> bool {
    let Some(head) = s.get(..word.len()) else { return false };
    head.to_lowercase() == word
        && s[word.len()..].chars().next().is_some_and(|c| c.is_whitespace() || c == '“')
}

fn clean_issuer(s: &str) -> Option<String> {
    let t = trim_tail(s.trim_end_matches(['“', '"', '«']));
    (!t.is_empty()).then(|| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `s` without trailing spaces, commas, dashes and dangling joining words ("… năm 2025 và").
fn trim_tail(s: &str) -> &str {
    let mut t = s.trim_end();
    loop {
        let before = t;
        t = t.trim_end_matches([',', '-', '–', ' ', '\u{a0}']);
        for w in [" và các", " và", " cùng", " của"] {
            if let Some(x) = t.strip_suffix(w) {
                t = x;
            }
        }
        if t == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> (Option<String>, Option<String>) {
        let r = after_citation(s, None);
        (r.issuer, r.subject)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_subject_ends_where_the_citing_sentence_goes_on() {
        assert_eq!(
            q("của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh \
                    tế - xã hội và dự toán ngân sách nhà nước năm 2024 trên địa bàn tỉnh Vĩnh Long"),
            (
                some("Chính phủ"),
                some(
                    "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã \
                        hội và dự toán ngân sách nhà nước năm 2024 trên địa bàn tỉnh Vĩnh Long"
                )
            )
        );
        assert_eq!(
            q("của Chính phủ về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh \
                    tế - xã hội, dự toán ngân sách nhà nước năm 2025 (sau đây gọi tắt là "),
            (
                some("Chính phủ"),
                some(
                    "về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã \
                        hội, dự toán ngân sách nhà nước năm 2025"
                )
            )
        );
        assert_eq!(
            q("của Hội đồng nhân dân tỉnh Vĩnh Long về Kế hoạch phát triển kinh tế - xã hội năm \
                    2024, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở"),
            (
                some("Hội đồng nhân dân tỉnh Vĩnh Long"),
                some("về Kế hoạch phát triển kinh tế - xã hội năm 2024")
            )
        );
        assert_eq!(q(" của Quốc hội và "), (some("Quốc hội"), None));
    }

    #[test]
    fn a_list_of_citations_ends_the_subject_a_nested_one_does_not() {
        let rest = " của Chính phủ về nhiệm vụ năm 2025 và Nghị quyết số 45/NQ-HĐND";
        let next = rest.find("Nghị quyết").unwrap();
        assert_eq!(after_citation(rest, Some(next)).subject, some("về nhiệm vụ năm 2025"));
        let rest = "của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban \
            Chấp hành Trung ương Đảng khoá XI. Triển khai";
        let next = rest.find("Nghị quyết").unwrap();
        assert_eq!(
            after_citation(rest, Some(next)),
            Quoted {
                issuer: some("Bộ Chính trị"),
                subject: some(
                    "về tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp \
                        hành Trung ương Đảng khoá XI"
                )
            }
        );
        let rest = " của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 06-NQ/TW";
        let next = rest.find("Nghị quyết").unwrap();
        assert_eq!(after_citation(rest, Some(next)).issuer, some("Ban Thường vụ Tỉnh ủy"));
    }

    #[test]
    fn issuers_without_a_subject() {
        assert_eq!(
            q(" của Ủy ban nhân dân tỉnh Vĩnh Long)\""),
            (some("Ủy ban nhân dân tỉnh Vĩnh Long"), None)
        );
        assert_eq!(
            q(" của Chính phủ phê duyệt Đề án \"Giáo dục hướng nghiệp\""),
            (some("Chính phủ"), None)
        );
        assert_eq!(q(" của Chính phủ, "), (some("Chính phủ"), None));
        assert_eq!(q(" của Chính phủ trên địa bàn tỉnh Kiên Giang"), (some("Chính phủ"), None));
        assert_eq!(q(", UBND tỉnh Kiên Giang đề ra"), (None, None));
        assert_eq!(q(" CỦA CHÍNH PHỦ TRÊN ĐỊA BÀN TỈNH KIÊN GIANG"), (some("CHÍNH PHỦ"), None));
        assert_eq!(
            q(" về kế hoạch phát triển kinh tế - xã hội năm 2025\" do tỉnh Vĩnh Phúc ban hành"),
            (None, some("về kế hoạch phát triển kinh tế - xã hội năm 2025"))
        );
    }

    #[test]
    fn party_issuers_and_quoted_subjects() {
        assert_eq!(
            q("của Hội nghị lần thứ 8, Ban Chấp hành Trung ương Đảng khoá XIII về phát triển \
                    kinh tế - xã hội, dự toán ngân sách nhà nước năm 2024, vừa là năm"),
            (
                some("Hội nghị lần thứ 8, Ban Chấp hành Trung ương Đảng khoá XIII"),
                some("về phát triển kinh tế - xã hội, dự toán ngân sách nhà nước năm 2024")
            )
        );
        assert_eq!(
            q(
                " của Thủ tướng Chính phủ về việc “Phát động thi đua thực hiện thắng lợi nhiệm vụ (2021-2025)” và "
            ),
            (
                some("Thủ tướng Chính phủ"),
                some("về việc “Phát động thi đua thực hiện thắng lợi nhiệm vụ (2021-2025)”")
            )
        );
        assert_eq!(
            q(" của BCH Đảng bộ tỉnh “về xây dựng và phát triển văn hóa, con người Vĩnh Phúc”"),
            (
                some("BCH Đảng bộ tỉnh"),
                some("về xây dựng và phát triển văn hóa, con người Vĩnh Phúc")
            )
        );
    }
}

//! Gives the joined paragraphs their structure (headings, lists, signature, recipients, annexes)
//! and writes them as Markdown. Pure functions, no panics on any input.

use super::chunks::{Chunk, Marker, Piece};
use super::rules::{rules, starts_with_words};
use super::shape::{ends_clause, is_caps, is_role_line};
use super::tables::{self, Table};

/// A structural block of the document body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    /// A paragraph, written as it stands (numbering kept as text).
    Para(String),
    /// A "- " list item (without its dash); `sub` for "+ " items.
    Item {
        text: String,
        sub: bool,
    },
    Table(Table),
    /// The signature block: role lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") and the signer's name.
    Signature {
        roles: Vec<String>,
        name: Option<String>,
    },
    /// "Nơi nhận:" and its items.
    Recipients(Vec<String>),
    /// An attached document's title in capitals ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "DANH MỤC …").
    Annex(String),
}

fn piece(c: &Chunk) -> Option<&Piece> {
    match c {
        Chunk::Text(p) => Some(p),
        Chunk::Table(_) => None,
    }
}

/// Whether a paragraph opens or continues a signature block.
fn is_signature_line(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let r = rules();
    (r.signature_prefixes.iter().any(|p| t.starts_with(p.as_str())) && is_caps(t))
        || is_role_line(t)
}

/// Whether text looks like a person's name: 2–5 capitalised words, letters only.
pub fn is_name(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && !is_caps(t)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

fn strip_stars(s: &str) -> String {
    s.trim_matches(|c: char| c == '*' || c.is_whitespace()).to_string()
}

/// Turns the body's paragraphs (after the header) into blocks.
pub fn structure(chunks: &[Chunk]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut offset = 0u8;
    let mut closed = false; // a signature or recipients list has been seen: what follows is an annex
    let mut i = 0;
    while i < chunks.len() {
        let Some(p) = piece(&chunks[i]) else {
            if let Chunk::Table(t) = &chunks[i] {
                out.push(Block::Table(t.clone()));
            }
            i += 1;
            continue;
        };
        let text = p.text.as_str();
        if starts_with_words(text, "Nơi nhận") {
            let mut items = Vec::new();
            i += 1;
            while let Some(q) =
                chunks.get(i).and_then(piece).filter(|q| q.marker == Some(Marker::Dash))
            {
                items.push(dash_text(&q.text).0);
                i += 1;
            }
            out.push(Block::Recipients(items));
            closed = true;
            continue;
        }
        if is_signature_line(text) {
            let mut roles = Vec::new();
            let bare = |r: &String| rules().signature_prefixes.iter().any(|p| r == p);
            while let Some(q) = chunks.get(i).and_then(piece).filter(|q| {
                is_signature_line(&q.text)
                    || (roles.last().is_some_and(bare) && q.text.len() < 80 && is_caps(&q.text))
            }) {
                let t = strip_stars(&q.text);
                match roles.last_mut() {
                    Some(last) if bare(last) => {
                        last.push(' ');
                        last.push_str(&t);
                    }
                    _ => roles.push(t),
                }
                i += 1;
            }
            let name = chunks
                .get(i)
                .and_then(piece)
                .filter(|q| is_name(&q.text))
                .map(|q| strip_stars(&q.text));
            if name.is_some() {
                i += 1;
            }
            let sig = Block::Signature { roles, name };
            match out.last() {
                Some(Block::Recipients(_)) => {
                    let rec = out.pop().expect("checked");
                    out.push(sig);
                    out.push(rec);
                }
                _ => out.push(sig),
            }
            closed = true;
            continue;
        }
        if closed && p.marker.is_none() && is_caps(text) && text.chars().count() <= 200 {
            out.push(Block::Annex(text.to_string()));
            offset = 1;
            closed = false;
            i += 1;
            continue;
        }
        let next = chunks.get(i + 1).and_then(piece).and_then(|q| q.marker);
        out.push(classify(p, next, offset));
        i += 1;
    }
    out
}

fn dash_text(text: &str) -> (String, bool) {
    let t = text.trim_start();
    let sub = t.starts_with('+');
    let rest = t.trim_start_matches(['-', '–', '—', '•', '+', '*']).trim_start();
    (rest.to_string(), sub)
}

fn classify(p: &Piece, next: Option<Marker>, offset: u8) -> Block {
    let text = p.text.clone();
    match p.marker {
        Some(Marker::Roman) => Block::Heading { level: 2 + offset, text },
        Some(Marker::Number(depth)) => {
            let long = text.chars().count() >= 400;
            let child = matches!(next, Some(Marker::Dash | Marker::Letter))
                || matches!(next, Some(Marker::Number(d)) if d > depth);
            let heading = !long
                && !text.trim_end().ends_with(':')
                && (!ends_clause(&text) || (text.trim_end().ends_with('.') && child));
            if heading {
                Block::Heading { level: (2 + depth + offset).min(6), text }
            } else {
                Block::Para(text)
            }
        }
        Some(Marker::Dash) => {
            let (text, sub) = dash_text(&text);
            Block::Item { text, sub }
        }
        _ if is_caps(&text) && text.chars().count() <= 200 && !text.starts_with('*') => {
            Block::Para(format!("**{}**", strip_stars(&text)))
        }
        _ => Block::Para(text),
    }
}

/// Escapes what Markdown would read as syntax at the start of a paragraph, and `<`.
pub fn escape_para(text: &str) -> String {
    let mut t = text.replace('<', "\\<");
    if let Some(rest) = t.strip_prefix("*** ") {
        // "*** Về kinh tế**": bold text that starts with a literal asterisk
        t = format!("**\\* {rest}");
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(['.', ')']) {
        t.insert(digits, '\\');
    } else if t.starts_with(['#', '>', '+', '=', '|']) || t.starts_with("- ") || t.starts_with("* ")
    {
        t.insert(0, '\\');
    }
    t
}

/// Writes the blocks as Markdown.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading { level, text } => {
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat(usize::from(*level)),
                    text.replace('<', "\\<")
                ));
            }
            Block::Para(text) => out.push_str(&format!("{}\n\n", escape_para(text))),
            Block::Item { text, sub } => {
                out.push_str(if *sub { "  - " } else { "- " });
                out.push_str(&text.replace('<', "\\<"));
                out.push('\n');
                if !matches!(blocks.get(i + 1), Some(Block::Item { .. })) {
                    out.push('\n');
                }
            }
            Block::Table(t) => {
                out.push_str(&tables::to_markdown(t));
                out.push('\n');
            }
            Block::Signature { roles, name } => {
                let mut lines: Vec<String> = roles.iter().map(|r| format!("**{r}**")).collect();
                if let Some(n) = name {
                    lines.push(format!("**{n}**"));
                }
                out.push_str(&lines.join("\\\n"));
                out.push_str("\n\n");
                if name.is_none() {
                    out.push_str("<!-- Bản cào không có tên người ký ở đây. -->\n\n");
                }
            }
            Block::Recipients(items) => {
                out.push_str("## Nơi nhận\n\n");
                for it in items {
                    out.push_str(&format!("- {}\n", it.replace('<', "\\<")));
                }
                out.push('\n');
            }
            Block::Annex(text) => out.push_str(&format!("## {}\n\n", text.replace('<', "\\<"))),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Chunk {
        Chunk::Text(Piece {
            text: text.into(),
            line: 1,
            marker: super::super::rebuild::marker(text),
        })
    }

    #[test]
    fn numbered_lines_become_headings_or_paragraphs() {
        let b = structure(&[
            p("I. NHIỆM VỤ"),
            p("1. Ưu tiên thúc đẩy tăng trưởng"),
            p("a) Tiếp tục thực hiện."),
            p("2. Tiếp tục rà soát, hoàn thiện."),
            p("- Triển khai."),
            p("3. Quán triệt, chấp hành nghiêm."),
            p("4. Bám sát thực tiễn."),
        ]);
        assert_eq!(b[0], Block::Heading { level: 2, text: "I. NHIỆM VỤ".into() });
        assert_eq!(
            b[1],
            Block::Heading { level: 3, text: "1. Ưu tiên thúc đẩy tăng trưởng".into() }
        );
        assert_eq!(b[2], Block::Para("a) Tiếp tục thực hiện.".into()));
        assert!(matches!(b[3], Block::Heading { level: 3, .. }));
        assert_eq!(b[4], Block::Item { text: "Triển khai.".into(), sub: false });
        assert_eq!(b[5], Block::Para("3. Quán triệt, chấp hành nghiêm.".into()));
        let md = to_markdown(&b);
        assert!(md.contains("\n3\\. Quán triệt"), "{md}");
    }

    #[test]
    fn signature_goes_before_recipients_and_annex_follows() {
        let b = structure(&[
            p("Nơi nhận:"),
            p("- Bộ Kế hoạch và Đầu tư;"),
            p("- Lưu: VT."),
            p("TM."),
            p("ỦY BAN NHÂN DÂN"),
            p("KT. CHỦ TỊCH"),
            p("PHÓ CHỦ TỊCH"),
            p("Nguyễn Đức Chín"),
            p("DANH MỤC NHIỆM VỤ"),
            p("I. MỤC TIÊU"),
        ]);
        assert_eq!(
            b[0],
            Block::Signature {
                roles: vec![
                    "TM. ỦY BAN NHÂN DÂN".into(),
                    "KT. CHỦ TỊCH".into(),
                    "PHÓ CHỦ TỊCH".into()
                ],
                name: Some("Nguyễn Đức Chín".into()),
            }
        );
        assert_eq!(
            b[1],
            Block::Recipients(vec!["Bộ Kế hoạch và Đầu tư;".into(), "Lưu: VT.".into()])
        );
        assert_eq!(b[2], Block::Annex("DANH MỤC NHIỆM VỤ".into()));
        assert_eq!(b[3], Block::Heading { level: 3, text: "I. MỤC TIÊU".into() });
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_para("1. Tiếp tục"), "1\\. Tiếp tục");
        assert_eq!(escape_para("*** Về kinh tế**"), "**\\* Về kinh tế**");
        assert_eq!(escape_para("a <b> c"), "a \\<b> c");
        assert_eq!(escape_para("# x"), "\\# x");
        assert!(is_name("Nguyễn Đức Chín"));
        assert!(!is_name("PHÓ CHỦ TỊCH"));
        assert!(!is_name("Lưu: VT."));
    }
}

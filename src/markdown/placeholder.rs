//! The citation placeholder: how the Markdown stage marks a citation in a body's HTML, and how the
//! page is given the citation's link once the link stage knows where it points.
//!
//! A placeholder is `CITE_OPEN index CITE_MID text CITE_CLOSE`, three private-use characters that
//! cannot come from the source (the renderer replaces them there with U+FFFD first).

use pulldown_cmark_escape::{escape_href, escape_html};

/// Opens a citation placeholder; followed by the citation index and [`CITE_MID`].
pub const CITE_OPEN: char = '\u{E000}';
/// Separates the citation index from the citation text.
pub const CITE_MID: char = '\u{E001}';
/// Closes a citation placeholder.
pub const CITE_CLOSE: char = '\u{E002}';

/// `markdown` with the placeholder characters made U+FFFD, so no source text can forge one.
pub fn disarm(markdown: &str) -> String {
    markdown.replace([CITE_OPEN, CITE_MID, CITE_CLOSE], "\u{FFFD}")
}

/// Appends the placeholder of citation `index`, written as `text` (escaped), to `html`.
pub fn write(html: &mut String, index: usize, text: &str) {
    html.push(CITE_OPEN);
    html.push_str(&index.to_string());
    html.push(CITE_MID);
    escape_html(&mut *html, text).ok();
    html.push(CITE_CLOSE);
}

/// `html` with each placeholder made a link to `href(index)` (a URL), or left as its text when
/// there is none or when it sits inside a link written as raw HTML (a link in a link is invalid).
pub fn fill(html: &str, href: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    // Depth of `<a>` elements around the placeholder.
    let mut depth = 0usize;
    while let Some(open) = rest.find(CITE_OPEN) {
        depth = anchor_depth(depth, &rest[..open]);
        out.push_str(&rest[..open]);
        let after = &rest[open + CITE_OPEN.len_utf8()..];
        let (Some(mid), Some(close)) = (after.find(CITE_MID), after.find(CITE_CLOSE)) else {
            rest = after;
            continue;
        };
        let idx: usize = after[..mid].parse().unwrap_or(usize::MAX);
        let text = &after[mid + CITE_MID.len_utf8()..close];
        match href(idx).filter(|_| depth == 0) {
            Some(url) => {
                out.push_str("<a class=\"cite\" href=\"");
                escape_href(&mut out, &url).ok();
                out.push_str("\">");
                out.push_str(text);
                out.push_str("</a>");
            }
            None => out.push_str(text),
        }
        rest = &after[close + CITE_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `<a>` nesting depth after `html`, starting from `depth` (tags are lowercase: the HTML comes from
/// pulldown-cmark or ammonia).
fn anchor_depth(mut depth: usize, html: &str) -> usize {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("a ") || rest.starts_with("a>") {
            depth += 1;
        } else if rest.starts_with("/a>") {
            depth = depth.saturating_sub(1);
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_links_or_text() {
        let mut html = String::from("<p>a ");
        write(&mut html, 0, "Nghị quyết số 01/NQ-CP");
        html.push_str(" b ");
        write(&mut html, 1, "Kế hoạch <số> 2");
        html.push_str("</p>");
        let filled = fill(&html, |i| (i == 0).then(|| "/van-ban/01-nq-cp-2024/".to_string()));
        assert_eq!(
            filled,
            "<p>a <a class=\"cite\" href=\"/van-ban/01-nq-cp-2024/\">Nghị quyết số 01/NQ-CP</a> \
             b Kế hoạch &lt;số&gt; 2</p>"
        );
    }

    #[test]
    fn a_placeholder_inside_a_link_stays_text() {
        let mut html = String::from("<a href=\"/x/\">");
        write(&mut html, 0, "Nghị quyết số 01/NQ-CP");
        html.push_str("</a>");
        assert_eq!(
            fill(&html, |_| Some("/y/".into())),
            "<a href=\"/x/\">Nghị quyết số 01/NQ-CP</a>"
        );
    }

    #[test]
    fn source_text_cannot_forge_a_placeholder() {
        let forged = format!("{CITE_OPEN}0{CITE_MID}x{CITE_CLOSE}");
        assert!(!disarm(&forged).contains([CITE_OPEN, CITE_MID, CITE_CLOSE]));
    }
}

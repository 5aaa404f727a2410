//! Stage 3: Markdown body → sanitised HTML with heading anchors, sections for search, and citation placeholders.

use crate::link::citations::CitationFinder;
use crate::model::{Body, Citation, Heading, Section};
use crate::text::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::collections::HashSet;

/// Opens a citation placeholder; followed by the citation index and [`CITE_MID`].
pub const CITE_OPEN: char = '\u{E000}';
/// Separates the citation index from the citation text.
pub const CITE_MID: char = '\u{E001}';
/// Closes a citation placeholder.
pub const CITE_CLOSE: char = '\u{E002}';

/// Renders document bodies; holds what every body needs (citation pattern, base path).
pub struct MarkdownRenderer<'a> {
    pub finder: &'a CitationFinder,
    /// Path prefix for site-absolute links in bodies, e.g. `/ct/`.
    pub base_path: &'a str,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct State<'a> {
    out: Vec<Event<'a>>,
    body: Body,
    text_buf: String,
    text_start: usize,
    anchors: HashSet<String>,
    link_depth: usize,
    code_depth: usize,
    section: OpenSection,
    raw_html: bool,
    /// Inside an HTML comment (`<!-- … -->`, possibly over several lines).
    in_comment: bool,
    /// Sets aside what the target and task readers need ([`crate::extract`]).
    plan: crate::extract::collect::Collector,
}

impl<'a> MarkdownRenderer<'a> {
    /// Renders `markdown`, whose first line is line `body_line` of the source file.
    pub fn render(&self, markdown: &str, body_line: usize) -> Body {
        let markdown = markdown.replace([CITE_OPEN, CITE_MID, CITE_CLOSE], "\u{FFFD}");
        let lines = LineIndex::new(&markdown, body_line);
        let mut st = State {
            out: Vec::new(),
            body: Body::default(),
            text_buf: String::new(),
            text_start: 0,
            anchors: HashSet::new(),
            link_depth: 0,
            code_depth: 0,
            section: OpenSection::default(),
            raw_html: false,
            in_comment: false,
            plan: crate::extract::collect::Collector::new(&markdown),
        };
        let mut events = Parser::new_ext(&markdown, options()).into_offset_iter().peekable();
        while let Some((event, range)) = events.next() {
            st.plan.event(&event, &markdown, range.clone(), || lines.line(range.start));
            match event {
                Event::Text(t) => {
                    if st.text_buf.is_empty() {
                        st.text_start = range.start;
                    }
                    st.text_buf.push_str(&t);
                }
                Event::SoftBreak => st.text_buf.push('\n'),
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    self.flush(&mut st, &lines);
                    let mut inner = Vec::new();
                    let mut text = String::new();
                    for (e, _) in events.by_ref() {
                        match &e {
                            Event::End(TagEnd::Heading(_)) => break,
                            Event::Text(t) | Event::Code(t) => text.push_str(t),
                            Event::SoftBreak | Event::HardBreak => text.push(' '),
                            Event::Html(_) | Event::InlineHtml(_) => st.raw_html = true,
                            _ => {}
                        }
                        inner.push(e);
                    }
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let anchor = unique_anchor(
                        &mut st.anchors,
                        id.as_deref().map_or_else(|| slugify(&text), slugify),
                    );
                    self.heading(&mut st, level, &anchor, &text, classes, attrs, inner);
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    self.flush(&mut st, &lines);
                    st.link_depth += 1;
                    let dest_url = self.internal_url(&mut st, dest_url, lines.line(range.start));
                    st.out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    self.flush(&mut st, &lines);
                    let dest_url = self.internal_url(&mut st, dest_url, lines.line(range.start));
                    st.out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                }
                Event::End(TagEnd::Link) => {
                    self.flush(&mut st, &lines);
                    st.link_depth = st.link_depth.saturating_sub(1);
                    st.out.push(Event::End(TagEnd::Link));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    self.flush(&mut st, &lines);
                    st.code_depth += 1;
                    st.out.push(Event::Start(Tag::CodeBlock(kind)));
                }
                Event::End(TagEnd::CodeBlock) => {
                    self.flush(&mut st, &lines);
                    st.code_depth = st.code_depth.saturating_sub(1);
                    st.out.push(Event::End(TagEnd::CodeBlock));
                }
                Event::Start(Tag::Table(align)) => {
                    self.flush(&mut st, &lines);
                    st.out.push(Event::Html(CowStr::from(
                        "<div class=\"table-wrap\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">",
                    )));
                    st.out.push(Event::Start(Tag::Table(align)));
                }
                Event::End(TagEnd::Table) => {
                    self.flush(&mut st, &lines);
                    st.out.push(Event::End(TagEnd::Table));
                    st.out.push(Event::Html(CowStr::from("</div>")));
                }
                Event::Html(h) | Event::InlineHtml(h) => {
                    self.flush(&mut st, &lines);
                    // Editors' comments are notes, not content: dropped, so they need no sanitising.
                    let rest = strip_comments(&h, &mut st.in_comment);
                    if !rest.trim().is_empty() {
                        st.raw_html = true;
                        st.out.push(Event::Html(CowStr::from(rest)));
                    }
                }
                Event::Code(c) => {
                    self.flush(&mut st, &lines);
                    st.section.text.push_str(&c);
                    st.out.push(Event::Code(c));
                }
                other => {
                    self.flush(&mut st, &lines);
                    if matches!(
                        other,
                        Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
                            | Event::HardBreak
                    ) {
                        st.section.text.push(' ');
                    }
                    st.out.push(other);
                }
            }
        }
        self.flush(&mut st, &lines);
        push_section(&mut st.body.sections, std::mem::take(&mut st.section));
        st.body.plan.blocks = std::mem::take(&mut st.plan).finish();
        let mut html = String::with_capacity(markdown.len() * 5 / 4);
        pulldown_cmark::html::push_html(&mut html, st.out.into_iter());
        st.body.html = if st.raw_html { sanitize(&html) } else { html }.into();
        st.body
    }

    #[allow(clippy::too_many_arguments)]
    fn heading<'e>(
        &self,
        st: &mut State<'e>,
        level: HeadingLevel,
        anchor: &str,
        text: &str,
        classes: Vec<CowStr<'e>>,
        _attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
        inner: Vec<Event<'e>>,
    ) {
        // The page title is the only h1: body headings start at h2.
        let n = (level as usize).clamp(2, 6);
        st.plan.heading(level as u8, text, anchor);
        push_section(&mut st.body.sections, std::mem::take(&mut st.section));
        st.section = OpenSection {
            anchor: anchor.to_string(),
            heading: text.to_string(),
            text: String::new(),
        };
        st.body.headings.push(Heading {
            level: n as u8,
            text: text.to_string(),
            anchor: anchor.to_string(),
        });
        let mut open = format!("<h{n} id=\"");
        escape_html(&mut open, anchor).ok();
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            escape_html(&mut open, &classes.join(" ")).ok();
            open.push('"');
        }
        open.push('>');
        st.out.push(Event::Html(CowStr::from(open)));
        st.out.extend(inner);
        st.out.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
    }

    /// Prefixes site-absolute URLs with the base path and records every link written (internal ones
    /// for the link checker, external ones for `check --external`) with its source line.
    fn internal_url<'e>(&self, st: &mut State<'e>, url: CowStr<'e>, line: usize) -> CowStr<'e> {
        if !url.is_empty() {
            st.body.links.push((url.to_string(), line));
        }
        if url.starts_with('/') && !url.starts_with("//") {
            CowStr::from(format!("{}{}", self.base_path.trim_end_matches('/'), url))
        } else {
            url
        }
    }

    /// Emits buffered text, turning citations into placeholders outside links and code.
    fn flush(&self, st: &mut State<'_>, lines: &LineIndex) {
        if st.text_buf.is_empty() {
            return;
        }
        let text = std::mem::take(&mut st.text_buf);
        st.section.text.push_str(&text);
        if st.link_depth > 0 || st.code_depth > 0 {
            st.out.push(Event::Text(CowStr::from(text)));
            return;
        }
        let found = self.finder.find(&text);
        if found.is_empty() {
            st.out.push(Event::Text(CowStr::from(text)));
            return;
        }
        let mut html = String::with_capacity(text.len() + 64);
        let mut last = 0;
        for f in found {
            escape_html(&mut html, &text[last..f.start]).ok();
            let idx = st.body.citations.len();
            html.push(CITE_OPEN);
            html.push_str(&idx.to_string());
            html.push(CITE_MID);
            escape_html(&mut html, &text[f.start..f.end]).ok();
            html.push(CITE_CLOSE);
            let written = &text[f.start..f.end];
            st.body.citations.push(Citation {
                kind: f.kind,
                number: f.number,
                date: f.date,
                province_hint: f.province_hint,
                text: written.split_whitespace().collect::<Vec<_>>().join(" "),
                line: lines.line_in_text(st.text_start, &text[..f.start]),
            });
            last = f.end;
        }
        escape_html(&mut html, &text[last..]).ok();
        st.out.push(Event::Html(CowStr::from(html)));
    }
}

/// `html` without its comments; `in_comment` carries an unfinished comment over to the next piece.
fn strip_comments(html: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

/// The section being read: its heading and the text so far.
#[derive(Default)]
struct OpenSection {
    anchor: String,
    heading: String,
    text: String,
}

fn push_section(sections: &mut Vec<Section>, s: OpenSection) {
    let text = collapse_whitespace(&s.text);
    if !text.is_empty() || !s.heading.is_empty() {
        sections.push(Section { anchor: s.anchor, heading: s.heading, text: text.into() });
    }
}

/// `text` with runs of whitespace made one space, and none at either end.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn unique_anchor(seen: &mut HashSet<String>, base: String) -> String {
    let base = if base.is_empty() { "muc".to_string() } else { base };
    let mut anchor = base.clone();
    let mut n = 1;
    while !seen.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

/// Cleans HTML written by editors with an allow-list: no script, event handler, `javascript:` URL or iframe.
pub fn sanitize(html: &str) -> String {
    let clean = ammonia::Builder::default()
        .link_rel(None)
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("div", ["role", "aria-label", "tabindex"])
        .add_tag_attributes("th", ["scope", "style"])
        .add_tag_attributes("td", ["style"])
        .add_tags(["section", "figure", "figcaption"])
        .clean(html)
        .to_string();
    unnest_anchors(&clean)
}

/// Drops `<a>` tags nested inside another `<a>` (their text stays). HTML parsing keeps such nesting
/// when a table sits between an unclosed raw `<a>` and a Markdown link; a link in a link is invalid.
fn unnest_anchors(html: &str) -> String {
    if html.matches("<a ").count() + html.matches("<a>").count() < 2 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<bool> = Vec::new(); // per open <a>: was it dropped?
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("<a ") || tag == "<a>" {
            let nested = stack.iter().any(|dropped| !dropped);
            stack.push(nested);
            if !nested {
                out.push_str(tag);
            }
        } else if tag == "</a>" {
            if !stack.pop().unwrap_or(false) {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Maps byte offsets of the body to 1-based lines of the source file.
struct LineIndex {
    starts: Vec<usize>,
    first: usize,
}

impl LineIndex {
    fn new(text: &str, first: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first }
    }

    fn line(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line of a position inside buffered text that began at `start` (soft breaks counted).
    fn line_in_text(&self, start: usize, before: &str) -> usize {
        self.line(start) + before.matches('\n').count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Catalog;

    fn render(md: &str) -> Body {
        let catalog = Catalog::load();
        let finder = CitationFinder::new(&catalog);
        MarkdownRenderer { finder: &finder, base_path: "/" }.render(md, 10)
    }

    #[test]
    fn headings_get_stable_unique_anchors() {
        let b = render("# Mục tiêu\n\ntext\n\n## Mục tiêu\n");
        assert_eq!(b.headings[0].anchor, "muc-tieu");
        assert_eq!(b.headings[1].anchor, "muc-tieu-1");
        assert!(b.html.get().contains("<h2 id=\"muc-tieu\">Mục tiêu</h2>"), "{}", b.html.get());
    }

    #[test]
    fn citations_become_placeholders_with_lines() {
        let b =
            render("Mở đầu.\n\nThực hiện Nghị quyết số 01/NQ-CP\nngày 05/01/2024 của Chính phủ.\n");
        assert_eq!(b.citations.len(), 1);
        assert_eq!(b.citations[0].line, 12);
        assert!(b.html.get().contains('\u{E000}'));
    }

    #[test]
    fn links_are_never_nested() {
        let b = render("<a href=\"/x/\">\n\n| a | b |\n|---|---|\n| [^1] |\n\n[^1]: chú thích\n");
        assert_eq!(b.html.get().matches("<a ").count(), 1, "{}", b.html.get());
        assert_eq!(b.html.get().matches("</a>").count(), 1, "{}", b.html.get());
    }

    #[test]
    fn editor_comments_are_dropped_without_sanitising() {
        let b = render("<!-- ghi chú\ncủa biên tập viên -->\n\nĐoạn <!-- x --> một.\n");
        assert!(
            !b.html.get().contains("ghi chú") && !b.html.get().contains("<!--"),
            "{}",
            b.html.get()
        );
        assert!(b.html.get().contains("Đoạn  một."), "{}", b.html.get());
        let mut in_comment = false;
        assert_eq!(strip_comments("a<!-- b", &mut in_comment), "a");
        assert!(in_comment);
        assert_eq!(strip_comments("c --> d<b>", &mut in_comment), " d<b>");
        assert!(!in_comment);
    }

    #[test]
    fn whitespace_collapses_like_split_whitespace() {
        for s in
            ["", " ", "a", " a  b\t\nc ", "đầu\u{A0}tư\u{2003}công\u{B}x\u{C}y", "\u{3000}số\u{85}"]
        {
            assert_eq!(
                collapse_whitespace(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn raw_html_is_sanitised() {
        let b = render(
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n",
        );
        assert!(!b.html.get().contains("<script"), "{}", b.html.get());
        assert!(!b.html.get().contains("javascript:"), "{}", b.html.get());
        assert!(!b.html.get().contains("onclick"), "{}", b.html.get());
    }
}

//! Stage 3: Markdown body → sanitised HTML with heading anchors, sections for search, and citation placeholders.

pub mod citations;
pub mod lines;
pub mod lint;
pub mod placeholder;
pub mod quoted;
pub mod sanitize;

use crate::model::{Body, Citation, Heading, Section};
use crate::text::slugify;
use citations::CitationFinder;
use lines::LineIndex;
use lint::Linter;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
pub use sanitize::sanitize;
use sanitize::strip_comments;
use std::collections::HashSet;

/// Renders document bodies; holds what every body needs (citation pattern, base path).
pub struct MarkdownRenderer<'a> {
    /// Finds citations of other documents in body text.
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

/// What rendering one body has gathered so far.
struct State<'a> {
    out: Vec<Event<'a>>,
    body: Body,
    lines: LineIndex,
    text_buf: String,
    text_start: usize,
    anchors: HashSet<String>,
    link_depth: usize,
    code_depth: usize,
    section: OpenSection,
    raw_html: bool,
    /// Inside an HTML comment (`<!-- … -->`, possibly over several lines).
    in_comment: bool,
    /// Accessibility checks.
    lint: Linter,
    /// Sets aside what the target and task readers need ([`crate::extract`]).
    plan: crate::extract::collect::Collector,
}

/// The events of a body with their byte ranges.
type Events<'a> =
    std::iter::Peekable<pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>>;

/// Opens the scrolling box a table sits in (wide tables scroll in it, not the page).
const TABLE_OPEN: &str =
    "<div class=\"table-wrap\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">";

impl<'a> MarkdownRenderer<'a> {
    /// Renders `markdown`, whose first line is line `body_line` of the source file.
    pub fn render(&self, markdown: &str, body_line: usize) -> Body {
        let markdown = placeholder::disarm(markdown);
        let mut st = State {
            out: Vec::new(),
            body: Body::default(),
            lines: LineIndex::new(&markdown, body_line),
            text_buf: String::new(),
            text_start: 0,
            anchors: HashSet::new(),
            link_depth: 0,
            code_depth: 0,
            section: OpenSection::default(),
            raw_html: false,
            in_comment: false,
            lint: Linter::default(),
            plan: crate::extract::collect::Collector::new(&markdown),
        };
        let mut events = Parser::new_ext(&markdown, options()).into_offset_iter().peekable();
        while let Some((event, range)) = events.next() {
            let lines = &st.lines;
            st.plan.event(&event, &markdown, range.clone(), || lines.line(range.start));
            match event {
                Event::Text(t) => {
                    if st.text_buf.is_empty() {
                        st.text_start = range.start;
                    }
                    st.lint.text(&t);
                    st.text_buf.push_str(&t);
                }
                Event::SoftBreak => st.text_buf.push('\n'),
                Event::Start(Tag::Heading { level, id, classes, attrs: _ }) => {
                    self.flush(&mut st);
                    self.heading(&mut st, &mut events, (level, range.start), id, classes);
                }
                other => {
                    self.flush(&mut st);
                    self.event(&mut st, other, range.start);
                }
            }
        }
        self.flush(&mut st);
        push_section(&mut st.body.sections, std::mem::take(&mut st.section));
        st.body.plan.blocks = std::mem::take(&mut st.plan).finish();
        let mut html = String::with_capacity(markdown.len() * 5 / 4);
        pulldown_cmark::html::push_html(&mut html, st.out.into_iter());
        st.body.html = if st.raw_html { sanitize(&html) } else { html }.into();
        st.body.lints = st.lint.finish(&st.lines, &markdown);
        st.body
    }

    /// Handles an event other than text and headings, starting at byte `at` of the body.
    fn event<'e>(&self, st: &mut State<'e>, event: Event<'e>, at: usize) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                st.link_depth += 1;
                st.lint.link_start(at, &dest_url);
                let dest_url = self.internal_url(st, dest_url, at);
                st.out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                st.lint.image_start(at, &dest_url);
                let dest_url = self.internal_url(st, dest_url, at);
                st.out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::End(TagEnd::Image) => {
                st.lint.image_end();
                st.out.push(Event::End(TagEnd::Image));
            }
            Event::End(TagEnd::Link) => {
                st.lint.link_end();
                st.link_depth = st.link_depth.saturating_sub(1);
                st.out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                st.code_depth += 1;
                st.out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                st.code_depth = st.code_depth.saturating_sub(1);
                st.out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Table(align)) => {
                st.out.push(Event::Html(CowStr::from(TABLE_OPEN)));
                st.out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                st.out.push(Event::End(TagEnd::Table));
                st.out.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Html(h) | Event::InlineHtml(h) => raw_html(st, &h, at),
            Event::Code(c) => {
                st.lint.text(&c);
                st.section.text.push_str(&c);
                st.out.push(Event::Code(c));
            }
            other => {
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

    /// A heading: its events up to its end, its anchor, a new section.
    fn heading<'e>(
        &self,
        st: &mut State<'e>,
        events: &mut Events<'e>,
        (level, at): (HeadingLevel, usize),
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
    ) {
        // The page title is the only h1: body headings are h2 to h6.
        st.lint.heading(at, (level as usize).clamp(2, 6));
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
        let anchor =
            unique_anchor(&mut st.anchors, id.as_deref().map_or_else(|| slugify(&text), slugify));
        heading_html(st, level, &anchor, &text, classes, inner);
    }
}

/// HTML written in the body: editors' comments dropped, links recorded at their lines.
fn raw_html(st: &mut State<'_>, html: &str, at: usize) {
    // Editors' comments are notes, not content: dropped, so they need no sanitising.
    let rest = strip_comments(html, &mut st.in_comment);
    if rest.trim().is_empty() {
        return;
    }
    // Links written as HTML are recorded at their line, like Markdown links.
    let line = st.lines.line(at);
    let urls: Vec<(usize, String)> =
        crate::output::links::hrefs_at(&rest).filter(|(_, h)| !h.is_empty()).collect();
    st.lint.raw_html(at, &rest, &urls);
    for (offset, href) in urls {
        st.body.links.push((href, line + rest[..offset].matches('\n').count()));
    }
    st.raw_html = true;
    st.out.push(Event::Html(CowStr::from(rest)));
}

/// Writes a heading (as h2–h6: the page title is the only h1) and opens its section.
fn heading_html<'e>(
    st: &mut State<'e>,
    level: HeadingLevel,
    anchor: &str,
    text: &str,
    classes: Vec<CowStr<'e>>,
    inner: Vec<Event<'e>>,
) {
    let n = (level as usize).clamp(2, 6);
    st.plan.heading(level as u8, text, anchor);
    push_section(&mut st.body.sections, std::mem::take(&mut st.section));
    st.section =
        OpenSection { anchor: anchor.to_string(), heading: text.to_string(), text: String::new() };
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

impl MarkdownRenderer<'_> {
    /// Prefixes site-absolute URLs with the base path and records every link written (internal ones
    /// for the link checker, external ones for `check --external`) at its source line; `at` is its
    /// byte offset in the body.
    fn internal_url<'e>(&self, st: &mut State<'e>, url: CowStr<'e>, at: usize) -> CowStr<'e> {
        if !url.is_empty() {
            st.body.links.push((url.to_string(), st.lines.line(at)));
        }
        // A `javascript:` or `data:` address is dropped by the sanitiser, which then must run.
        st.raw_html |= lint::is_unsafe_url(&url);
        if url.starts_with('/') && !url.starts_with("//") {
            CowStr::from(format!("{}{}", self.base_path.trim_end_matches('/'), url))
        } else {
            url
        }
    }

    /// Emits buffered text, turning citations into placeholders outside links and code.
    fn flush(&self, st: &mut State<'_>) {
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
            let written = &text[f.start..f.end];
            placeholder::write(&mut html, st.body.citations.len(), written);
            st.body.citations.push(Citation {
                kind: f.kind,
                number: f.number,
                date: f.date,
                province_hint: f.province_hint,
                issuer: f.quoted.issuer,
                subject: f.quoted.subject,
                text: written.split_whitespace().collect::<Vec<_>>().join(" "),
                line: st.lines.line_in_text(st.text_start, &text[..f.start]),
            });
            last = f.end;
        }
        escape_html(&mut html, &text[last..]).ok();
        st.out.push(Event::Html(CowStr::from(html)));
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

//! Sets aside, while the Markdown is rendered, the paragraphs and tables the target and task
//! readers need, so no body is parsed twice. Only likely ones are kept: lines under a "chỉ tiêu"
//! heading, numbered lines "(1) …", assignment sentences ("Giao …", "… chủ trì …") and tables.

use memchr::memmem;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::sync::LazyLock;

/// A paragraph, list item or table kept for the readers.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A paragraph or list item, as plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    /// 1-based line in the source file where it starts.
    pub line: usize,
    /// Anchor of the section it is in.
    pub anchor: String,
    /// Whether it stands under a targets heading ("Các chỉ tiêu chủ yếu").
    pub zone: bool,
    /// Position among the body's paragraphs: consecutive paragraphs differ by one.
    pub seq: u32,
}

/// A table, as plain-text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    /// Rows with the line each starts on.
    pub rows: Vec<(Vec<String>, usize)>,
    pub anchor: String,
    pub zone: bool,
}

/// Collects blocks from the renderer's events (see [`crate::markdown`]).
#[derive(Debug, Default)]
pub struct Collector {
    blocks: Vec<Block>,
    buf: String,
    /// The paragraph being read: its line, whether its text is read (under a targets heading, or
    /// when it may matter: most of a body is never copied), whether it may hold a target or a
    /// task, and whether it may open a targets list.
    open: Option<(usize, bool, bool, bool)>,
    seq: u32,
    anchor: String,
    /// Heading levels above the current text, with whether each opens a targets zone.
    headings: Vec<(u8, bool)>,
    zone: bool,
    /// The zone was opened by a line, not a heading: the next section line ends it.
    line_zone: bool,
    table: Option<Table>,
    row: Option<(Vec<String>, usize)>,
    /// Where the words of assignment sentences are in the body (byte offsets).
    marks: Vec<usize>,
}

impl Collector {
    /// A collector for the body `markdown`.
    pub fn new(markdown: &str) -> Collector {
        let mut marks: Vec<usize> =
            MARKERS.iter().flat_map(|f| f.find_iter(markdown.as_bytes())).collect();
        marks.sort_unstable();
        Collector { marks, ..Collector::default() }
    }

    /// A heading was rendered: it ends any open text and may open or close a targets zone.
    pub fn heading(&mut self, level: u8, text: &str, anchor: &str) {
        self.close();
        self.seq += 2;
        while self.headings.last().is_some_and(|(l, _)| *l >= level) {
            self.headings.pop();
        }
        let lower = text.to_lowercase();
        let parent = self.headings.last().is_some_and(|(_, z)| *z);
        let zone = lower.contains("chỉ tiêu")
            || (parent && !["mục tiêu", "nhiệm vụ", "giải pháp"].iter().any(|w| lower.contains(w)));
        self.headings.push((level, zone));
        self.zone = zone;
        self.line_zone = false;
        self.anchor = anchor.to_string();
    }

    /// One event of the body (`markdown[range]` is the Markdown it spans); `line` gives the source
    /// line of its start.
    #[inline]
    pub fn event(
        &mut self,
        event: &Event<'_>,
        markdown: &str,
        range: std::ops::Range<usize>,
        line: impl FnOnce() -> usize,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text(t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Start(Tag::Paragraph | Tag::Item) if self.table.is_none() => {
                if self.open.is_some() && !self.buf.trim().is_empty() {
                    self.close();
                }
                if self.open.is_none() {
                    let (matters, opens) = self.may_matter(markdown, range);
                    let read = matters || opens || self.zone || self.line_zone;
                    self.open = Some((if read { line() } else { 0 }, read, matters, opens));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => self.close(),
            Event::Start(Tag::List(_)) => self.close(),
            Event::Start(Tag::Table(_)) => {
                self.close();
                let (anchor, zone) = (self.anchor.clone(), self.zone);
                self.table = Some(Table { header: Vec::new(), rows: Vec::new(), anchor, zone });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => self.row = Some((Vec::new(), line())),
            Event::Start(Tag::TableCell) => {
                if let Some((cells, _)) = &mut self.row {
                    cells.push(String::new());
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some((cells, _))) = (&mut self.table, self.row.take()) {
                    t.header = cells.into_iter().map(|c| c.trim().to_string()).collect();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some((cells, line))) = (&mut self.table, self.row.take()) {
                    t.rows.push((cells.into_iter().map(|c| c.trim().to_string()).collect(), line));
                }
            }
            Event::End(TagEnd::Table) => {
                self.seq += 2;
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some((cells, _)) = &mut self.row {
            if let Some(c) = cells.last_mut() {
                c.push_str(t);
            }
        } else if let Some((_, true, _, _)) = self.open {
            self.buf.push_str(t);
        }
    }

    /// Ends the open paragraph, keeping it when a reader may need it.
    fn close(&mut self) {
        let Some((line, read, matters, opens)) = self.open.take() else { return };
        if !read {
            self.seq += 1;
            return;
        }
        let mut text = String::with_capacity(self.buf.len());
        for word in self.buf.split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        self.buf.clear();
        if text.is_empty() {
            return;
        }
        self.seq += 1;
        if !self.zone && opens && opens_zone(&text) {
            (self.zone, self.line_zone) = (true, true);
            return;
        }
        if self.line_zone && section_line(&text) && !group_line(&text) {
            (self.zone, self.line_zone) = (false, false);
        }
        if self.zone || matters {
            let (anchor, zone, seq) = (self.anchor.clone(), self.zone, self.seq);
            self.blocks.push(Block::Para(Para { text, line, anchor, zone, seq }));
        }
    }

    /// The kept blocks, in body order.
    pub fn finish(mut self) -> Vec<Block> {
        self.close();
        self.blocks
    }
}

/// The words of assignment sentences, searched in the whole body once. Each is searched on its
/// own: `memmem` skips on the rarest byte, where one automaton for both would stop at every "c".
static MARKERS: LazyLock<[memmem::Finder<'static>; 2]> =
    LazyLock::new(|| ["chủ trì", "Giao "].map(memmem::Finder::new));

impl Collector {
    /// Whether the paragraph at `markdown[range]` may hold a target or a task (numbered "(1)",
    /// or with a word of assignment sentences), and whether it may open a targets list (short,
    /// naming chỉ tiêu).
    fn may_matter(&self, markdown: &str, range: std::ops::Range<usize>) -> (bool, bool) {
        let source = markdown.get(range.clone()).unwrap_or_default();
        let s =
            source.trim_start_matches(|c: char| matches!(c, '-' | '*' | '+') || c.is_whitespace());
        let from = self.marks.partition_point(|at| *at < range.start);
        let matters = starts_numbered(s) || self.marks.get(from).is_some_and(|at| *at < range.end);
        (matters, source.len() < 400 && names_targets(source))
    }
}

fn names_targets(text: &str) -> bool {
    // "hỉ tiêu" is in both "chỉ tiêu" and "Chỉ tiêu".
    text.contains("hỉ tiêu") || text.contains("HỈ TIÊU")
}

/// "(1) …": the numbered lines a targets list is made of.
fn starts_numbered(text: &str) -> bool {
    let mut c = text.chars();
    c.next() == Some('(') && c.next().is_some_and(|d| d.is_ascii_digit())
}

/// A line that announces targets without being a heading: "Các chỉ tiêu chủ yếu:", "2. CÁC CHỈ
/// TIÊU CHỦ YẾU" (a section line, or a short line ending with a colon, naming chỉ tiêu).
fn opens_zone(text: &str) -> bool {
    let short = text.split_whitespace().count() <= 15;
    let capital = text.chars().next().is_some_and(|c| !c.is_lowercase());
    text.len() < 400
        && (section_line(text) || (short && capital && text.ends_with(':')))
        && names_targets(text)
}

/// A line that reads as a section heading: short, no final full stop, and numbered ("2.",
/// "II-", "b)") or in capitals.
fn section_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 15 || text.ends_with(['.', ';', ',']) {
        return false;
    }
    let first = words.first().copied().unwrap_or_default().trim_matches('*');
    let head = first.trim_end_matches(['.', '-', ')', ':']);
    let marked = head.len() < first.len()
        && (head.chars().all(|c| c.is_ascii_digit() || c == '.')
            || head.chars().all(|c| "IVXLivx".contains(c))
            || head.chars().count() == 1);
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let capitals = letters.clone().count() >= 3 && letters.clone().all(char::is_uppercase);
    !head.is_empty() && (marked || capitals)
}

/// A group label inside a list of targets: "1. Về kinh tế".
fn group_line(text: &str) -> bool {
    let after = text.split_once(' ').map_or("", |(_, rest)| rest).trim_start_matches('*');
    after.starts_with("Về ") || text.trim_start_matches(['*', ' ']).starts_with("Về ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// Feeds `md` to a collector the way the renderer does (headings given by hand).
    fn collect(md: &str) -> Vec<Block> {
        let mut c = Collector::new(md);
        let mut events = Parser::new_ext(md, Options::ENABLE_TABLES).into_offset_iter();
        while let Some((e, range)) = events.next() {
            if let Event::Start(Tag::Heading { level, .. }) = e {
                let mut text = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) => text.push_str(&t),
                        _ => {}
                    }
                }
                c.heading(level as u8, &text, &crate::text::slugify(&text));
                continue;
            }
            let line = md[..range.start].matches('\n').count() + 1;
            c.event(&e, md, range, || line);
        }
        c.finish()
    }

    fn paras(blocks: &[Block]) -> Vec<(&str, usize, bool)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some((p.text.as_str(), p.line, p.zone)),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn keeps_lines_under_targets_headings_and_numbered_lines() {
        let md = "## I. MỤC TIÊU, CHỈ TIÊU\n\n### 1. Mục tiêu\n\nTăng trưởng cao.\n\n\
                  ### 2. Các chỉ tiêu chủ yếu\n\n**\\* Về kinh tế**\n\n- Tăng trưởng\n  8,0%.\n\
                  - GRDP/người đạt 76,56 triệu đồng.\n\n(3) Thu ngân sách đạt 9.266 tỷ đồng.\n\n\
                  ### 3. Nhiệm vụ trọng tâm\n\n(1) Tiếp tục đổi mới.\n\nVăn bản khác.\n\n\
                  2\\. Sở Kế hoạch và Đầu tư chủ trì, phối hợp.\n";
        let b = collect(md);
        assert_eq!(
            paras(&b),
            vec![
                ("* Về kinh tế", 9, true),
                ("Tăng trưởng 8,0%.", 11, true),
                ("GRDP/người đạt 76,56 triệu đồng.", 13, true),
                ("(3) Thu ngân sách đạt 9.266 tỷ đồng.", 15, true),
                ("(1) Tiếp tục đổi mới.", 19, false),
                ("2. Sở Kế hoạch và Đầu tư chủ trì, phối hợp.", 23, false),
            ]
        );
        let Block::Para(p) = &b[3] else { panic!() };
        assert_eq!(p.anchor, "2-cac-chi-tieu-chu-yeu");
    }

    #[test]
    fn a_line_can_open_a_zone_until_the_next_section_line() {
        let md = "II. CÁC CHỈ TIÊU CHỦ YẾU\n\n1. Về kinh tế\n\n- Tỷ lệ che phủ rừng 25%.\n\n\
                  III. NHIỆM VỤ, GIẢI PHÁP\n\nTăng trưởng cao.\n\n\
                  hàng tháng, quý đánh giá các chỉ tiêu phát triển\n\nBình thường.\n";
        let b = collect(md);
        // "1. Về kinh tế" and "- Tỷ lệ …" are list items: their text comes without the marker.
        assert_eq!(paras(&b), vec![("Về kinh tế", 3, true), ("Tỷ lệ che phủ rừng 25%.", 5, true)]);
        assert!(section_line("2. CÁC CHỈ TIÊU CHỦ YẾU") && section_line("b) Về xã hội"));
        assert!(!section_line("Tăng trưởng cao.") && !section_line("hàng tháng, quý tổng hợp"));
    }

    #[test]
    fn a_short_line_can_open_a_zone_and_tables_are_kept() {
        let md = "Các chỉ tiêu chủ yếu:\n\n- Tỷ lệ che phủ rừng 25%.\n\n\
                  | STT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n\
                  | 1 | Kế hoạch **năm** 2021 | Sở KH&ĐT | Tháng 01 |\n";
        let b = collect(md);
        assert_eq!(paras(&b), vec![("Tỷ lệ che phủ rừng 25%.", 3, true)]);
        let Block::Table(t) = &b[1] else { panic!("{b:?}") };
        assert_eq!(t.header, vec!["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"]);
        assert_eq!(
            t.rows,
            vec![(
                vec!["1".into(), "Kế hoạch năm 2021".into(), "Sở KH&ĐT".into(), "Tháng 01".into()],
                7
            )]
        );
    }
}

//! Accessibility warnings about a body, found while it is rendered: images without a description,
//! headings that skip a level, links whose text says nothing, and addresses dropped as unsafe.

use super::lines::LineIndex;
use crate::model::Lint;
use crate::text::fold;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Link texts that say nothing about where a link goes, folded (`data/accessibility.yaml`).
static VAGUE: LazyLock<HashSet<String>> = LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        vague_link_texts: Vec<String>,
    }
    let file: File = serde_yaml::from_str(include_str!("../../data/accessibility.yaml"))
        .expect("data/accessibility.yaml is valid");
    file.vague_link_texts.iter().map(|t| fold(t)).collect()
});

static IMG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<img\b[^>]*>").expect("valid"));
static ALT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\salt\s*=").expect("valid"));
static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):").expect("valid"));

/// The schemes a body's links and images may use (the sanitiser's own list): others are dropped.
static SAFE_SCHEMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ammonia::Builder::default().clone_url_schemes());

/// Whether the sanitiser would drop `url` (a `javascript:`, `data:`, `vbscript:`… address).
pub fn is_unsafe_url(url: &str) -> bool {
    SCHEME.captures(url).is_some_and(|c| !SAFE_SCHEMES.contains(c[1].to_ascii_lowercase().as_str()))
}

/// What the checks have seen of a body so far.
#[derive(Default)]
pub struct Linter {
    /// Level of the last heading as rendered (the page title is the h1).
    last_level: usize,
    /// The open link: where it starts, its address, its text so far.
    link: Option<(usize, String, String)>,
    /// The open image: where it starts, its description so far.
    image: Option<(usize, String)>,
    /// Warnings found: byte offset in the body, message, fix.
    found: Vec<(usize, String, String)>,
}

impl Linter {
    fn warn(&mut self, at: usize, message: String, help: &str) {
        self.found.push((at, message, help.to_string()));
    }

    /// The warnings, placed at lines and columns of the source file (`body` is the Markdown).
    pub fn finish(self, lines: &LineIndex, body: &str) -> Vec<Lint> {
        let place = |(at, message, help): (usize, String, String)| {
            let start = lines.line_start(at);
            let column = body.get(start..at).map_or(1, |s| s.chars().count() + 1);
            Lint { line: lines.line(at), column, message, help }
        };
        self.found.into_iter().map(place).collect()
    }

    /// A heading rendered at `level` (2–6) starting at byte `at`.
    pub fn heading(&mut self, at: usize, level: usize) {
        let last = self.last_level.max(1);
        if level > last + 1 {
            let fix = format!(
                "dùng tiêu đề cấp {} ({} trong Markdown) để mục lục và trình đọc màn hình đi đúng \
                 thứ bậc",
                last + 1,
                "#".repeat(last + 1)
            );
            let message = format!("tiêu đề nhảy từ cấp {last} xuống cấp {level}");
            self.warn(at, message, &fix);
        }
        self.last_level = level;
    }

    /// Text inside the body: part of the open link's or image's text, if any.
    pub fn text(&mut self, text: &str) {
        if let Some((_, _, t)) = &mut self.link {
            t.push_str(text);
        }
        if let Some((_, t)) = &mut self.image {
            t.push_str(text);
        }
    }

    /// A link to `url` opens at byte `at`.
    pub fn link_start(&mut self, at: usize, url: &str) {
        self.unsafe_url(at, url, "liên kết", LINK_URL_FIX);
        self.link = Some((at, url.to_string(), String::new()));
    }

    /// The open link closes: its text must say where it goes.
    pub fn link_end(&mut self) {
        let Some((at, url, text)) = self.link.take() else { return };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let bare = text.starts_with("http://") || text.starts_with("https://") || text == url;
        let key = fold(text.trim_end_matches(['.', ',', ':', ';', '!', '…']));
        if text.is_empty() {
            self.warn(at, "liên kết không có chữ".into(), LINK_FIX);
        } else if VAGUE.contains(&key) {
            self.warn(
                at,
                format!("chữ của liên kết \"{text}\" không cho biết nó dẫn đến đâu"),
                LINK_FIX,
            );
        } else if bare && !url.starts_with("mailto:") {
            self.warn(at, format!("liên kết chỉ hiện địa chỉ {text}"), LINK_FIX);
        }
    }

    /// An image of `url` opens at byte `at`.
    pub fn image_start(&mut self, at: usize, url: &str) {
        self.unsafe_url(at, url, "ảnh", IMAGE_URL_FIX);
        // A dropped image needs no description.
        self.image = (!is_unsafe_url(url)).then(|| (at, String::new()));
    }

    /// The open image closes: it must have a description.
    pub fn image_end(&mut self) {
        if let Some((at, alt)) = self.image.take()
            && alt.trim().is_empty()
        {
            self.warn(at, "ảnh không có lời mô tả (alt)".into(), IMAGE_FIX);
        }
    }

    /// HTML written in the body at byte `at`: its images and addresses.
    pub fn raw_html(&mut self, at: usize, html: &str, urls: &[(usize, String)]) {
        for m in IMG.find_iter(html) {
            if !ALT.is_match(m.as_str()) {
                self.warn(at + m.start(), "ảnh không có lời mô tả (alt)".into(), HTML_IMAGE_FIX);
            }
        }
        for (offset, url) in urls {
            self.unsafe_url(at + offset, url, "địa chỉ", LINK_URL_FIX);
        }
    }

    /// Warns when `url` is one the sanitiser drops; `what` names what carries it.
    fn unsafe_url(&mut self, at: usize, url: &str, what: &str, fix: &str) {
        if is_unsafe_url(url) {
            let url = url.trim();
            let mut shown: String = url.chars().take(24).collect();
            if shown.len() < url.len() {
                shown.push('…');
            }
            let message = format!("{what} có địa chỉ không an toàn \"{shown}\" bị bỏ khỏi trang");
            self.warn(at, message, fix);
        }
    }
}

const LINK_FIX: &str = "viết tên trang đích làm chữ của liên kết, \
                        ví dụ [Kế hoạch số 22/KH-UBND](/kien-giang/2021/22-kh-ubnd/)";
const LINK_URL_FIX: &str = "dùng địa chỉ http(s):// hoặc một đường dẫn trong trang";
const IMAGE_URL_FIX: &str =
    "dùng địa chỉ http(s):// của tệp ảnh, hoặc đường dẫn đến tệp ảnh trong trang";
const IMAGE_FIX: &str =
    "viết ![mô tả ngắn nội dung ảnh](địa-chỉ) để người dùng trình đọc màn hình biết ảnh nói gì";
const HTML_IMAGE_FIX: &str =
    "thêm alt=\"mô tả ngắn nội dung ảnh\" (alt=\"\" nếu ảnh chỉ để trang trí)";

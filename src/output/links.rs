//! Checks every internal link and anchor of the rendered output before anything is written.

use super::file::{Origin, OutputFile};
use crate::urls::file_for;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;
use url::Url;

/// A link in the output that points nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Output file holding the link (e.g. `kien-giang/index.html`).
    pub page: String,
    /// What made that file.
    pub origin: Origin,
    /// The link as written in the HTML (entities decoded).
    pub href: String,
    /// Why it is broken, in Vietnamese (`trang không tồn tại`…).
    pub reason: String,
}

/// Host used to resolve relative links; never contacted.
const LOCAL_ORIGIN: &str = "http://banhanh.invalid";

// Attribute names start the patterns (so the regex engine skips to them with a literal search);
// the whitespace an attribute name follows is checked by `after_space`.
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid"));
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"id\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid"));

/// Captures of `re` in `html` that follow whitespace (attribute values, not text like `valid="`),
/// with the byte offset of each attribute.
fn attributes<'h>(
    re: &'static Regex,
    html: &'h str,
) -> impl Iterator<Item = (usize, &'h str)> + 'h {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(c) = re.captures_at(html, at) {
            let m = c.get(0).expect("whole match");
            let after_space =
                html[..m.start()].chars().next_back().is_some_and(char::is_whitespace);
            if after_space {
                at = m.end();
                return Some((m.start(), c.get(1).or(c.get(2)).map_or("", |v| v.as_str())));
            }
            // Not an attribute: look again one character further (a shorter match may start inside).
            at = m.start() + html[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}
static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.\-]*:").expect("valid"));

/// Every `href`/`src` value of an HTML page, entity-decoded, in order.
pub fn hrefs(html: &str) -> impl Iterator<Item = String> + '_ {
    hrefs_at(html).map(|(_, href)| href)
}

/// Like [`hrefs`], with the byte offset of each attribute in `html`.
pub fn hrefs_at(html: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    attributes(&ATTR, html).map(|(at, v)| (at, unescape(v)))
}

/// Whether a link leaves the site (has a scheme such as `https:` or `mailto:`, or starts with `//`).
pub fn is_external(href: &str) -> bool {
    href.starts_with("//") || SCHEME.is_match(href)
}

/// The links and anchors of one output page, kept for the check once the page itself is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLinks {
    /// Output file (e.g. `kien-giang/index.html`).
    pub path: String,
    /// What made it.
    pub origin: Origin,
    /// Every distinct `href`/`src` value, entity-decoded, in first-seen order.
    pub hrefs: Vec<String>,
    /// The page's `id`s.
    pub ids: BTreeSet<String>,
}

/// The links and anchors of an output file (none for files other than HTML pages).
pub fn page_links(file: &OutputFile) -> PageLinks {
    let mut links = PageLinks {
        path: file.path.clone(),
        origin: file.origin,
        hrefs: Vec::new(),
        ids: BTreeSet::new(),
    };
    if file.path.ends_with(".html") {
        let text = crate::text::utf8_lossy(&file.bytes);
        let mut seen = HashSet::new();
        links.hrefs = hrefs(&text).filter(|h| seen.insert(h.clone())).collect();
        links.ids = anchors(&text);
    }
    links
}

/// Finds internal links (`href`/`src`) whose file or `#anchor` does not exist in `files`.
///
/// Relative links are resolved against the page that holds them; percent-encoded paths and
/// fragments are decoded; a link that leaves the base path (e.g. `/x/` on a site under `/ct/`) is broken.
pub fn check(files: &[OutputFile], base_path: &str) -> Vec<BrokenLink> {
    let pages: Vec<PageLinks> = files.par_iter().map(page_links).collect();
    let existing: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    check_pages(&pages, &|p| existing.contains(p), base_path)
}

/// Like [`check`], over pages' link lists and a test of which output files exist.
pub fn check_pages(
    pages: &[PageLinks],
    exists: &(dyn Fn(&str) -> bool + Sync),
    base_path: &str,
) -> Vec<BrokenLink> {
    let ids: BTreeMap<&str, &BTreeSet<String>> = pages
        .iter()
        .filter(|p| p.path.ends_with(".html"))
        .map(|p| (p.path.as_str(), &p.ids))
        .collect();
    let ids_of = |p: &str| ids.get(p).copied();
    pages.par_iter().flat_map_iter(|p| check_hrefs(p, base_path, exists, &ids_of)).collect()
}

/// The `id`s of an HTML page: what `#anchor` links to it may point at.
pub fn anchors(html: &str) -> BTreeSet<String> {
    attributes(&ID, html).map(|(_, v)| unescape(v)).collect()
}

/// Broken internal links of one output file, given which output files exist and the anchors of each page.
pub fn check_file<'a>(
    file: &OutputFile,
    base_path: &str,
    exists: &dyn Fn(&str) -> bool,
    ids: &dyn Fn(&str) -> Option<&'a BTreeSet<String>>,
) -> Vec<BrokenLink> {
    check_hrefs(&page_links(file), base_path, exists, ids)
}

/// Broken ones among the links of one page.
fn check_hrefs<'a>(
    page: &PageLinks,
    base_path: &str,
    exists: &dyn Fn(&str) -> bool,
    ids: &dyn Fn(&str) -> Option<&'a BTreeSet<String>>,
) -> Vec<BrokenLink> {
    let here = page_url(&page.path, base_path);
    page.hrefs
        .iter()
        .filter_map(|href| {
            let reason = match &here {
                Some(here) => resolve(href, here, base_path, exists, ids),
                None => Some("không đọc được địa chỉ trang".into()),
            };
            let (page, origin, href) = (page.path.clone(), page.origin, href.clone());
            reason.map(|reason| BrokenLink { page, origin, href, reason })
        })
        .collect()
}

/// URL of an output file as served: `a/index.html` under `/ct/` → `http://banhanh.invalid/ct/a/`.
fn page_url(page: &str, base_path: &str) -> Option<Url> {
    let site_path = page.strip_suffix("index.html").unwrap_or(page);
    Url::parse(&format!("{LOCAL_ORIGIN}{base_path}{site_path}")).ok()
}

fn resolve<'a>(
    href: &str,
    here: &Url,
    base_path: &str,
    exists: &dyn Fn(&str) -> bool,
    ids: &dyn Fn(&str) -> Option<&'a BTreeSet<String>>,
) -> Option<String> {
    if href.is_empty() || is_external(href) {
        return None;
    }
    // Plain site-absolute links (most of them) need no URL parsing.
    let plain = href.starts_with('/')
        && !href.starts_with("//")
        && !href.contains(['%', '?', '\\', '\t', '\n'])
        && !href.contains("/.");
    let (path, frag) = if plain {
        let (p, f) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f.to_string())));
        (p.to_string(), f)
    } else {
        let Ok(target) = here.join(href) else {
            return Some("địa chỉ không hợp lệ".into());
        };
        let path = percent_decode_str(target.path()).decode_utf8_lossy().into_owned();
        (path, target.fragment().map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned()))
    };
    let Some(site_path) =
        path.strip_prefix(base_path.trim_end_matches('/')).filter(|p| p.starts_with('/'))
    else {
        return Some(format!("ra ngoài đường dẫn gốc {base_path}"));
    };
    let mut file = file_for(site_path);
    if !exists(file.as_str()) {
        // `/a` is served as `/a/` when `a/index.html` exists.
        let dir = format!("{file}/index.html");
        if !exists(dir.as_str()) {
            return Some("trang không tồn tại".into());
        }
        file = dir;
    }
    if let Some(frag) = frag.filter(|f| !f.is_empty())
        && ids(file.as_str()).is_some_and(|ids| !ids.contains(&frag))
    {
        return Some(format!("không có mục #{frag} trong trang {}", site_path));
    }
    None
}

/// Decodes the character references an attribute value may hold (`&amp;`, `&#x2F;`, `&#39;`…).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);").expect("valid")
    });
    ENTITY
        .replace_all(s, |c: &regex::Captures<'_>| {
            let e = &c[1];
            let code = match e {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ if e.starts_with("#x") || e.starts_with("#X") => {
                    u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32)
                }
                _ => e[1..].parse().ok().and_then(char::from_u32),
            };
            code.map_or_else(|| c[0].to_string(), String::from)
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile::site_file(path, html.as_bytes().to_vec())
    }

    fn site(base: &str) -> Vec<OutputFile> {
        vec![
            file("index.html", r#"<a href="/ct/a/">a</a>"#),
            file("a/index.html", r#"<h2 id="muc-1">x</h2><h2 id="đ">y</h2>"#),
            file("a/2021/index.html", "<p>2021</p>"),
            file("static/style.css", ""),
        ]
        .into_iter()
        .map(|mut f| {
            f.bytes = String::from_utf8(f.bytes).unwrap().replace("/ct/", base).into_bytes();
            f
        })
        .collect()
    }

    fn broken_of(base: &str, page: &str, href: &str) -> Vec<String> {
        let mut files = site(base);
        files.push(file(page, &format!(r#"<a href="{href}">x</a>"#)));
        check(&files, base).into_iter().map(|b| format!("{} {}", b.href, b.reason)).collect()
    }

    #[test]
    fn relative_links_resolve_against_their_page() {
        assert!(broken_of("/", "a/b/index.html", "../2021/").is_empty());
        assert!(broken_of("/", "a/b/index.html", "../../a/#muc-1").is_empty());
        assert_eq!(
            broken_of("/", "a/b/index.html", "../2022/"),
            vec!["../2022/ trang không tồn tại"]
        );
        assert!(broken_of("/ct/", "a/b/index.html", "../2021/").is_empty());
    }

    #[test]
    fn anchors_on_other_pages_and_percent_encoding() {
        assert!(broken_of("/", "x/index.html", "/a/#muc-1").is_empty());
        assert!(broken_of("/", "x/index.html", "/a/#%C4%91").is_empty());
        assert!(broken_of("/", "x/index.html", "/%61/").is_empty());
        assert_eq!(
            broken_of("/", "x/index.html", "/a/#muc-2"),
            vec!["/a/#muc-2 không có mục #muc-2 trong trang /a/"]
        );
        assert_eq!(
            broken_of("/", "x/index.html", "#nowhere"),
            vec!["#nowhere không có mục #nowhere trong trang /x/"]
        );
    }

    #[test]
    fn links_leaving_the_base_path_are_broken() {
        assert_eq!(
            broken_of("/ct/", "x/index.html", "/a/"),
            vec!["/a/ ra ngoài đường dẫn gốc /ct/"]
        );
        assert_eq!(
            broken_of("/ct/", "a/index.html", "../../"),
            vec!["../../ ra ngoài đường dẫn gốc /ct/"]
        );
        assert!(broken_of("/ct/", "x/index.html", "/ct/a/").is_empty());
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            unescape("&#x2F;a&#47;b?x=1&amp;y=&quot;&#39;&unknown;"),
            "/a/b?x=1&y=\"'&unknown;"
        );
        assert!(broken_of("/", "x/index.html", "&#x2F;a&#x2F;").is_empty());
    }

    #[test]
    fn external_and_special_links_are_skipped() {
        for href in [
            "https://example.org/x",
            "//cdn.example.org/a.js",
            "mailto:a@b.vn",
            "tel:+84",
            "data:,x",
        ] {
            assert!(broken_of("/", "x/index.html", href).is_empty(), "{href}");
        }
    }
}

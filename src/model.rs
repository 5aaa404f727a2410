//! The data model every stage shares: a parsed document, its metadata, and the linked site.

use crate::stash::Stash;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Validated frontmatter of one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Meta {
    pub title: String,
    /// Canonical document type name from `data/document-types.yaml`.
    pub doc_type: String,
    /// Canonical province name from `data/provinces.yaml`.
    pub province: String,
    pub issuer: String,
    pub issued: Option<NaiveDate>,
    pub year: i32,
    pub number: Option<String>,
    pub signer: Option<String>,
    pub effective: Option<NaiveDate>,
    pub summary: Option<String>,
    pub draft: bool,
    pub fields: Vec<String>,
    pub implements: Vec<DocRef>,
    /// `targets:` entries that add or correct targets read from the body.
    pub targets: Vec<crate::extract::TargetEntry>,
}

/// A reference to another document by number, and date or year when known (an `implements` entry).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRef {
    /// Số hiệu as written (`01/NQ-CP`, `64-KL/TW`).
    pub number: String,
    /// Date it was issued, when the editor knows it.
    pub date: Option<NaiveDate>,
    /// Its year, when given without a date (`year:`); else the date's year.
    pub year: Option<i32>,
    /// Its title, when given.
    pub title: Option<String>,
    /// 1-based line of the entry in the source file.
    pub line: usize,
}

/// A heading of a document body with its stable anchor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// Plain text of one section of a body (text under a heading), for search.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Section {
    /// Anchor of the heading that opens the section; empty for text before the first heading.
    pub anchor: String,
    pub heading: String,
    pub text: Stash,
}

/// A citation of another document found in a body ("Nghị quyết số 01/NQ-CP ngày 05/01/2024").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    /// The kind word as written ("Nghị quyết").
    pub kind: String,
    pub number: String,
    pub date: Option<NaiveDate>,
    /// Province named in the citation's sentence, if any (canonical name).
    pub province_hint: Option<String>,
    /// The issuer written after it ("… của Chính phủ"), as written.
    pub issuer: Option<String>,
    /// The subject written after it ("… về nhiệm vụ, giải pháp chủ yếu …"), with its "về".
    pub subject: Option<String>,
    /// The citation text as written.
    pub text: String,
    /// 1-based line in the source file.
    pub line: usize,
}

/// The rendered body of a document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Body {
    /// Sanitised HTML; citations are placeholders, filled in when the page is rendered
    /// ([`crate::render::document::body_html`]).
    pub html: Stash,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub citations: Vec<Citation>,
    /// Accessibility warnings about the body, at their lines.
    pub lints: Vec<Lint>,
    /// Links written in the body (Markdown or HTML) as written (`/kien-giang/2021/…`, `../2021/`,
    /// `#muc`, `https://…`), with their lines.
    pub links: Vec<(String, usize)>,
    /// Targets and tasks read from the body ([`crate::extract`]).
    pub plan: crate::extract::Plan,
}

/// Something in a body worth a warning (an image without a description, a vague link text…).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Lint {
    /// 1-based line in the source file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// One content file, parsed and validated.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Path relative to the site root, with `/` separators (e.g. `content/a.md`).
    pub source: String,
    /// File stem, used for identity and URL when there is no number.
    pub stem: String,
    pub meta: Meta,
    /// 1-based line where the body starts in the source file.
    pub body_line: usize,
    /// Where the identity is written (the `number:` value, else `year:`), for duplicate errors.
    pub identity_at: (usize, usize),
    /// What was noticed about the file that still builds (shown by `build` and `check`).
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
    /// Site path of the document page, e.g. `/kien-giang/2021/22-kh-ubnd/`.
    pub path: String,
    pub body: Body,
}

/// Site settings from `site.yaml` and the command line.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute base URL ending in `/`, e.g. `https://example.org/ct/`.
    pub base_url: String,
    /// Path part of the base URL, starting and ending with `/` (e.g. `/ct/`).
    pub base_path: String,
    pub theme: Option<String>,
    pub root: PathBuf,
}

/// Where a citation or `implements` entry points.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A document of this site, by index in `Site::documents`.
    Document(usize),
    /// A cited-document hub, by its site path.
    Hub(String),
}

/// A page for a cited document that is not itself on the site.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hub {
    pub path: String,
    pub number: String,
    pub year: i32,
    /// Province for provincial numbers (UBND, HĐND, TU…), None for central ones.
    pub province: Option<String>,
    /// Best known label, e.g. "Nghị quyết số 01/NQ-CP ngày 05/01/2024".
    pub label: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// Documents implementing or citing it (indices, sorted).
    pub cited_by: Vec<usize>,
    /// Its kind from the number's type code or the citations ("Nghị quyết").
    pub kind: Option<String>,
    /// Issuing body: the central data file's, else named from the number's code ("Chính phủ").
    pub issuer: Option<String>,
    /// Subject with its "về": the data file's title, else the most common form in citations.
    pub subject: Option<String>,
    /// Official link to the text, from the central data file.
    pub link: Option<String>,
    /// Documents implementing it, by an `implements` entry or a citation in their title (central
    /// documents only; indices, sorted).
    pub implemented_by: Vec<usize>,
}

/// Links resolved for one document.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DocLinks {
    /// Target for each `implements` entry, in order; None when an undated entry matches no one
    /// document or hub.
    pub implements: Vec<Option<Target>>,
    /// Distinct targets of body citations, in first-seen order, with a label.
    pub cites: Vec<(Target, String)>,
    /// Documents that implement or cite this one (indices, sorted).
    pub cited_by: Vec<usize>,
    /// Target of each body citation (same order as `Body::citations`); None when unresolved.
    pub citations: Vec<Option<Target>>,
    /// For a central document: the documents implementing it, as [`Hub::implemented_by`].
    pub implemented_by: Vec<usize>,
}

/// Orders documents newest first (issued date, then year, then title, then path): deterministic.
pub fn newest_first(a: &Document, b: &Document) -> std::cmp::Ordering {
    b.meta
        .issued
        .cmp(&a.meta.issued)
        .then(b.meta.year.cmp(&a.meta.year))
        .then(a.meta.title.cmp(&b.meta.title))
        .then(a.path.cmp(&b.path))
}

/// The whole linked site: documents, hubs and backlinks, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    /// Published documents, sorted by path.
    pub documents: Vec<Document>,
    /// Links per document, same order as `documents`.
    pub links: Vec<DocLinks>,
    /// Hubs by site path.
    pub hubs: BTreeMap<String, Hub>,
    /// Scratch file the build sets large texts and search postings aside in (None: all in memory).
    #[serde(skip)]
    pub spill: Option<std::sync::Arc<crate::stash::SpillFile>>,
}

impl Site {
    /// Site path a target points to: the document's page or the hub.
    pub fn target_path<'a>(&'a self, target: &'a Target) -> &'a str {
        match target {
            Target::Document(i) => &self.documents[*i].path,
            Target::Hub(p) => p,
        }
    }
}

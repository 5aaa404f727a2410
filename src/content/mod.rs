//! Stage 1–2: discover content files, split and validate their frontmatter.

pub mod cache;
pub mod discover;
pub mod frontmatter;
pub mod locate;
pub mod validate;

use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::{Body, Document, Meta};
use crate::text::nfc;
pub use discover::{Source, discover};

/// A content file whose frontmatter is valid, before its body is rendered.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: String,
    pub stem: String,
    pub meta: Meta,
    pub markdown: String,
    pub body_line: usize,
    /// Where the identity is written: the `number:` value, else the `year:` value (line, column).
    pub identity_at: (usize, usize),
    /// What the frontmatter says that builds but deserves a look.
    pub warnings: Vec<Diagnostic>,
}

impl Parsed {
    /// Turns the parsed file into a document with its rendered body and its page's path; the
    /// body's accessibility notes become warnings of the file.
    pub fn into_document(self, body: Body) -> Document {
        let mut warnings = self.warnings;
        warnings.extend(body.lints.iter().map(|l| {
            Diagnostic::warning(&self.source, l.line, l.column, &l.message).with_help(&l.help)
        }));
        let leaf = self.meta.number.as_deref().unwrap_or(&self.stem);
        let path = crate::urls::document(&self.meta.province, self.meta.year, leaf);
        Document {
            source: self.source,
            stem: self.stem,
            meta: self.meta,
            body_line: self.body_line,
            identity_at: self.identity_at,
            warnings,
            path,
            body,
        }
    }
}

/// Reads, decodes (UTF-8, NFC, LF) and validates one content file.
pub fn parse_file(source: &Source, catalog: &Catalog) -> Result<Parsed, Vec<Diagnostic>> {
    let bytes = std::fs::read(&source.abs).map_err(|e| {
        vec![Diagnostic::error(&source.rel, 0, 0, format!("không đọc được tệp: {e}"))]
    })?;
    parse_bytes(&source.rel, &bytes, catalog)
}

/// Validates the bytes of a content file at `rel` (relative path, used for messages and identity).
pub fn parse_bytes(rel: &str, bytes: &[u8], catalog: &Catalog) -> Result<Parsed, Vec<Diagnostic>> {
    let text = frontmatter::decode(rel, bytes).map_err(|d| vec![d])?;
    let text = nfc(&text);
    let split = frontmatter::split(rel, &text).map_err(|d| vec![d])?;
    let map = frontmatter::parse(rel, &split).map_err(|d| vec![d])?;
    let loc = locate::Locator::new(split.yaml, split.yaml_line);
    let meta = validate::validate(rel, &map, &loc, catalog)?;
    let stem = rel.rsplit('/').next().unwrap_or(rel).trim_end_matches(".md").to_string();
    let identity_at = loc.key(if meta.number.is_some() { "number" } else { "year" });
    let mut warnings = Vec::new();
    if let Some(unit) = catalog.merged_away(&meta.province, meta.issued, meta.year) {
        let advice = catalog.merged_away_warning(&meta.province, unit, meta.issued, meta.year);
        let (line, col) = loc.key("province");
        warnings.push(Diagnostic::warning(rel, line, col, advice.message).with_help(advice.help));
    }
    Ok(Parsed {
        source: rel.to_string(),
        stem,
        meta,
        markdown: split.body.to_string(),
        body_line: split.body_line,
        identity_at,
        warnings,
    })
}

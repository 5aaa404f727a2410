//! `banhanh import`: turns a scraped official text into a draft Markdown document with frontmatter.
//!
//! source (clean, portal, repeats, cells, glued words) → rebuild (lines → paragraphs, tables) →
//! header → detect (metadata) → blocks (headings, lists, signature) → Markdown. Everything not
//! detected is a `TODO`.
//!
//! Below the stages, the words they share: `lines` (a line of the scraped text), `chunks`
//! (paragraphs and tables), `shape` (capitals, clause endings), `header_lines` (what a line of
//! the header is), `field` (a value or its TODO) and `inputs` (what the detector reads).

pub mod blocks;
pub mod cells;
pub mod chunks;
pub mod detect;
pub mod field;
pub mod glue;
pub mod header;
pub mod header_lines;
pub mod inputs;
pub mod lines;
pub mod numbers;
pub mod opening;
pub mod portal;
pub mod rebuild;
pub mod rules;
pub mod shape;
pub mod source;
pub mod tables;
pub mod title;

use crate::data::Catalog;
use crate::markdown::citations::CitationFinder;
use crate::text::nfc;
use detect::Detected;
use field::Field;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A draft document: detected metadata and the rebuilt Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub meta: Detected,
    /// Markdown body, starting with an HTML comment of what the importer changed or dropped.
    pub body: String,
}

/// Imports a scraped text (any line endings, NFC or not).
pub fn import(text: &str, catalog: &Catalog) -> Draft {
    let finder = CitationFinder::new(catalog);
    let prepared = source::prepare(text, catalog);
    let chunks = rebuild::join(&prepared.lines, catalog);
    let header = header::header(&chunks, catalog);
    let body_chunks = &chunks[header.end.min(chunks.len())..];
    let blocks = blocks::structure(body_chunks);
    let meta = detect::detect(&inputs::Inputs {
        header: &header,
        portal: &prepared.portal,
        body: body_chunks,
        blocks: &blocks,
        catalog,
        finder: &finder,
    });
    let mut notes = prepared.notes.clone();
    if !header.lines.is_empty() {
        notes.insert(
            0,
            format!("Phần đầu văn bản đã chuyển vào frontmatter:\n  {}", header.lines.join("\n  ")),
        );
    }
    notes.extend(meta.notes.iter().cloned());
    if !meta.undated.is_empty() {
        notes.push(format!(
            "Văn bản được thực hiện nhưng không ghi ngày (implements không có date): {}.",
            meta.undated.join(", ")
        ));
    }
    let mut body = String::new();
    if !notes.is_empty() {
        body.push_str(&format!(
            "<!--\nbanhanh import:\n{}\n-->\n\n",
            notes.join("\n").replace("--", "–")
        ));
    }
    body.push_str(&blocks::to_markdown(&blocks));
    Draft { meta, body: nfc(&body) }
}

impl Draft {
    /// The whole draft file: frontmatter between `---` fences, then the body.
    pub fn to_markdown(&self) -> String {
        let m = &self.meta;
        let mut y = String::from("---\n");
        field(&mut y, "title", &m.title, |s| quote(s));
        field(&mut y, "type", &m.doc_type, |s| plain(s));
        field(&mut y, "province", &m.province, |s| plain(s));
        field(&mut y, "issuer", &m.issuer, |s| plain(s));
        field(&mut y, "number", &m.number, |s| plain(s));
        field(&mut y, "issued", &m.issued, |d| d.format("%Y-%m-%d").to_string());
        field(&mut y, "year", &m.year, |n| n.to_string());
        field(&mut y, "signer", &m.signer, |s| plain(s));
        if let Some(d) = m.effective {
            y.push_str(&format!("effective: {}\n", d.format("%Y-%m-%d")));
        }
        if !m.fields.is_empty() {
            let list: Vec<String> = m.fields.iter().map(|f| quote(f)).collect();
            y.push_str(&format!("fields: [{}]\n", list.join(", ")));
        }
        if !m.implements.is_empty() || !m.undated.is_empty() {
            y.push_str("implements:\n");
            for (n, d) in &m.implements {
                y.push_str(&format!(
                    "  - number: {}\n    date: {}\n",
                    plain(n),
                    d.format("%Y-%m-%d")
                ));
            }
            // Cited without a date: listed, linked when the site knows the one document.
            for n in &m.undated {
                y.push_str(&format!("  - number: {}\n", plain(n)));
            }
        }
        y.push_str("---\n\n");
        nfc(&(y + &self.body))
    }

    /// Names of the frontmatter keys still marked TODO.
    pub fn todos(&self) -> Vec<&'static str> {
        let m = &self.meta;
        let mut out = Vec::new();
        let mut check = |name: &'static str, todo: bool| {
            if todo {
                out.push(name);
            }
        };
        check("title", m.title.found().is_none());
        check("type", m.doc_type.found().is_none());
        check("province", m.province.found().is_none());
        check("issuer", m.issuer.found().is_none());
        check("number", m.number.found().is_none());
        check("issued", m.issued.found().is_none());
        check("year", m.year.found().is_none());
        check("signer", m.signer.found().is_none());
        out
    }
}

fn field<T>(y: &mut String, key: &str, f: &Field<T>, show: impl Fn(&T) -> String) {
    match f {
        Field::Found(v) => y.push_str(&format!("{key}: {}\n", show(v))),
        Field::Todo(why) => y.push_str(&format!("{key}: {}\n", quote(why))),
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A plain YAML scalar when that is unambiguous, else a quoted one.
fn plain(s: &str) -> String {
    let safe = s.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['"', '\'', '\n', '[', ']', '{', '}', ','])
        && s.parse::<f64>().is_err()
        && !matches!(
            s.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off"
        );
    if safe { s.to_string() } else { quote(s) }
}

/// Why an import could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("không đọc được tệp {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    NotText(crate::diagnostics::Diagnostic),
    #[error(
        "tệp {path} đã có, không ghi đè\n  gợi ý: chọn tên tệp khác cho --out, hoặc xóa tệp cũ nếu thật sự muốn thay nó"
    )]
    Exists { path: PathBuf },
    #[error("không ghi được tệp {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// Reads a scraped text file (UTF-8, the error names the line and column of a bad byte).
pub fn read_source(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path)
        .map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    crate::content::frontmatter::decode(&path.display().to_string(), &bytes)
        .map_err(ImportError::NotText)
}

/// Writes `text` to a new file at `path`, refusing to overwrite an existing one.
pub fn write_new(path: &Path, text: &str) -> Result<(), ImportError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|source| ImportError::Write { path: path.to_path_buf(), source })?;
    }
    let mut f =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                ImportError::Exists { path: path.to_path_buf() }
            } else {
                ImportError::Write { path: path.to_path_buf(), source }
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|source| ImportError::Write { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_quoted_scalars() {
        assert_eq!(plain("22/KH-UBND"), "22/KH-UBND");
        assert_eq!(plain("Kế hoạch"), "Kế hoạch");
        assert_eq!(plain("2024"), "\"2024\"");
        assert_eq!(plain("a: b"), "\"a: b\"");
        assert_eq!(quote("TODO: x \"y\""), "\"TODO: x \\\"y\\\"\"");
    }
}

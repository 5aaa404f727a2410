//! `banhanh new`: a new document with valid frontmatter in the right folder, or a new site folder.

use crate::content::parse_bytes;
use crate::data::{Catalog, province_slug};
use crate::diagnostics::Diagnostic;
use crate::model::Body;
use crate::text::{fold, nfc, slugify};
use std::io::Write;
use std::path::{Path, PathBuf};

const EXAMPLE_DOC: &str = include_str!("../data/new-site/01-ctr-ubnd.md");
const EXAMPLE_SITE: &str = include_str!("../data/new-site/site.yaml");

/// What the editor asked for on the command line.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Province as typed (any tone-mark placement or case).
    pub province: String,
    /// Document type as typed.
    pub doc_type: String,
    /// Plan year.
    pub year: i32,
    /// Số hiệu, when the document has one.
    pub number: Option<String>,
    /// Title; "<type> năm <year>" when not given.
    pub title: Option<String>,
}

/// A document just written.
#[derive(Debug, Clone)]
pub struct Created {
    /// The file written.
    pub file: PathBuf,
    /// Where the page will be, e.g. `/vinh-long/2025/22-kh-ubnd/`.
    pub url: String,
    /// What `check` will say about it (a province merged away before its year…), by option.
    pub warnings: Vec<Diagnostic>,
}

/// Why `new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
    #[error("lỗi: {0} đã có, không ghi đè\n  gợi ý: sửa tệp đó, hoặc dùng --number/--title khác")]
    Exists(PathBuf),
    #[error(
        "lỗi: trùng văn bản với {existing}: cùng địa chỉ trang {url}\n  \
         gợi ý: sửa tệp {existing} thay vì tạo tệp mới"
    )]
    Duplicate { existing: String, url: String },
    #[error("lỗi: {0} đã có và không trống\n  gợi ý: chọn một thư mục mới")]
    NotEmpty(PathBuf),
    #[error("lỗi: không ghi được {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// Writes `root/content/<province>/<year>/<number or title slug>.md`, refusing to overwrite anything.
pub fn new_document(
    root: &Path,
    req: &NewDocument,
    catalog: &Catalog,
) -> Result<Created, NewError> {
    let flag = |name: &str, msg: String, help: Option<String>| {
        let d = Diagnostic::error(&format!("--{name}"), 0, 0, msg);
        NewError::Invalid(vec![match help {
            Some(h) => d.with_help(h),
            None => d,
        }])
    };
    let province = catalog
        .resolve_province(&req.province)
        .map_err(|e| flag("province", e.message, Some(e.help)))?
        .to_string();
    let doc_type = catalog
        .resolve_type(&req.doc_type)
        .map_err(|e| flag("type", e.message, Some(e.help)))?
        .name
        .clone();
    let number = req.number.as_deref().map(|n| nfc(n.trim())).filter(|n| !n.is_empty());
    let title = req
        .title
        .as_deref()
        .map(|t| nfc(t.trim()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("{doc_type} năm {}", req.year));
    let (text, keys) = frontmatter(
        &title,
        &doc_type,
        &province,
        &issuer(catalog, &province),
        req.year,
        number.as_deref(),
    );

    let stem = slugify(number.as_deref().unwrap_or(&title));
    let rel = format!("content/{}/{}/{stem}.md", province_slug(&province), req.year);
    // Messages about the generated frontmatter name the option that gave the value.
    let by_option = |mut d: Diagnostic| {
        let key =
            keys.iter().find(|(_, line)| *line == d.line).map_or("title", |(k, _)| k.as_str());
        d.path = format!("--{key}");
        d.line = 0;
        d.column = 0;
        d
    };
    let parsed = parse_bytes(&rel, text.as_bytes(), catalog)
        .map_err(|ds| NewError::Invalid(ds.into_iter().map(by_option).collect()))?;
    let document = parsed.into_document(Body::default());
    let (path, warnings) = (document.path, document.warnings.into_iter().map(by_option).collect());
    let file = root.join(&rel);
    if file.exists() {
        return Err(NewError::Exists(file));
    }
    let loaded = crate::load(root, catalog, crate::LoadOptions::default());
    if let Some(d) = loaded.site.documents.iter().find(|d| d.path == path) {
        return Err(NewError::Duplicate { existing: d.source.clone(), url: path });
    }
    write_new(&file, text.as_bytes())?;
    let url = crate::urls::absolute(&loaded.site.config.base_url, &path);
    Ok(Created { file, url, warnings })
}

/// Creates a site folder: `site.yaml` and `content/` with one example document that builds.
pub fn new_site(dir: &Path, _catalog: &Catalog) -> Result<PathBuf, NewError> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|source| NewError::Io { path: dir.to_path_buf(), source })?
            .next()
            .is_some()
    {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    let doc = dir.join("content/vinh-phuc/2025/01-ctr-ubnd.md");
    write_new(&dir.join("site.yaml"), EXAMPLE_SITE.as_bytes())?;
    write_new(&doc, EXAMPLE_DOC.as_bytes())?;
    Ok(doc)
}

/// The frontmatter and a body placeholder, with the line of each key (for messages about flags).
fn frontmatter(
    title: &str,
    doc_type: &str,
    province: &str,
    issuer: &str,
    year: i32,
    number: Option<&str>,
) -> (String, Vec<(String, usize)>) {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut lines = vec!["---".to_string()];
    let mut keys = Vec::new();
    let mut key = |lines: &mut Vec<String>, k: &str, v: String| {
        lines.push(format!("{k}: {v}"));
        keys.push((k.to_string(), lines.len()));
    };
    key(&mut lines, "title", q(title));
    key(&mut lines, "type", q(doc_type));
    key(&mut lines, "province", q(province));
    key(&mut lines, "issuer", q(issuer));
    if let Some(n) = number {
        key(&mut lines, "number", q(n));
    }
    key(&mut lines, "year", year.to_string());
    lines.push("# issued: YYYY-MM-DD   (ngày ban hành, nếu văn bản gốc có)".into());
    lines.push("# signer: \"…\"          (người ký)".into());
    lines.push("# implements:          (văn bản được thực hiện)".into());
    lines.push("#   - number: 01/NQ-CP".into());
    lines.push("#     date: YYYY-MM-DD".into());
    lines.push("---".into());
    lines.push(String::new());
    lines.push("<!-- Nội dung văn bản viết ở đây, bằng Markdown (## cho đề mục). -->".into());
    (lines.join("\n") + "\n", keys)
}

/// "Ủy ban nhân dân tỉnh Vĩnh Long", or "Ủy ban nhân dân Thành phố Hồ Chí Minh" when the name
/// carries its kind.
fn issuer(catalog: &Catalog, province: &str) -> String {
    let kind = catalog
        .before_2025
        .iter()
        .find(|p| p.name == province)
        .map(|p| p.kind.as_str())
        .or_else(|| catalog.after_2025.iter().find(|p| p.name == province).map(|p| p.kind.as_str()))
        .unwrap_or("tỉnh");
    if fold(province).starts_with(&fold(kind)) {
        format!("Ủy ban nhân dân {province}")
    } else {
        format!("Ủy ban nhân dân {kind} {province}")
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    let io = |source| NewError::Io { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut f =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                NewError::Exists(path.to_path_buf())
            } else {
                io(e)
            }
        })?;
    f.write_all(bytes).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_names_the_kind_once() {
        let c = Catalog::load();
        assert_eq!(issuer(&c, "Vĩnh Long"), "Ủy ban nhân dân tỉnh Vĩnh Long");
        assert_eq!(issuer(&c, "Thành phố Hồ Chí Minh"), "Ủy ban nhân dân Thành phố Hồ Chí Minh");
    }

    #[test]
    fn generated_frontmatter_is_valid() {
        let c = Catalog::load();
        let (text, keys) = frontmatter(
            "Kế hoạch: \"năm\" 2025",
            "Kế hoạch",
            "Vĩnh Long",
            "Ủy ban nhân dân tỉnh Vĩnh Long",
            2025,
            Some("22/KH-UBND"),
        );
        let p = parse_bytes("content/a.md", text.as_bytes(), &c).unwrap();
        assert_eq!(p.meta.title, "Kế hoạch: \"năm\" 2025");
        assert_eq!(p.meta.number.as_deref(), Some("22/KH-UBND"));
        assert_eq!(keys[0], ("title".to_string(), 2));
    }
}

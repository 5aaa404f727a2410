//! The theme: Tera templates and static files, the default one embedded, overridable per site.

use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Errors loading a theme.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("không tìm thấy giao diện (theme) \"{0}\" trong thư mục themes/")]
    Missing(String),
    #[error("lỗi mẫu trang (template) {name}: {message}")]
    Template { name: String, message: String },
    #[error("không đọc được {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

/// A loaded theme: compiled templates and the static files to copy.
pub struct Theme {
    pub tera: Tera,
    /// Static files by output path relative to the site root (e.g. `static/style.css`).
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// Loads the embedded default theme, overlaid with `root/themes/<name>/` when a theme is named.
pub fn load(root: &Path, theme: Option<&str>) -> Result<Theme, ThemeError> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut templates, &mut assets);
    if let Some(name) = theme.filter(|n| *n != "default" || root.join("themes/default").is_dir()) {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            return Err(ThemeError::Missing(name.to_string()));
        }
        for entry in
            walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::content::discover::rel_path(&dir, entry.path());
            let bytes = std::fs::read(entry.path())
                .map_err(|source| ThemeError::Io { path: rel.clone(), source })?;
            if let Some(t) = rel.strip_prefix("templates/") {
                templates.insert(t.to_string(), String::from_utf8_lossy(&bytes).into_owned());
            } else if rel.starts_with("static/") {
                assets.insert(rel, bytes);
            }
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::text::escape_html);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| ThemeError::Template { name: "…".into(), message: error_chain(&e) })?;
    Ok(Theme { tera, assets })
}

fn collect_embedded(
    dir: &Dir<'_>,
    templates: &mut BTreeMap<String, String>,
    assets: &mut BTreeMap<String, Vec<u8>>,
) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        if let Some(t) = rel.strip_prefix("templates/") {
            templates.insert(t.to_string(), String::from_utf8_lossy(f.contents()).into_owned());
        } else if rel.starts_with("static/") {
            assets.insert(rel, f.contents().to_vec());
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, templates, assets);
    }
}

/// A Tera error with its causes, on one line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

//! Site settings: `site.yaml` (optional) merged with command-line overrides.

use crate::content::frontmatter::{self, Split, Value, scalar_text};
use crate::data::Catalog;
use crate::diagnostics::Diagnostic;
use crate::model::SiteConfig;
use std::path::Path;

const KEYS: [&str; 4] = ["title", "base_url", "description", "theme"];

/// Reads `root/site.yaml` (if present) and applies `base_url_override`.
pub fn load(
    root: &Path,
    base_url_override: Option<&str>,
    catalog: &Catalog,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join("site.yaml");
    let mut config = SiteConfig::defaults(root, catalog);
    let mut errors = Vec::new();
    if path.is_file() {
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![Diagnostic::error("site.yaml", 0, 0, format!("không đọc được: {e}"))]
        })?;
        let text = frontmatter::decode("site.yaml", &bytes).map_err(|d| vec![d])?;
        let text = crate::text::nfc(&text);
        if !text.trim().is_empty() {
            let split = Split { yaml: &text, yaml_line: 1, body: "", body_line: 0 };
            let map = frontmatter::parse("site.yaml", &split).map_err(|d| vec![d])?;
            let loc = crate::content::locate::Locator::new(&text, 1);
            for (k, v) in &map {
                let key = scalar_text(k).unwrap_or_default();
                let value = match v {
                    Value::Null => None,
                    other => scalar_text(other),
                };
                match (key.as_str(), value) {
                    ("title", Some(s)) => config.title = s,
                    ("description", Some(s)) => config.description = s,
                    ("base_url", Some(s)) => config.base_url = s,
                    ("theme", Some(s)) => config.theme = Some(s),
                    (k, None) if KEYS.contains(&k) => {}
                    (k, _) => {
                        let (line, col) = loc.key_name(k);
                        errors.push(
                            Diagnostic::error(
                                "site.yaml",
                                line,
                                col,
                                format!("khóa không hợp lệ `{k}`"),
                            )
                            .with_help(format!("các khóa hợp lệ: {}", KEYS.join(", "))),
                        );
                    }
                }
            }
        }
    }
    if let Some(b) = base_url_override {
        config.base_url = b.to_string();
    }
    match normalise_base(&config.base_url) {
        Some((url, path)) => {
            config.base_url = url;
            config.base_path = path;
        }
        None => errors.push(
            Diagnostic::error(
                "site.yaml",
                0,
                0,
                format!("base_url không hợp lệ: {}", config.base_url),
            )
            .with_help("ví dụ: https://example.org/ct/ hoặc /ct/"),
        ),
    }
    if errors.is_empty() { Ok(config) } else { Err(errors) }
}

impl SiteConfig {
    /// The settings of a site at `root` without a `site.yaml`: served at `/`, the default title.
    pub fn defaults(root: &Path, catalog: &Catalog) -> SiteConfig {
        SiteConfig {
            title: catalog.ui_str("site_title"),
            description: catalog.ui_str("site_description"),
            base_url: "/".into(),
            base_path: "/".into(),
            theme: None,
            root: root.to_path_buf(),
        }
    }
}

/// Splits a base URL into (URL ending in `/`, its path part starting and ending in `/`).
pub fn normalise_base(base: &str) -> Option<(String, String)> {
    let base = base.trim();
    let mut url = base.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    if url.chars().any(char::is_whitespace) {
        return None;
    }
    if url.starts_with('/') {
        return Some((url.clone(), url));
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let slash = rest.find('/')?;
    if slash == 0 {
        return None;
    }
    let path = rest[slash..].to_string();
    Some((url, path))
}

#[cfg(test)]
mod tests {
    use super::normalise_base;

    #[test]
    fn base_paths() {
        assert_eq!(
            normalise_base("https://example.org/ct"),
            Some(("https://example.org/ct/".into(), "/ct/".into()))
        );
        assert_eq!(
            normalise_base("https://example.org"),
            Some(("https://example.org/".into(), "/".into()))
        );
        assert_eq!(normalise_base("/"), Some(("/".into(), "/".into())));
        assert_eq!(normalise_base("ftp:x"), None);
    }
}

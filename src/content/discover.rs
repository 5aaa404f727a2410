//! Finds the content files of a site: every `.md` file under `content/`, in a stable order.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One content file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the site root, `/`-separated, e.g. `content/vinh-long/89.md`.
    pub rel: String,
    pub abs: PathBuf,
}

/// Lists the Markdown files under `root/content`, sorted; warns about files that would be ignored.
pub fn discover(root: &Path) -> (Vec<Source>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    if !content.is_dir() {
        warnings.push(
            Diagnostic::error("content", 0, 0, "không tìm thấy thư mục content/")
                .with_help(format!("tạo thư mục {} và đặt các tệp .md vào đó", content.display())),
        );
        return (sources, warnings);
    }
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path =
                    err.path().map(|p| rel_path(root, p)).unwrap_or_else(|| "content".into());
                warnings.push(Diagnostic::error(&path, 0, 0, format!("không đọc được: {err}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".md") {
            sources.push(Source { rel, abs: entry.path().to_path_buf() });
        } else if !is_editor_temp(&name) {
            warnings.push(
                Diagnostic::warning(&rel, 0, 0, "tệp này không phải .md nên không được xuất bản")
                    .with_help("đổi đuôi tệp thành .md nếu đây là một văn bản"),
            );
        }
    }
    (sources, warnings)
}

/// Path of `path` relative to `root`, with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Backup and swap files editors leave behind while saving.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#")
        || name.starts_with('#')
}

//! `banhanh import`: a draft document from text copied out of a legal portal.

use anyhow::Result;
use banhanh::data::Catalog;
use std::process::ExitCode;

/// Writes the draft to `out` (or standard output) and names what is left to fill in.
pub fn run_import(
    file: &std::path::Path,
    out: Option<&std::path::Path>,
    catalog: &Catalog,
) -> Result<ExitCode> {
    use banhanh::import;
    let text = match import::read_source(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("lỗi: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let draft = import::import(&text, catalog);
    let markdown = draft.to_markdown();
    match out {
        None => print!("{markdown}"),
        Some(path) => {
            if let Err(e) = import::write_new(path, &markdown) {
                eprintln!("lỗi: {e}");
                return Ok(ExitCode::from(1));
            }
            eprintln!("Đã ghi bản nháp → {}", path.display());
        }
    }
    let todos = draft.todos();
    if !todos.is_empty() {
        eprintln!("Còn {} mục TODO cần điền theo văn bản gốc: {}", todos.len(), todos.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

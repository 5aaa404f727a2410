//! `banhanh search`: the site's tantivy index queried from the terminal.

use anyhow::Result;
use banhanh::data::Catalog;
use banhanh::search::Mode as SearchMode;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Prints the best matches of `query` (as JSON with `json`), with a suggestion when a word
/// matches nothing.
pub fn search(
    root: &std::path::Path,
    catalog: &Catalog,
    query: &str,
    mode: SearchMode,
    filters: &banhanh::search::rank::Filters,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    use banhanh::search;
    if !root.join("content").is_dir() {
        eprintln!(
            "lỗi: không có thư mục {}\n  gợi ý: chạy lệnh trong thư mục trang hoặc dùng --root DIR",
            root.join("content").display()
        );
        return Ok(ExitCode::from(1));
    }
    let load = || banhanh::load(root, catalog, banhanh::LoadOptions::default()).site;
    let (index, _) = search::cache::open(root, load);
    let out = search::search(&index, query, mode, filters, limit)?;
    let suggestion = out.suggestion.as_ref().map(|s| format!("Có phải bạn muốn tìm: {s}"));
    if json {
        if let Some(s) = &suggestion {
            eprintln!("{s}");
        }
        println!("{}", serde_json::to_string_pretty(&out.results)?);
        return Ok(ExitCode::SUCCESS);
    }
    if out.results.is_empty() {
        println!("Không tìm thấy văn bản nào cho \"{query}\".");
    }
    if let Some(s) = &suggestion {
        println!("{s}\n");
    }
    if out.results.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    println!("{} văn bản phù hợp với \"{query}\" (hiện {}):\n", out.total, out.results.len());
    for (i, r) in out.results.iter().enumerate() {
        let snippet: String = r
            .pieces
            .iter()
            .map(|p| match (p.marked, bold) {
                (true, true) => format!("\x1b[1m{}\x1b[0m", p.text),
                (true, false) => format!("«{}»", p.text),
                _ => p.text.clone(),
            })
            .collect();
        println!("{}. {}", i + 1, r.title);
        println!(
            "   {} · {} · {}{}",
            r.province,
            r.year,
            r.doc_type,
            r.number.as_ref().map(|n| format!(" · số {n}")).unwrap_or_default()
        );
        println!("   {}", r.url);
        println!("   {snippet}\n");
    }
    Ok(ExitCode::SUCCESS)
}

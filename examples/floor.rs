//! The benchmark floor: a bare sequential "serde_yaml + pulldown-cmark into HTML files" pass.
//!
//! `floor CONTENT_DIR OUT_DIR` reads every `.md` file, parses its frontmatter with serde_yaml,
//! renders the body with pulldown-cmark and writes one HTML file per document. No validation,
//! linking, templates or parallelism: what any generator must at least do.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (content, out) = (Path::new(&args[1]), Path::new(&args[2]));
    std::fs::create_dir_all(out).unwrap();
    let mut n = 0;
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let rest = text.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n").unwrap();
        let meta: serde_yaml::Value = serde_yaml::from_str(&rest[..end]).unwrap();
        let body = &rest[end + 5..];
        let mut html = String::with_capacity(body.len() * 5 / 4);
        let title = meta.get("title").and_then(|t| t.as_str()).unwrap_or_default();
        html.push_str("<!DOCTYPE html><title>");
        html.push_str(title);
        html.push_str("</title>");
        let parser = pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES);
        pulldown_cmark::html::push_html(&mut html, parser);
        std::fs::write(out.join(format!("{n}.html")), html).unwrap();
        n += 1;
    }
    println!("{n}");
}

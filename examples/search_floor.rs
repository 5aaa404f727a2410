//! The bare floor for the build benchmark (bench/search.sh): read every `content/**/*.md`, parse the
//! YAML frontmatter with serde_yaml, render the body with pulldown-cmark, write one HTML file per
//! document. No validation, linking, templates or search: what any generator must at least do.
//!
//! Usage: cargo run --release --example search_floor -- ROOT OUT

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (root, out) = match (args.get(1), args.get(2)) {
        (Some(r), Some(o)) => (Path::new(r).to_path_buf(), Path::new(o).to_path_buf()),
        _ => {
            eprintln!("dùng: search_floor ROOT OUT");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let mut n = 0;
    for e in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).expect("read");
        let rest = text.strip_prefix("---\n").unwrap_or(&text);
        let (fm, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
        let meta: serde_yaml::Value = serde_yaml::from_str(fm).unwrap_or(serde_yaml::Value::Null);
        let mut html = String::with_capacity(body.len() * 5 / 4);
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all()),
        );
        let title = meta.get("title").and_then(|t| t.as_str()).unwrap_or("");
        let page = format!("<!DOCTYPE html><title>{title}</title>{html}");
        std::fs::write(out.join(format!("{n}.html")), page).expect("write");
        n += 1;
    }
    println!("{n}");
}

//! `banhanh new`: a new site folder, or a new document with valid frontmatter.

use anyhow::Result;
use banhanh::data::Catalog;
use std::path::Path;
use std::process::ExitCode;

/// `banhanh new site DIR`: a new site folder with one example document.
pub fn new_site(dir: &Path, catalog: &Catalog) -> Result<ExitCode> {
    let created = banhanh::new::new_site(dir, catalog)?;
    println!("Đã tạo trang mới ở {}; văn bản mẫu: {}", dir.display(), created.display());
    println!("Xem trước: banhanh serve --root {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// `banhanh new --province … --type … --year …`: a new document with valid frontmatter.
pub fn new_document(
    root: &Path,
    province: Option<String>,
    doc_type: Option<String>,
    year: Option<i32>,
    number: Option<String>,
    title: Option<String>,
    catalog: &Catalog,
) -> Result<ExitCode> {
    let (Some(province), Some(doc_type), Some(year)) = (province, doc_type, year) else {
        eprintln!(
            "lỗi: cần --province, --type và --year\n  gợi ý: banhanh new --province \"Vĩnh Long\" \
             --type \"Kế hoạch\" --year 2025 [--number 22/KH-UBND] [--title …]\n  \
             hoặc: banhanh new site THƯ-MỤC"
        );
        return Ok(ExitCode::from(2));
    };
    let req = banhanh::new::NewDocument { province, doc_type, year, number, title };
    match banhanh::new::new_document(root, &req, catalog) {
        Ok(c) => {
            for w in &c.warnings {
                eprintln!("{w}");
            }
            println!("Đã tạo {}", c.file.display());
            println!("Địa chỉ trang: {}", c.url);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
    }
}

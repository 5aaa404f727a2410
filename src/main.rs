//! The `banhanh` command line: parses arguments and hands off to the library.

use anyhow::Result;
use banhanh::{BuildError, BuildOptions, data::Catalog};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "banhanh", version, about = "Dựng trang web tĩnh cho chương trình hành động của các tỉnh, thành phố")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Dựng trang web vào thư mục public/ (build the site)
    Build {
        /// Thư mục trang (chứa content/ và site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Thư mục kết quả (mặc định: ROOT/public)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Địa chỉ gốc, ví dụ https://example.org/ct/
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Kiểm tra nội dung và liên kết, không ghi gì (check content and links)
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Xem trước trang khi soạn: dựng, phục vụ tại 127.0.0.1 và tự tải lại khi lưu tệp (preview server)
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Cổng (0: chọn một cổng trống)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Địa chỉ lắng nghe; mặc định chỉ máy này
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Mở trình duyệt
        #[arg(long)]
        open: bool,
    },
    /// Tạo văn bản mới với phần thông tin hợp lệ, hoặc `new site DIR` để tạo một trang mới (new document or site)
    #[command(args_conflicts_with_subcommands = true)]
    New {
        #[command(subcommand)]
        what: Option<NewWhat>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Tỉnh, thành phố, ví dụ: "Vĩnh Long"
        #[arg(long)]
        province: Option<String>,
        /// Loại văn bản, ví dụ: "Kế hoạch"
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// Năm kế hoạch
        #[arg(long)]
        year: Option<i32>,
        /// Số hiệu, ví dụ: 22/KH-UBND
        #[arg(long)]
        number: Option<String>,
        /// Tên văn bản
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// Tạo thư mục trang mới (content/ với một văn bản mẫu, site.yaml)
    Site { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let catalog = Catalog::load();
    match cli.command {
        Command::Build { root, output, base_url } => {
            let opts = BuildOptions { root, output, base_url };
            let spinner = progress();
            let result = banhanh::build(&opts, &catalog);
            spinner.finish_and_clear();
            match result {
                Ok(r) => {
                    eprint!("{}", r.warnings);
                    let out = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
                    let drafts = if r.drafts > 0 { format!(", {} bản nháp không xuất bản", r.drafts) } else { String::new() };
                    println!(
                        "Đã dựng {} văn bản, {} trang ({} tệp){drafts} trong {:.2} giây → {}",
                        r.documents, r.pages, r.files, r.elapsed.as_secs_f64(), out.display()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(report_failure(e)),
            }
        }
        Command::Check { root, base_url } => {
            let opts = BuildOptions { root, output: None, base_url };
            match banhanh::render_site(&opts, &catalog) {
                Ok((loaded, files)) => {
                    eprint!("{}", loaded.diagnostics);
                    println!(
                        "Không có lỗi: {} văn bản, {} tệp, {} cảnh báo",
                        loaded.site.documents.len(), files.len(), loaded.diagnostics.warning_count()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => Ok(report_failure(e)),
            }
        }
        Command::Serve { root, port, bind, open } => {
            banhanh::serve::serve(&banhanh::serve::ServeOptions { root, bind, port, open }, catalog)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: Some(NewWhat::Site { dir }), .. } => {
            let created = banhanh::new::new_site(&dir, &catalog)?;
            println!("Đã tạo trang mới ở {}; văn bản mẫu: {}", dir.display(), created.display());
            println!("Xem trước: banhanh serve --root {}", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: None, root, province, doc_type, year, number, title } => {
            let (Some(province), Some(doc_type), Some(year)) = (province, doc_type, year) else {
                eprintln!("lỗi: cần --province, --type và --year\n  gợi ý: banhanh new --province \"Vĩnh Long\" --type \"Kế hoạch\" --year 2025 [--number 22/KH-UBND] [--title …]\n  hoặc: banhanh new site THƯ-MỤC");
                return Ok(ExitCode::from(2));
            };
            let req = banhanh::new::NewDocument { province, doc_type, year, number, title };
            match banhanh::new::new_document(&root, &req, &catalog) {
                Ok(c) => {
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
    }
}

fn report_failure(e: BuildError) -> ExitCode {
    match e {
        BuildError::Content(ds) => {
            eprint!("{ds}");
            eprintln!("Dừng lại: {} lỗi, {} cảnh báo; thư mục kết quả cũ được giữ nguyên.", ds.error_count(), ds.warning_count());
        }
        other => eprintln!("lỗi: {other}"),
    }
    ExitCode::from(1)
}

fn progress() -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message("đang dựng trang…");
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        pb
    } else {
        indicatif::ProgressBar::hidden()
    }
}

//! The `banhanh` command line: parses arguments and hands off to the library.

use anyhow::Result;
use banhanh::diagnostics::Format;
use banhanh::output::external::ExternalOptions;
use banhanh::search::Mode as SearchMode;
use banhanh::{BuildOptions, data::Catalog};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

// Building allocates many small strings from every thread: mimalloc does this much faster than glibc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "banhanh",
    version,
    about = "Dựng trang web tĩnh cho chương trình hành động của các tỉnh, thành phố"
)]
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
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Tìm văn bản trong trang, có dấu hoặc không dấu (search the site's documents)
    Search {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Chỉ lấy văn bản của tỉnh, thành phố này
        #[arg(long)]
        province: Option<String>,
        /// Chỉ lấy văn bản của năm kế hoạch này
        #[arg(long)]
        year: Option<i32>,
        /// Chỉ lấy loại văn bản này (ví dụ "Kế hoạch")
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// Số kết quả tối đa
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
        /// Tìm như khi đang gõ: từ cuối chưa gõ xong cũng khớp các từ bắt đầu bằng nó
        #[arg(long)]
        prefix: bool,
        /// Từ khóa tìm kiếm
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// Kiểm tra nội dung và liên kết, không ghi gì (check content and links)
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
        /// Kiểm tra cả liên kết ra ngoài (HTTP), có bộ nhớ đệm ROOT/.cache/banhanh/;
        /// lỗi chỉ là cảnh báo
        #[arg(long)]
        external: bool,
        /// Như --external nhưng liên kết ngoài hỏng hoặc không truy cập được là lỗi (thoát mã 1)
        #[arg(long)]
        external_strict: bool,
        /// Thời gian chờ tối đa cho mỗi liên kết ngoài, tính bằng giây
        #[arg(long, default_value_t = 10.0)]
        external_timeout: f64,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Tạo bản nháp Markdown từ văn bản cào từ trang nguồn (import a scraped text as a draft)
    Import {
        /// Tệp văn bản cào (UTF-8)
        file: PathBuf,
        /// Ghi bản nháp vào tệp này (không ghi đè tệp đã có); mặc định in ra màn hình
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Xem trước trang khi soạn: dựng, phục vụ tại 127.0.0.1 và tự tải lại khi lưu tệp
    /// (preview server)
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
    /// Tạo văn bản mới với phần thông tin hợp lệ, hoặc `new site DIR` để tạo một trang mới
    /// (new document or site)
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

/// How `build` and `check` report what they found.
#[derive(clap::Args, Clone, Copy)]
struct ReportArgs {
    /// Cách in lỗi và cảnh báo: human (cho người đọc), json, github (chú thích của GitHub Actions)
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Coi mọi cảnh báo là lỗi (thoát mã 1; khi dựng, thư mục kết quả cũ được giữ nguyên)
    #[arg(long)]
    deny_warnings: bool,
}

/// `--format` values.
#[derive(clap::ValueEnum, Clone, Copy)]
enum FormatArg {
    Human,
    Json,
    Github,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
        }
    }
}

#[derive(Subcommand)]
enum NewWhat {
    /// Tạo thư mục trang mới (content/ với một văn bản mẫu, site.yaml)
    Site { dir: PathBuf },
}

/// mimalloc's `mi_option_arena_eager_commit` and `mi_option_purge_delay` (mimalloc.h, v3).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Freed memory goes back to the system within a millisecond, and arenas are committed as used:
/// a build's peak memory stays near what it holds, not what it once held.
fn tune_allocator() {
    // SAFETY: setting an option is a plain store mimalloc allows at any time from any thread.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(2)
        }
    }
}

mod cmd;

use cmd::report::Reporter;

impl From<ReportArgs> for Reporter {
    fn from(a: ReportArgs) -> Reporter {
        Reporter { format: a.format.into() }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let catalog = Catalog::load();
    match cli.command {
        Command::Build { root, output, base_url, report } => {
            let deny_warnings = report.deny_warnings;
            cmd::build::build(
                &BuildOptions { root, output, base_url, deny_warnings },
                report.into(),
                &catalog,
            )
        }
        Command::Search { root, province, year, doc_type, limit, json, prefix, query } => {
            let filters = banhanh::search::rank::Filters { province, year, doc_type };
            let mode = if prefix { SearchMode::Typing } else { SearchMode::Exact };
            cmd::search::search(&root, &catalog, &query.join(" "), mode, &filters, limit, json)
        }
        Command::Check { root, base_url, external, external_strict, external_timeout, report } => {
            let deny_warnings = report.deny_warnings;
            let opts = BuildOptions { root, output: None, base_url, deny_warnings };
            let external = (external || external_strict).then(|| {
                let mut ext = ExternalOptions::for_root(&opts.root);
                ext.strict = external_strict;
                ext.timeout = Duration::from_secs_f64(external_timeout.clamp(0.1, 600.0));
                ext
            });
            cmd::build::check(&opts, external.as_ref(), report.into(), &catalog)
        }
        Command::Import { file, out } => cmd::import::run_import(&file, out.as_deref(), &catalog),
        Command::Serve { root, port, bind, open } => {
            banhanh::serve::serve(
                &banhanh::serve::ServeOptions { root, bind, port, open },
                catalog,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: Some(NewWhat::Site { dir }), .. } => {
            cmd::new::new_site(&dir, &catalog)
        }
        Command::New { what: None, root, province, doc_type, year, number, title } => {
            cmd::new::new_document(&root, province, doc_type, year, number, title, &catalog)
        }
    }
}

//! The `banhanh` command line: parses arguments and hands off to the library.

use anyhow::Result;
use banhanh::diagnostics::{Diagnostics, Format};
use banhanh::output::external::ExternalOptions;
use banhanh::progress::{Progress, Stage};
use banhanh::{BuildError, BuildOptions, data::Catalog};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
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

fn run(cli: Cli) -> Result<ExitCode> {
    let catalog = Catalog::load();
    match cli.command {
        Command::Build { root, output, base_url, report } => {
            let deny_warnings = report.deny_warnings;
            build(&BuildOptions { root, output, base_url, deny_warnings }, report.into(), &catalog)
        }
        Command::Search { root, province, year, doc_type, limit, json, query } => {
            let filters = banhanh::search::rank::Filters { province, year, doc_type };
            search(&root, &catalog, &query.join(" "), &filters, limit, json)
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
            check(&opts, external.as_ref(), report.into(), &catalog)
        }
        Command::Import { file, out } => run_import(&file, out.as_deref(), &catalog),
        Command::Serve { root, port, bind, open } => {
            banhanh::serve::serve(
                &banhanh::serve::ServeOptions { root, bind, port, open },
                catalog,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what: Some(NewWhat::Site { dir }), .. } => new_site(&dir, &catalog),
        Command::New { what: None, root, province, doc_type, year, number, title } => {
            new_document(&root, province, doc_type, year, number, title, &catalog)
        }
    }
}

/// `banhanh build`: the site into its output folder, or every error and the old output kept.
fn build(opts: &BuildOptions, report: Reporter, catalog: &Catalog) -> Result<ExitCode> {
    let bar = Bar::on_terminal();
    let result = banhanh::build(opts, catalog, shown(&bar));
    drop(bar);
    let r = match result {
        Ok(r) => r,
        Err(e) => return Ok(report.failure(&opts.root, e)),
    };
    report.print(&opts.root, &r.warnings);
    let out = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let drafts = if r.drafts > 0 {
        format!(", {} bản nháp không xuất bản", r.drafts)
    } else {
        String::new()
    };
    report.summary(&format!(
        "Đã dựng {} văn bản, {} trang ({} tệp){drafts} trong {:.2} giây → {}",
        r.documents,
        r.pages,
        r.files,
        r.elapsed.as_secs_f64(),
        out.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// `banhanh check`: content and links (and external links when asked), nothing written.
fn check(
    opts: &BuildOptions,
    external: Option<&ExternalOptions>,
    report: Reporter,
    catalog: &Catalog,
) -> Result<ExitCode> {
    let bar = Bar::on_terminal();
    let checked = banhanh::check(opts, catalog, shown(&bar));
    drop(bar);
    let (loaded, rendered) = match checked {
        Ok(r) => r,
        Err(e) => return Ok(report.failure(&opts.root, e)),
    };
    let mut ds = loaded.diagnostics.clone();
    let mut summary = None;
    if let Some(ext) = external {
        let links = banhanh::output::external::collect(&loaded.site, &rendered.links);
        let (found, sum) = banhanh::output::external::check(&links, ext);
        ds.extend(found);
        ds.sort();
        summary = Some(format!(
            "Liên kết ngoài: {} liên kết, {} lấy từ bộ nhớ đệm, {} hỏng, {} không kiểm tra được",
            sum.links, sum.from_cache, sum.broken, sum.unreachable
        ));
    }
    if opts.deny_warnings {
        ds = ds.deny_warnings();
    }
    report.print(&opts.root, &ds);
    if let Some(summary) = summary {
        report.summary(&summary);
    }
    if ds.has_errors() {
        let (n, what) = if opts.deny_warnings {
            (ds.error_count(), "lỗi (--deny-warnings)")
        } else {
            (ds.error_count(), "liên kết ngoài có lỗi (--external-strict)")
        };
        eprintln!("Dừng lại: {n} {what}.");
        return Ok(ExitCode::from(1));
    }
    report.summary(&format!(
        "Không có lỗi: {} văn bản, {} tệp, {} cảnh báo",
        loaded.site.documents.len(),
        rendered.files,
        ds.warning_count()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Prints diagnostics in the chosen format: for people on standard error, for programs and for
/// GitHub Actions on standard output (summaries stay on standard error).
#[derive(Clone, Copy)]
struct Reporter {
    format: Format,
}

impl From<ReportArgs> for Reporter {
    fn from(a: ReportArgs) -> Reporter {
        Reporter { format: a.format.into() }
    }
}

impl Reporter {
    /// Prints `ds`, paths given from where the command ran (`root`/…).
    fn print(&self, root: &Path, ds: &Diagnostics) {
        let prefix = root.to_string_lossy();
        match self.format {
            Format::Human => eprint!("{ds}"),
            Format::Json | Format::Github => print!("{}", ds.to_format(self.format, &prefix)),
        }
    }

    /// A summary line: on standard output for people, on standard error when standard output
    /// carries JSON or workflow commands.
    fn summary(&self, line: &str) {
        match self.format {
            Format::Human => println!("{line}"),
            Format::Json | Format::Github => eprintln!("{line}"),
        }
    }

    /// Reports why a build or check failed; the exit code 1.
    fn failure(&self, root: &Path, e: BuildError) -> ExitCode {
        let ds = match e {
            BuildError::Content(ds) => ds,
            other => Diagnostics(vec![banhanh::diagnostics::Diagnostic::error(
                "",
                0,
                0,
                other.to_string(),
            )]),
        };
        self.print(root, &ds);
        eprintln!(
            "Dừng lại: {} lỗi, {} cảnh báo; thư mục kết quả cũ được giữ nguyên.",
            ds.error_count(),
            ds.warning_count()
        );
        ExitCode::from(1)
    }
}

/// `banhanh new site DIR`: a new site folder with one example document.
fn new_site(dir: &Path, catalog: &Catalog) -> Result<ExitCode> {
    let created = banhanh::new::new_site(dir, catalog)?;
    println!("Đã tạo trang mới ở {}; văn bản mẫu: {}", dir.display(), created.display());
    println!("Xem trước: banhanh serve --root {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// `banhanh new --province … --type … --year …`: a new document with valid frontmatter.
fn new_document(
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

fn run_import(
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

/// The progress bar of a long build or check, shown on a terminal only (CI logs stay clean).
struct Bar(indicatif::ProgressBar);

impl Bar {
    /// A bar on standard error when it is a terminal.
    fn on_terminal() -> Option<Bar> {
        std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            Bar(bar)
        })
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage, steps: Option<u64>) {
        let message = match stage {
            Stage::Read => "Đang đọc văn bản",
            Stage::Search => "Đang lập chỉ mục tìm kiếm",
            Stage::Pages => "Đang dựng trang",
            Stage::Links => "Đang kiểm tra liên kết",
            Stage::Write => "Đang ghi thư mục kết quả",
        };
        let template = match steps {
            Some(_) => "{msg} {pos}/{len} {wide_bar} {elapsed}",
            None => "{spinner} {msg}…",
        };
        let style = indicatif::ProgressStyle::with_template(template)
            .expect("valid template")
            .progress_chars("█▌ ");
        self.0.set_message(message);
        self.0.set_length(steps.unwrap_or(0));
        self.0.set_position(0);
        self.0.set_style(style);
    }

    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// What to tell of progress: the bar, or nothing.
fn shown(bar: &Option<Bar>) -> &dyn Progress {
    match bar {
        Some(b) => b,
        None => &(),
    }
}

fn search(
    root: &std::path::Path,
    catalog: &Catalog,
    query: &str,
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
    let (index, _) = search::cache::open(root, catalog);
    let out = search::search(&index, query, filters, limit);
    if json {
        println!("{}", serde_json::to_string_pretty(&out.results)?);
        return Ok(ExitCode::SUCCESS);
    }
    if out.results.is_empty() {
        println!("Không tìm thấy văn bản nào cho \"{query}\".");
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

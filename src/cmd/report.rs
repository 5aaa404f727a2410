//! How a command tells what happened: diagnostics in the chosen format, summaries, the progress bar.

use banhanh::BuildError;
use banhanh::diagnostics::{Diagnostics, Format};
use banhanh::progress::{Progress, Stage};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Prints diagnostics in the chosen format: for people on standard error, for programs and for
/// GitHub Actions on standard output (summaries stay on standard error).
#[derive(Clone, Copy)]
pub struct Reporter {
    /// The format diagnostics are printed in.
    pub format: Format,
}

impl Reporter {
    /// Prints `ds`, paths given from where the command ran (`root`/…).
    pub fn print(&self, root: &Path, ds: &Diagnostics) {
        let prefix = root.to_string_lossy();
        match self.format {
            Format::Human => eprint!("{ds}"),
            Format::Json | Format::Github => print!("{}", ds.to_format(self.format, &prefix)),
        }
    }

    /// A summary line: on standard output for people, on standard error when standard output
    /// carries JSON or workflow commands.
    pub fn summary(&self, line: &str) {
        match self.format {
            Format::Human => println!("{line}"),
            Format::Json | Format::Github => eprintln!("{line}"),
        }
    }

    /// Reports why a build or check failed; the exit code 1.
    pub fn failure(&self, root: &Path, e: BuildError) -> ExitCode {
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

/// The progress bar of a long build or check, shown on a terminal only (CI logs stay clean).
pub struct Bar(indicatif::ProgressBar);

impl Bar {
    /// A bar on standard error when it is a terminal.
    pub fn on_terminal() -> Option<Bar> {
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
pub fn shown(bar: &Option<Bar>) -> &dyn Progress {
    match bar {
        Some(b) => b,
        None => &(),
    }
}

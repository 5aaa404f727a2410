//! `banhanh build` and `banhanh check`: run the library, print what it found, pick the exit code.

use super::report::{Bar, Reporter, shown};
use anyhow::Result;
use banhanh::output::external::ExternalOptions;
use banhanh::{BuildOptions, data::Catalog};
use std::process::ExitCode;

/// `banhanh build`: the site into its output folder, or every error and the old output kept.
pub fn build(opts: &BuildOptions, report: Reporter, catalog: &Catalog) -> Result<ExitCode> {
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
pub fn check(
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

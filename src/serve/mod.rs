//! `banhanh serve`: builds, serves the site from memory on 127.0.0.1, rebuilds what a save changed, reloads open pages.

pub mod http;
pub mod incremental;
pub mod inject;
pub mod state;
pub mod watch;

use crate::data::Catalog;
use crate::urls::path_for as url_for;
use incremental::{Failure, Incremental, Update};
use state::{Event, ServeState, Snapshot};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use watch::Changes;

/// Options of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site folder (holds `content/` and `site.yaml`).
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 unless asked otherwise.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
}

/// Why the server could not start (content errors never stop it).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("không mở được cổng {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("không theo dõi được thư mục {path}: {source}")]
    Watch { path: PathBuf, source: notify::Error },
    #[error("không tìm thấy thư mục trang {path}: {source}")]
    Root { path: PathBuf, source: std::io::Error },
    #[error("lỗi máy chủ: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the server until Ctrl+C.
pub fn serve(opts: &ServeOptions, catalog: Catalog) -> Result<(), ServeError> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root { path: opts.root.clone(), source })?;
    if !opts.bind.is_loopback() {
        eprintln!(
            "cảnh báo: máy chủ mở cho cả mạng ngoài ({}); bản xem trước chỉ nên dùng trên mạng tin cậy",
            opts.bind
        );
    }
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|source| ServeError::Bind { addr, source })?;
    let local = listener.local_addr()?;
    let url = format!("http://{local}/");

    let state = Arc::new(ServeState::default());
    let mut inc = Incremental::new(root.clone(), Some(url.clone()), catalog);
    let first = inc.rebuild(&Changes::default());
    report(&first, &Changes::default(), &mut None);
    publish(&state, &inc, &first);

    let (tx, rx) = mpsc::channel();
    let watcher = watch::watch(&root, tx)
        .map_err(|source| ServeError::Watch { path: root.clone(), source })?;
    let loop_state = state.clone();
    std::thread::spawn(move || rebuild_loop(inc, rx, watcher, &root, &loop_state));

    println!("Đang phục vụ tại {url} (Ctrl+C để dừng)");
    if opts.open {
        open_browser(&url);
    }
    let app = http::router(state);
    runtime.block_on(async move {
        tokio::select! {
            r = axum::serve(listener, app) => r,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })?;
    Ok(())
}

/// Waits for changes, rebuilds, swaps the served files and tells open pages.
fn rebuild_loop(
    mut inc: Incremental,
    rx: mpsc::Receiver<Changes>,
    mut watcher: watch::Watcher,
    root: &std::path::Path,
    state: &ServeState,
) {
    let mut last_warnings = None;
    while let Ok(mut changes) = rx.recv() {
        while let Ok(more) = rx.try_recv() {
            changes.merge(more);
        }
        if watch::names_a_folder(&changes) {
            for problem in watch::watch_folders(&mut watcher, root) {
                eprintln!("cảnh báo: không theo dõi được {problem}");
            }
        }
        let result = inc.rebuild(&changes);
        report(&result, &changes, &mut last_warnings);
        publish(state, &inc, &result);
    }
}

fn publish(state: &ServeState, inc: &Incremental, result: &Result<Update, Failure>) {
    match result {
        Ok(u) => {
            let mut paths: Vec<String> = u
                .changed
                .iter()
                .chain(&u.removed)
                .filter(|p| p.ends_with(".html"))
                .map(|p| url_for(p))
                .collect();
            // A stylesheet or script of the theme changed: every page shows it.
            if u.changed
                .iter()
                .any(|p| p.starts_with("static/") || p.ends_with(".css") || p.ends_with(".js"))
            {
                paths.push("*".into());
            }
            state.publish(
                Snapshot { files: inc.files().clone(), error: None },
                Event::Reload { paths },
            );
        }
        Err(f) => state.set_error(f.message.clone()),
    }
}

/// Prints what a rebuild did, or its errors, to the terminal.
fn report(result: &Result<Update, Failure>, changes: &Changes, last_warnings: &mut Option<String>) {
    match result {
        Ok(u) => {
            let warnings = u.warnings.to_string();
            if last_warnings.as_ref() != Some(&warnings) {
                eprint!("{warnings}");
                *last_warnings = Some(warnings);
            }
            let mut read = String::new();
            if !u.parsed.is_empty() {
                read.push_str(&format!(
                    ", đọc lại {} tệp ({})",
                    u.parsed.len(),
                    shorten(&u.parsed, 4)
                ));
            }
            if !u.removed_sources.is_empty() {
                read.push_str(&format!(
                    ", {} tệp đã xóa ({})",
                    u.removed_sources.len(),
                    shorten(&u.removed_sources, 4)
                ));
            }
            let cause = if changes.theme {
                " (giao diện đổi)"
            } else if changes.config {
                " (site.yaml đổi)"
            } else {
                ""
            };
            let urls: Vec<String> = u
                .changed
                .iter()
                .chain(&u.removed)
                .filter(|p| p.ends_with(".html"))
                .map(|p| url_for(p))
                .collect();
            println!(
                "Đã dựng lại {}/{} trang{cause}{read} trong {} ms; {} trang thay đổi{}",
                u.pages_rendered,
                u.pages_total,
                u.elapsed.as_millis(),
                urls.len(),
                if urls.is_empty() { String::new() } else { format!(": {}", shorten(&urls, 6)) }
            );
        }
        Err(f) => {
            eprint!("{}", f.message);
        }
    }
}

fn shorten(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        s.push_str(&format!(" và {} mục khác", items.len() - n));
    }
    s
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("không mở được trình duyệt; hãy mở {url}");
    }
}

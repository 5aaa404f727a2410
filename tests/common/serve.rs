//! Helpers for the `serve` tests: the real `banhanh serve` process and a raw HTTP client.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a rebuild may take before a test gives up (debug build, shared 2-core machine).
pub const REBUILD_TIMEOUT: Duration = Duration::from_secs(20);

/// A fresh copy of the serve fixture site (`tests/fixtures/sites/serve-site`).
pub fn serve_site() -> tempfile::TempDir {
    super::fixture_site("serve-site")
}

/// A running `banhanh serve`; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// Every line the server printed (stdout and stderr), in order.
    pub output: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `banhanh serve --root ROOT --port 0` and waits until it prints its address.
    pub fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_banhanh"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start banhanh serve");
        let output = Arc::new(Mutex::new(Vec::new()));
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let out = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    out.lock().unwrap().push(line);
                }
            });
        }
        let mut server = Server { child, port: 0, output };
        let start = Instant::now();
        while server.port == 0 {
            assert!(start.elapsed() < REBUILD_TIMEOUT, "serve did not start: {:?}", server.lines());
            assert!(
                server.child.try_wait().unwrap().is_none(),
                "serve exited: {:?}",
                server.lines()
            );
            server.port = server
                .lines()
                .iter()
                .find_map(|l| {
                    l.strip_prefix("Đang phục vụ tại http://127.0.0.1:")
                        .and_then(|r| r.split('/').next())
                        .and_then(|p| p.parse().ok())
                })
                .unwrap_or(0);
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    /// What the server printed so far.
    pub fn lines(&self) -> Vec<String> {
        self.output.lock().unwrap().clone()
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// GET `path` (sent as written, not normalised): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = request(self.port, path);
        (status, body)
    }

    /// Polls GET `path` until `ok(status, body)` holds; panics with the last response after the timeout.
    pub fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < REBUILD_TIMEOUT,
                "timed out waiting for {what} at {path}; last status {status}; server said: {:#?}",
                self.lines()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Server {
    /// Waits for a line printed after the server started listening that satisfies `ok`.
    pub fn wait_for_line(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let lines = self.lines();
            let listening =
                lines.iter().position(|l| l.starts_with("Đang phục vụ tại")).unwrap_or(0);
            if let Some(l) = lines[listening..].iter().find(|l| ok(l)) {
                return l.clone();
            }
            assert!(
                start.elapsed() < REBUILD_TIMEOUT,
                "timed out waiting for {what}; server said: {lines:#?}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A raw HTTP/1.1 GET: status, headers, body.
pub fn request(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// Rewrites a file the way many editors save: write a temporary file beside it, then rename over it.
pub fn save(path: &Path, text: &str) {
    let tmp: PathBuf = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// `s` with `from` replaced once (panics when `from` is missing, so a test cannot silently edit nothing).
pub fn replace_once(s: &str, from: &str, to: &str) -> String {
    assert!(s.contains(from), "{from:?} not found");
    s.replacen(from, to, 1)
}

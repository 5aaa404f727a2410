//! Benchmark (not a test): time from a file write to the rebuilt page being served by `banhanh serve`,
//! for a body edit and a title edit on a generated site, against a full `banhanh build` of the same site.
//!
//! Run with `bash bench/serve.sh [DOCS] [ROUNDS]`.

use banhanh::data::Catalog;
use banhanh::text::slugify;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let exe = std::env::current_exe().expect("own path").with_file_name("banhanh");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path();
    let target = generate(repo, site, docs);
    println!(
        "site: {docs} documents generated from content/ and data/new-site/ under {}",
        site.display()
    );

    let mut builds = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let out =
            Command::new(&exe).args(["build", "--root"]).arg(site).output().expect("run build");
        assert!(out.status.success(), "build failed: {}", String::from_utf8_lossy(&out.stderr));
        builds.push(t.elapsed());
    }
    let full = median(&mut builds);
    println!("full build (banhanh build, whole process, median of 3): {} ms", full.as_millis());

    let server = Server::start(&exe, site);
    let rel = &target.rel;
    let file = site.join(rel);
    let original = std::fs::read_to_string(&file).expect("read target");
    let mut body_times = Vec::new();
    for i in 0..rounds {
        let marker = format!("Câu đo thời gian số {i}.");
        let t = Instant::now();
        std::fs::write(&file, format!("{original}\n{marker}\n")).expect("write");
        server.wait_until(&target.url, |b| b.contains(&marker));
        body_times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut title_times = Vec::new();
    for i in 0..rounds {
        let title = format!("Tiêu đề đã sửa lần {i}");
        let t = Instant::now();
        std::fs::write(
            &file,
            original.replacen("title: ", &format!("title: \"{title}\"\n# old title: "), 1),
        )
        .expect("write");
        server.wait_until(&target.list_url, |b| b.contains(&title));
        title_times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(100));
    }
    let reported: Vec<String> =
        server.lines().into_iter().filter(|l| l.starts_with("Đã dựng lại")).collect();
    println!("serve's own reports (first build, then edits):");
    for l in reported
        .iter()
        .take(2)
        .chain(reported.iter().rev().take(2).collect::<Vec<_>>().into_iter().rev())
    {
        println!("  {l}");
    }
    let body = median(&mut body_times);
    let title = median(&mut title_times);
    println!(
        "body edit → page served:  median {} ms (min {} ms, max {} ms) = {:.3} × full build",
        body.as_millis(),
        body_times[0].as_millis(),
        body_times[rounds - 1].as_millis(),
        ratio(body, full)
    );
    println!(
        "title edit → list served: median {} ms (min {} ms, max {} ms) = {:.3} × full build",
        title.as_millis(),
        title_times[0].as_millis(),
        title_times[rounds - 1].as_millis(),
        ratio(title, full)
    );
    println!(
        "goal: body edit ≤ 100 ms → {}",
        if body <= Duration::from_millis(100) { "met" } else { "NOT met" }
    );
}

struct Target {
    rel: String,
    url: String,
    list_url: String,
}

/// Writes `docs` documents: the repository's documents re-filed under many provinces, years and numbers.
fn generate(repo: &Path, site: &Path, docs: usize) -> Target {
    let mut templates: Vec<String> = walk(&repo.join("content"))
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    templates
        .push(std::fs::read_to_string(repo.join("data/new-site/01-ctr-ubnd.md")).expect("example"));
    let catalog = Catalog::load();
    let provinces: Vec<&str> = catalog.before_2025.iter().map(|p| p.name.as_str()).collect();
    std::fs::write(site.join("site.yaml"), "title: Đo tốc độ\n").expect("site.yaml");
    let mut first = None;
    for i in 0..docs {
        let text = &templates[i % templates.len()];
        let province = provinces[i % provinces.len()];
        let year = 2020 + (i / provinces.len()) % 6;
        let mut number = String::new();
        let out: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with("province:") {
                    format!("province: {province}")
                } else if l.starts_with("issuer:") {
                    format!("issuer: Ủy ban nhân dân tỉnh {province}")
                } else if l.starts_with("year:") {
                    format!("year: {year}")
                } else if let Some(n) = l.strip_prefix("number: ") {
                    let rest = n.trim_start_matches(|c: char| c.is_ascii_digit());
                    number = format!("{}{rest}", i + 1);
                    format!("number: {number}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        let pslug = slugify(province);
        let rel = format!("content/{pslug}/{year}/{i:04}.md");
        let path = site.join(&rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, out.join("\n") + "\n").expect("write");
        if first.is_none() {
            first = Some(Target {
                rel,
                url: format!("/{pslug}/{year}/{}/", slugify(&number)),
                list_url: format!("/{pslug}/"),
            });
        }
    }
    first.expect("at least one document")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

struct Server {
    child: Child,
    port: u16,
    output: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(exe: &Path, site: &Path) -> Server {
        let mut child = Command::new(exe)
            .args(["serve", "--port", "0", "--root"])
            .arg(site)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start serve");
        let output = Arc::new(Mutex::new(Vec::new()));
        let out = output.clone();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                out.lock().expect("lock").push(line);
            }
        });
        let start = Instant::now();
        let port = loop {
            let found = output.lock().expect("lock").iter().find_map(|l| {
                l.strip_prefix("Đang phục vụ tại http://127.0.0.1:")
                    .and_then(|r| r.split('/').next())
                    .and_then(|p| p.parse().ok())
            });
            if let Some(p) = found {
                break p;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "serve did not start");
            std::thread::sleep(Duration::from_millis(10));
        };
        Server { child, port, output }
    }

    fn lines(&self) -> Vec<String> {
        self.output.lock().expect("lock").clone()
    }

    fn wait_until(&self, path: &str, ok: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            if ok(&self.get(path)) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {path}");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn get(&self, path: &str) -> String {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) else { return String::new() };
        if write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").is_err()
        {
            return String::new();
        }
        let mut body = String::new();
        s.read_to_string(&mut body).ok();
        body
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

// Shared helpers of the browser tests: the banhanh binary, generated sites, a tiny static server,
// and Debian's chromium launched through playwright-core.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, existsSync, rmSync, openSync, readSync, closeSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = process.env.BANHANH_BIN || path.join(REPO, "target/debug/banhanh");

const made = [];
process.on("exit", () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix) {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Runs banhanh with arguments; returns stdout. */
export function banhanh(...args) {
  return execFileSync(BIN, args, { encoding: "utf8", maxBuffer: 64 << 20 });
}

/** Generates a site of `docs` documents (scripts/gen_corpus.py) into a fresh temp folder and builds it. */
export function generatedSite({ docs = 100, size = 6000, evil = false, seed = 1 } = {}) {
  const dir = tempDir("banhanh-site-");
  const args = [path.join(REPO, "scripts/gen_corpus.py"), dir, "--docs", String(docs), "--size", String(size), "--seed", String(seed)];
  if (evil) args.push("--evil");
  execFileSync("python3", args);
  banhanh("build", "--root", dir);
  return dir;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml", ".bin": "application/octet-stream",
  ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
  ".pagefind": "application/octet-stream", ".wasm": "application/wasm" };

/**
 * Serves `dir` on 127.0.0.1 like a static host: index.html for folders, gzip when asked, and byte
 * ranges unless `ranges` is false (then, like `python3 -m http.server` and many hosts, a Range
 * request gets the whole file with status 200). `requests` (if given) collects each request's
 * path and Range header.
 */
export function serve(dir, { ranges = true, requests = null } = {}) {
  const server = createServer((req, res) => {
    if (requests) requests.push({ path: req.url, range: req.headers.range || null });
    const url = new URL(req.url, "http://x");
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end("not found"); return; }
    const size = statSync(file).size;
    const headers = { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "max-age=600" };
    if (ranges) headers["Accept-Ranges"] = "bytes";
    const range = ranges && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || "");
    if (range) {
      const start = Number(range[1]), end = Math.min(Number(range[2]), size - 1);
      const part = Buffer.alloc(Math.max(end - start + 1, 0));
      const fd = openSync(file, "r");
      readSync(fd, part, 0, part.length, start);
      closeSync(fd);
      headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
      res.writeHead(206, headers).end(part);
      return;
    }
    let body = readFileSync(file);
    if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      body = gzipSync(body);
      headers["Content-Encoding"] = "gzip";
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

/** Launches Debian's chromium headless with a fresh profile; returns its (persistent) browser context. */
export async function launch(options = {}) {
  const { chromium } = await import("playwright-core");
  const profile = tempDir("banhanh-chromium-");
  return chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

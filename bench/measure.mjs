// Measures, in Debian's chromium, what one query costs from a cold cache, for banhanh's search page
// and for Pagefind's own UI on the same public/, served by a gzip-compressing static host that
// ignores Range requests (the whole file, status 200):
//   - bytes: everything the query's page load fetches (HTML, CSS, JS, fonts, index files, the
//     documents a snippet is read from), as sent over the wire, until the results on screen are
//     complete; on a 360 px phone screen and on a 1280 px desktop one;
//   - slow4g_ms: Chrome's "Slow 4G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; CDP
//     Network.emulateNetworkConditions), 360 px screen, from opening `/tim-kiem/?q=…` to the first
//     result on screen;
//   - typed_ms (banhanh only): on localhost, the search page open, from the keystroke that
//     completes the query (an input event) to the first results.
// Prints JSON. Usage: node bench/measure.mjs PUBLIC_DIR QUERY...
import path from "node:path";
import { existsSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/browser/helpers.mjs";

const [dir, ...queries] = process.argv.slice(2);
const PHONE = { width: 360, height: 740 }, DESKTOP = { width: 1280, height: 800 };
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
// The static host runs in its own process, as a real one would.
const helpers = path.join(path.dirname(fileURLToPath(import.meta.url)), "../tests/browser/helpers.mjs");
const server = spawn(process.execPath, ["--input-type=module", "-e",
  `const { serve } = await import(${JSON.stringify(helpers)}); const { url } = await serve(${JSON.stringify(path.resolve(dir))}, { ranges: false }); console.log(url);`],
  { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve) => server.stdout.once("data", (b) => resolve(String(b).trim())));

// Pagefind's own UI, reading ?q= like banhanh's page does.
writeFileSync(path.join(dir, "pagefind-bench.html"), `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: true });
  const q = new URLSearchParams(location.search).get("q"); if (q) ui.triggerSearch(q); });</script></body></html>`);

const ENGINES = {
  banhanh: { page: (q) => "/tim-kiem/?q=" + encodeURIComponent(q), first: ".search-results li",
    done: () => document.querySelector(".search-results")?.getAttribute("aria-busy") === "false" && /kết quả|Không tìm thấy/.test(document.querySelector(".search-status").textContent) },
  pagefind: { page: (q) => "/pagefind-bench.html?q=" + encodeURIComponent(q), first: ".pagefind-ui__result",
    done: () => document.querySelector(".pagefind-ui__message") && !document.querySelector(".pagefind-ui__result-excerpt:empty, .pagefind-ui__loading") },
};

/** Opens a fresh, cold page with `viewport`, optionally throttled; returns it and its byte counter. */
async function coldPage(viewport, throttle) {
  const ctx = await launch({ viewport });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  if (throttle) await cdp.send("Network.emulateNetworkConditions", throttle);
  const counter = { bytes: 0, requests: 0, files: [] };
  cdp.on("Network.loadingFinished", (e) => { counter.bytes += e.encodedDataLength; counter.requests++; });
  cdp.on("Network.responseReceived", (e) => counter.files.push(new URL(e.response.url).pathname));
  // The first result's insertion, in page time (ms since navigation start).
  await page.addInitScript((sel) => {
    new MutationObserver(() => { if (!window.__first && document.querySelector(sel)) window.__first = performance.now(); })
      .observe(document, { childList: true, subtree: true });
  }, [ENGINES.banhanh.first, ENGINES.pagefind.first].join(","));
  return { ctx, page, counter };
}

async function bytesOf(engine, q, viewport) {
  const { ctx, page, counter } = await coldPage(viewport);
  await page.goto(url + ENGINES[engine].page(q));
  await page.waitForFunction(ENGINES[engine].done, null, { timeout: 120000 });
  await page.waitForTimeout(800);
  const top = await page.locator(engine === "banhanh" ? ".search-results .result-title a" : ".pagefind-ui__result-link")
    .evaluateAll((as) => as.slice(0, 5).map((a) => a.textContent));
  const count = await page.evaluate(() => document.querySelectorAll(".search-results li, .pagefind-ui__result").length);
  await ctx.close();
  return { bytes: counter.bytes, requests: counter.requests, top, count };
}

async function slow4g(engine, q) {
  const { ctx, page } = await coldPage(PHONE, SLOW_4G);
  await page.goto(url + ENGINES[engine].page(q), { waitUntil: "commit" });
  await page.waitForFunction(() => window.__first, null, { timeout: 120000, polling: 50 });
  const ms = await page.evaluate(() => window.__first);
  const onScreen = await page.locator(ENGINES[engine].first).first().evaluate((el) => el.getBoundingClientRect().top < innerHeight);
  await ctx.close();
  return { ms: Math.round(ms), onScreen };
}

async function typed(q) {
  const { ctx, page } = await coldPage(DESKTOP);
  await page.goto(url + "/tim-kiem/");
  await page.waitForFunction(() => document.querySelector("#tim-kiem:not([hidden])"));
  const ms = await page.evaluate((q) => new Promise((resolve) => {
    const input = document.querySelector("#q"), list = document.querySelector(".search-results");
    const t0 = performance.now();
    new MutationObserver(() => { if (list.children.length) resolve(performance.now() - t0); }).observe(list, { childList: true });
    input.value = q;
    input.dispatchEvent(new Event("input"));
  }), q);
  await ctx.close();
  return Math.round(ms);
}

const results = { banhanh: [], pagefind: [] };
for (const q of queries) {
  for (const engine of ["banhanh", "pagefind"]) {
    if (engine === "pagefind" && !existsSync(path.join(dir, "pagefind"))) continue;
    const phone = await bytesOf(engine, q, PHONE);
    const desktop = await bytesOf(engine, q, DESKTOP);
    const s4 = await slow4g(engine, q);
    const row = { q, bytes: phone.bytes, requests: phone.requests, desktop_bytes: desktop.bytes, slow4g_ms: s4.ms,
      slow4g_on_screen: s4.onScreen, top: desktop.top, count: desktop.count };
    if (engine === "banhanh") row.typed_ms = await typed(q);
    results[engine].push(row);
  }
}
server.kill();
console.log(JSON.stringify(results));

// Measures, in Debian's chromium, what one query costs from a cold cache, for banhanh's search page
// and for Pagefind on the same public/: bytes over the wire (gzip where the server compresses), and
// milliseconds from the keystroke (or the search call) to results on screen. Prints JSON.
// Usage: node bench/measure.mjs PUBLIC_DIR QUERY...
import path from "node:path";
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/browser/helpers.mjs";

const [dir, ...queries] = process.argv.slice(2);
// The static host runs in its own process, as a real one would: not on the event loop that drives
// the browser and reads its network events.
const helpers = path.join(path.dirname(fileURLToPath(import.meta.url)), "../tests/browser/helpers.mjs");
const server = spawn(process.execPath, ["--input-type=module", "-e",
  `const { serve } = await import(${JSON.stringify(helpers)}); const { url } = await serve(${JSON.stringify(path.resolve(dir))}); console.log(url);`],
  { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve) => server.stdout.once("data", (b) => resolve(String(b).trim())));

async function measure(ctx, pageUrl, action) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  const urls = new Map();
  let bytes = 0;
  const files = [];
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    const u = urls.get(e.requestId) || "";
    // The HTML page and the theme's CSS are the same for both engines; count what search fetches.
    if (/\.html$|\/$|\?q=|style\.css/.test(new URL(u).pathname + new URL(u).search)) return;
    bytes += e.encodedDataLength;
    files.push(new URL(u).pathname);
  });
  await page.goto(url + pageUrl);
  const out = await action(page);
  await page.waitForTimeout(300);
  await page.close();
  return { bytes, requests: files.length, ...out };
}

const results = { banhanh: [], pagefind: [] };
for (const q of queries) {
  // Fresh profile per query: a cold cache.
  let ctx = await launch();
  results.banhanh.push({ q, ...await measure(ctx, "/tim-kiem/", async (page) => {
    await page.waitForFunction(() => document.querySelector("#tim-kiem:not([hidden])"));
    const ms = await page.evaluate((q) => new Promise((resolve) => {
      const input = document.querySelector("#q"), list = document.querySelector(".search-results");
      const t0 = performance.now();
      new MutationObserver(() => { if (list.children.length) resolve(performance.now() - t0); }).observe(list, { childList: true });
      input.value = q;
      input.dispatchEvent(new Event("input"));
    }), q);
    const top = await page.locator(".search-results .result-title a").evaluateAll((as) => as.slice(0, 5).map((a) => a.textContent));
    return { ms: Math.round(ms), top };
  }) });
  await ctx.close();
  // The same query typed as a person types it (120 ms a key, cold cache): ms from the last key
  // to the final query's results complete (snippets in). Earlier keys have fetched some shards.
  ctx = await launch();
  {
    const page = await ctx.newPage();
    await page.goto(url + "/tim-kiem/");
    await page.waitForFunction(() => document.querySelector("#tim-kiem:not([hidden])"));
    await page.locator("#q").pressSequentially(q.slice(0, -1), { delay: 120 });
    await page.waitForTimeout(120);
    const t0 = Date.now();
    await page.locator("#q").press(q.slice(-1) === " " ? "Space" : q.slice(-1));
    await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q &&
      document.querySelector(".search-results").getAttribute("aria-busy") === "false", q);
    results.banhanh[results.banhanh.length - 1].typed_ms = Date.now() - t0;
    await page.close();
  }
  await ctx.close();
  // Pagefind only when its index is there (bench/search.sh makes one; a plain build has none).
  if (!existsSync(path.join(dir, "pagefind"))) continue;
  ctx = await launch();
  results.pagefind.push({ q, ...await measure(ctx, "/pagefind-bench.html", async (page) => {
    const r = await page.evaluate(async (q) => {
      const t0 = performance.now();
      const pf = await import("/pagefind/pagefind.js");
      await pf.init();
      const s = await pf.search(q);
      const data = await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
      return { ms: performance.now() - t0, count: s.results.length, top: data.slice(0, 5).map((d) => d.meta.title) };
    }, q);
    return { ms: Math.round(r.ms), count: r.count, top: r.top };
  }) });
  await ctx.close();
}
server.kill();
console.log(JSON.stringify(results));

// Phone-first in real Chromium: at 360×740 nothing scrolls sideways (tables scroll in their own box),
// tap targets are at least 24 px, text is readable without zoom; the self-hosted Vietnamese font is
// used; a document page stays light and never calls another host. Screenshots of every page type at
// 360 and 1280 px go to tests/browser/artifacts/ (git-ignored) for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { serve, launch, REPO } from "./helpers.mjs";
import { PAGES, fixtureSite } from "./site.mjs";

const ARTIFACTS = path.join(REPO, "tests/browser/artifacts");
const PHONE = { width: 360, height: 740 };
let server, base, browser;

before(async () => {
  ({ server, url: base } = await serve(fixtureSite()));
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => { await browser?.close(); server?.close(); });

async function open(url, viewport) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(base + url);
  if (url.includes("?q=")) await page.waitForSelector(".search-results li");
  await page.evaluate(() => document.fonts.ready);
  return page;
}

for (const [name, url] of Object.entries(PAGES)) {
  test(`phone: ${name} page (${url}) fits 360 px, has big enough targets and readable text`, async () => {
    const page = await open(url, PHONE);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    // Tap targets (WCAG 2.5.8): every link, button and field outside running text is ≥ 24 px high and wide
    // (or has room around it); links inside sentences are exempt.
    const small = await page.evaluate(() => {
      const bad = [];
      for (const e of document.querySelectorAll("a[href], button, input, select, summary, label:has(input)")) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (e.closest(".skip-link") || e.classList.contains("skip-link")) continue;
        const inText = e.tagName === "A" && e.closest("p, td, th, dd, .body li") && !e.closest(".doc-meta");
        if (inText && getComputedStyle(e).display === "inline") continue;
        if (r.height < 24 || r.width < 24) bad.push(`${e.tagName} "${(e.textContent || e.name || "").trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return bad;
    });
    assert.deepEqual(small, [], "tap targets smaller than 24 px");
    // Readable without zoom: body text at least 16 px, nothing under 12 px.
    const sizes = await page.evaluate(() => {
      const px = (e) => parseFloat(getComputedStyle(e).fontSize);
      const tiny = [...document.querySelectorAll("main *, header *")].filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && px(e) < 12);
      return { body: px(document.body), tiny: tiny.map((e) => `${e.tagName}.${e.className} ${px(e)}px`) };
    });
    assert.ok(sizes.body >= 16, `body text ${sizes.body}px`);
    assert.deepEqual(sizes.tiny, []);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-360.png`), fullPage: true });
    await page.close();
    const wide = await open(url, { width: 1280, height: 900 });
    await wide.screenshot({ path: path.join(ARTIFACTS, `${name}-1280.png`), fullPage: true });
    await wide.close();
  });
}

test("phone: the document's wide table scrolls inside its own box", async () => {
  const page = await open(PAGES.document, PHONE);
  const t = await page.locator(".body .table-wrap").first().evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth, overflow: getComputedStyle(w).overflowX }));
  assert.ok(t.scroll > t.client, `table ${t.scroll}px in a ${t.client}px box: the fixture's table should be wider than a phone`);
  assert.equal(t.overflow, "auto");
  await page.close();
});

test("Vietnamese text is set in the self-hosted Noto Sans, every letter covered", async () => {
  const page = await open(PAGES.document, PHONE);
  const fonts = await page.evaluate(async () => {
    const text = document.body.innerText;
    const loaded = [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.weight} ${f.style}`);
    return { loaded, covers: document.fonts.check('16px "Noto Sans"', text.slice(0, 2000)), sample: text.slice(0, 200) };
  });
  assert.ok(fonts.loaded.some((f) => /Noto Sans.*400 normal/.test(f)), JSON.stringify(fonts.loaded));
  assert.ok(fonts.loaded.some((f) => /Noto Sans.*700 normal/.test(f)), JSON.stringify(fonts.loaded));
  assert.ok(fonts.covers);
  // Chromium reports the font it actually used for a heading full of tone marks.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable"); await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument");
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "h1" });
  const { fonts: used } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  assert.deepEqual(used.map((f) => f.familyName), ["Noto Sans"], JSON.stringify(used));
  assert.ok(used.every((f) => !f.isCustomFont || f.glyphCount > 0));
  await page.close();
});

test("a document page loads ≤ 50 KB of CSS+JS (gzip) and requests nothing from another host", async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(base + PAGES.document);
  await page.waitForLoadState("networkidle");
  const foreign = requests.filter((u) => !u.startsWith(base + "/"));
  assert.deepEqual(foreign, []);
  const assets = requests.filter((u) => /\.(css|js)(\?|$)/.test(u));
  assert.ok(assets.some((u) => u.endsWith("/static/style.css")), assets.join(" "));
  let gz = 0;
  for (const u of assets) gz += gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer())).length;
  assert.ok(gz <= 50 * 1024, `${gz} bytes of CSS+JS (gzip)`);
  await page.close();
});

test("phone: the series matrix scrolls in its own box and keeps the province column in view", async () => {
  const page = await open(PAGES.series, PHONE);
  const wrap = page.locator(".matrix-wrap");
  const box = await wrap.evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth, overflow: getComputedStyle(w).overflowX }));
  assert.ok(box.scroll > box.client, `matrix ${box.scroll}px in a ${box.client}px box: it should be wider than a phone`);
  assert.equal(box.overflow, "auto");
  // Scrolled to the last year, the province of each row is still where it was, readable, not covered.
  await wrap.evaluate((w) => { w.scrollLeft = w.scrollWidth; });
  const seen = await page.evaluate(() => {
    const w = document.querySelector(".matrix-wrap").getBoundingClientRect();
    return [...document.querySelectorAll(".matrix tbody tr")].slice(0, 12).map((tr) => {
      tr.scrollIntoView({ block: "center" });
      const th = tr.querySelector("th").getBoundingClientRect();
      const last = tr.querySelector("td:last-child").getBoundingClientRect();
      const top = document.elementFromPoint(th.left + 4, th.top + th.height / 2);
      return { row: tr.querySelector("th").innerText.trim(), left: Math.round(th.left - w.left), onTop: !!top?.closest("th[scope=row]"), lastInView: last.right <= w.right + 1 };
    });
  });
  assert.ok(seen.length >= 5, JSON.stringify(seen));
  const hidden = seen.filter((r) => r.left < -1 || r.left > 2 || !r.onTop || !r.lastInView);
  assert.deepEqual(hidden, [], "rows whose province scrolled away or was covered");
  await page.close();
});

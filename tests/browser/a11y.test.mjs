// Accessibility of every page type in real Chromium: axe-core at WCAG 2.2 A/AA finds nothing,
// landmarks, one h1, a working skip link, a visible focus ring, and a keyboard-only search.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { serve, launch } from "./helpers.mjs";
import { PAGES, fixtureSite } from "./site.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
let server, base, browser;

before(async () => {
  ({ server, url: base } = await serve(fixtureSite()));
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

async function open(url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(base + url);
  if (url.startsWith("/tim-kiem/?q=")) await page.waitForSelector(".search-results li");
  return page;
}

for (const [name, url] of Object.entries(PAGES)) {
  test(`axe: ${name} page (${url}) has no WCAG 2.2 A/AA violation, at 1280 and 360 px`, async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
      const page = await open(url, viewport);
      const { violations, passes } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const report = violations.map((v) => `${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
      assert.deepEqual(report, [], `${url} at ${viewport.width}px`);
      // The checks that matter here did run (and passed) — not an empty page.
      const ran = passes.map((p) => p.id);
      for (const rule of ["color-contrast", "html-has-lang", "document-title", "link-name"]) assert.ok(ran.includes(rule), `${rule} ran on ${url}`);
      await page.close();
    }
  });

  test(`structure: ${name} page has landmarks, one h1 and a skip link to the main content`, async () => {
    const page = await open(url);
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.locator("header.site-header").count(), 1);
    assert.equal(await page.locator("main#trang-noi-dung").count(), 1);
    assert.equal(await page.locator("footer").count(), 1);
    assert.ok(await page.locator("nav[aria-label]").count() >= 1);
    assert.equal(await page.locator("html").getAttribute("lang"), "vi");
    // The first Tab lands on the skip link, which becomes visible; Enter moves focus into <main>.
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    assert.ok(await skip.evaluate((e) => e === document.activeElement));
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 24, JSON.stringify(box));
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "trang-noi-dung");
    await page.close();
  });
}

test("focus is visible: every focusable element in the header and main gets an outline when tabbed to", async () => {
  const page = await open(PAGES.document);
  const seen = [];
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { tag: e.tagName, text: (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30), outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    seen.push(f);
    assert.ok(f.outline !== "none" && f.width >= 2, `no visible focus on ${f.tag} "${f.text}": ${f.outline} ${f.width}px`);
  }
  assert.ok(seen.some((f) => f.tag === "INPUT") && seen.some((f) => f.tag === "A"), JSON.stringify(seen));
  await page.close();
});

test("the document's table has header cells and scrolls inside a labelled, focusable region", async () => {
  const page = await open(PAGES.document);
  const table = page.locator(".body table").first();
  assert.ok(await table.locator("thead th").count() >= 3);
  const wrap = page.locator(".body .table-wrap").first();
  assert.equal(await wrap.getAttribute("role"), "region");
  assert.ok(await wrap.getAttribute("aria-label"));
  assert.equal(await wrap.getAttribute("tabindex"), "0");
  await page.close();
});

test("keyboard only: from the search box, Tab reaches a result and Enter opens it", async () => {
  const page = await open("/tim-kiem/");
  await page.locator("#q").focus();
  await page.keyboard.type("ke hoach kien giang", { delay: 10 });
  await page.waitForSelector(".search-results .result-title a");
  const first = await page.locator(".search-results .result-title a").first().getAttribute("href");
  let reached = null;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => (document.activeElement.closest(".result-title") ? document.activeElement.getAttribute("href") : null));
  }
  assert.equal(reached, first, "Tab never reached the first result");
  await Promise.all([page.waitForURL((u) => u.pathname !== "/tim-kiem/"), page.keyboard.press("Enter")]);
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).hash, first);
  assert.match(await page.locator("h1").textContent(), /Kiên Giang/);
  await page.close();
});

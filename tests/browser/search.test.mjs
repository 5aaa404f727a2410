// The search page in a real browser: a user types queries and sees results, facets, marked
// snippets and a shareable URL; the back button works; nothing from the index runs as HTML. The
// site is served by a static server that ignores Range requests (the whole file, status 200) and
// by one that honours them: the results are the same, and no request is a Range request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { generatedSite, serve, launch } from "./helpers.mjs";

let site, server, base, rangeServer, rangeBase, browser;
const dialogs = [], requests = [], rangeRequests = [];

before(async () => {
  site = generatedSite({ docs: 150, size: 6000, evil: true });
  ({ server, url: base } = await serve(path.join(site, "public"), { ranges: false, requests }));
  ({ server: rangeServer, url: rangeBase } = await serve(path.join(site, "public"), { requests: rangeRequests }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  rangeServer?.close();
});

async function open(url = "/tim-kiem/", at = base) {
  const page = await browser.newPage();
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(at + url);
  return page;
}

async function typeQuery(page, q) {
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially(q, { delay: 15 });
  await page.waitForFunction((q) => {
    const s = document.querySelector(".search-status").textContent;
    // The count shows first; the results list is busy until every result has its snippet.
    return new URL(location.href).searchParams.get("q") === q && /kết quả|Không tìm thấy/.test(s) &&
      document.querySelector(".search-results").getAttribute("aria-busy") === "false";
  }, q);
}

const titles = (page) => page.locator(".search-results .result-title a").allTextContents();

test("typing without diacritics finds documents, with the words marked", async () => {
  const page = await open();
  await typeQuery(page, "nghi quyet 01");
  const t = await titles(page);
  assert.ok(t.length >= 10, `${t.length} results`);
  assert.match(t[0], /Nghị quyết số 01\/NQ-CP/);
  const marks = await page.locator(".search-results li:first-child mark").allTextContents();
  assert.ok(marks.some((m) => /^(nghị|quyết|01)$/i.test(m)), marks.join(","));
  await typeQuery(page, "chuyen doi so");
  const snippets = await page.locator(".search-results .snippet").allTextContents();
  assert.ok(snippets.some((s) => /chuyển đổi số/i.test(s)), snippets.slice(0, 3).join("\n"));
  const marked = await page.locator(".search-results mark").allTextContents();
  assert.ok(marked.map((m) => m.toLowerCase()).includes("chuyển"), marked.join(","));
  // Each result links to a document page, at the anchor of its best section.
  const href = await page.locator(".search-results .result-title a").first().getAttribute("href");
  assert.match(href, /^\/[a-z-]+\/20\d\d\/[0-9]+-[a-z]+-ubnd\/(#[a-z0-9-]+)?$/);
  await page.close();
});

test("a document number finds its document first", async () => {
  const page = await open();
  // The generator numbers documents per province and year; take a real one from the first result of a query.
  await typeQuery(page, "ke hoach");
  const meta = await page.locator(".search-results .doc-meta").first().textContent();
  const number = /số (\S+)/.exec(meta)[1];
  await typeQuery(page, number);
  const first = await page.locator(".search-results .doc-meta").first().textContent();
  assert.ok(first.includes(`số ${number}`), `${number} → ${first}`);
  await page.close();
});

test("on a small site the results show before the documents' headers arrive, then gain their sections", async () => {
  const page = await open();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // The documents' heads (sections) answer only when the test lets it.
  await page.route(/\/search\/h\/\d+\.json/, async (route) => { await held; await route.continue(); });
  await page.locator("#q").fill("nghi quyet 01");
  await page.waitForFunction(() => document.querySelectorAll(".search-results .result-title a").length >= 10);
  assert.equal(await page.locator(".search-results").getAttribute("aria-busy"), "true");
  const before = await titles(page);
  assert.match(before[0], /Nghị quyết số 01\/NQ-CP/);
  assert.equal(await page.locator(".search-results .result-section").count(), 0);
  release();
  await page.waitForFunction(() => document.querySelector(".search-results").getAttribute("aria-busy") === "false");
  assert.deepEqual(await titles(page), before, "the headers change no title");
  const hrefs = await page.locator(".search-results .result-title a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.some((h) => /\/#[a-z0-9-]+$/.test(h)), `the headers add the sections' anchors: ${hrefs.join(" ")}`);
  assert.ok(await page.locator(".search-results .result-section").count() > 0);
  await page.close();
});

test("the URL is shareable, facets filter with counts, and back restores the query", async () => {
  const page = await open("/tim-kiem/?q=dau+tu+cong");
  await page.waitForSelector(".search-results li");
  assert.equal(await page.locator("#q").inputValue(), "dau tu cong");
  const status = await page.locator(".search-status").textContent();
  const total = Number(/^(\d+)/.exec(status)[1]);
  // Facets: every province, year and type with a count; the counts of one facet add up to the total.
  const years = await page.locator(".facet-year label").allTextContents();
  const sum = years.map((y) => Number(/\((\d+)\)/.exec(y)[1])).reduce((a, b) => a + b, 0);
  assert.equal(sum, total);
  assert.ok((await page.locator(".facet-province label").count()) > 5);
  const firstYear = page.locator(".facet-year input").first();
  const yearValue = await firstYear.getAttribute("value");
  const yearCount = Number(/\((\d+)\)/.exec(years[0])[1]);
  await firstYear.check();
  await page.waitForFunction((y) => new URL(location.href).searchParams.get("nam") === y, yearValue);
  await page.waitForFunction((n) => document.querySelector(".search-status").textContent.startsWith(n + " ") &&
    document.querySelector(".search-results").getAttribute("aria-busy") === "false", yearCount);
  const metas = await page.locator(".search-results .doc-meta").allTextContents();
  assert.ok(metas.every((m) => m.includes(`năm ${yearValue}`)), metas.join("\n"));
  // A facet's counts ignore its own choice and follow the others': every year is still offered
  // with its count, while the provinces' counts now add up to the chosen year's.
  assert.deepEqual(await page.locator(".facet-year label").allTextContents(), years);
  const provinces = await page.locator(".facet-province label").allTextContents();
  assert.equal(provinces.map((p) => Number(/\((\d+)\)/.exec(p)[1])).reduce((a, b) => a + b, 0), yearCount);
  await typeQuery(page, "giai ngan");
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("#q").value === "dau tu cong");
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 0);
  await page.close();
});

test("the header search box leads to the search page with the query", async () => {
  const page = await open("/");
  await page.locator("#o-tim").fill("cai cach hanh chinh");
  await page.locator("#o-tim").press("Enter");
  await page.waitForURL(/\/tim-kiem\/\?q=cai\+cach\+hanh\+chinh/);
  await page.waitForSelector(".search-results li");
  assert.ok((await titles(page)).length > 0);
  await page.close();
});

test("titles and text from the index are shown as text, never run", async () => {
  const page = await open();
  await typeQuery(page, "chong chen ma");
  const t = await titles(page);
  assert.equal(t[0], "<script>alert(1)</script> Kế hoạch <b>thử</b> chống chèn mã");
  assert.equal(await page.locator(".search-results script, .search-results b, .search-results img").count(), 0);
  await page.close();
  assert.deepEqual(dialogs, []);
});

test("without JavaScript the page says so in Vietnamese and offers browsing", async () => {
  const ctx = await launch({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(base + "/tim-kiem/?q=dau+tu");
  const note = await page.locator(".search-nojs .note-box").textContent();
  assert.match(note, /cần bật JavaScript/);
  assert.ok(!(await page.locator("#tim-kiem").isVisible()));
  assert.ok((await page.locator(".search-nojs a[href^='/']").count()) > 60);
  await ctx.close();
});

test("hosts that ignore or honour Range requests give the same results; none is asked for a range", async () => {
  const seen = async (at, q) => {
    const page = await open("/tim-kiem/?q=" + encodeURIComponent(q), at);
    await page.waitForFunction(() => /kết quả|Không tìm thấy/.test(document.querySelector(".search-status").textContent) &&
      document.querySelector(".search-results").getAttribute("aria-busy") === "false");
    const links = await page.locator(".search-results .result-title a").evaluateAll((as) => as.map((a) => a.textContent + " " + a.getAttribute("href")));
    const status = await page.locator(".search-status").textContent();
    await page.close();
    return { links, status };
  };
  for (const q of ["nghi quyet 01", "\"dau tu cong\"", "chuyển đổi số", "xyzzy"]) {
    const [plain, ranged] = [await seen(base, q), await seen(rangeBase, q)];
    assert.deepEqual(plain, ranged, q);
    if (q !== "xyzzy") assert.ok(plain.links.length >= 3, `${q}: ${plain.links.length} results`);
  }
  const search = requests.concat(rangeRequests).filter((r) => r.path.startsWith("/search/"));
  assert.ok(search.length > 10, `${search.length} index requests`);
  assert.deepEqual(requests.concat(rangeRequests).filter((r) => r.range), []);
});

test("while typing, the last word matches as a prefix; a submitted query matches whole words", async () => {
  const page = await open();
  await typeQuery(page, "chuyen doi s");
  const first = await page.locator(".search-results li:first-child").textContent();
  assert.match(first, /chuyển đổi số/i);
  const marks = await page.locator(".search-results li:first-child mark").allTextContents();
  assert.ok(marks.map((m) => m.toLowerCase()).includes("số"), marks.join(","));
  // A document number typed in part.
  await typeQuery(page, "ke hoach");
  const meta = await page.locator(".search-results .doc-meta").first().textContent();
  const number = /số (\S+)/.exec(meta)[1];
  const part = number.slice(0, number.indexOf("-") + 2);
  await typeQuery(page, part);
  const metas = await page.locator(".search-results .doc-meta").allTextContents();
  assert.ok(metas[0].includes("số " + part), `${part} → ${metas[0]}`);
  // Submitted (Enter), the unfinished word is a word of its own: "chuyen doi s" no longer means "số".
  await page.locator("#q").fill("chuye");
  await page.locator("#q").press("Enter");
  await page.waitForFunction(() => /Không tìm thấy/.test(document.querySelector(".search-status").textContent));
  await page.close();
});

test("a word that matches nothing offers the closest word, and the offer searches", async () => {
  const page = await open("/tim-kiem/?q=chuyen+doii+so");
  const offer = page.locator(".search-suggest");
  await offer.waitFor({ state: "visible" });
  assert.equal(await offer.textContent(), "Có phải bạn muốn tìm: chuyen doi so");
  await offer.locator("a").click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "chuyen doi so");
  await page.waitForFunction(() => document.querySelector(".search-suggest").hidden);
  assert.equal(await page.locator("#q").inputValue(), "chuyen doi so");
  await page.close();
});

test("no dialog ever fired", () => {
  assert.deepEqual(dialogs, []);
});

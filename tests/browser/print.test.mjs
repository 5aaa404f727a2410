// Printing a programme to take to a meeting: the PDF Chromium prints has the title and the whole
// text, with the citations' addresses written out and without the site's navigation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { serve, launch, tempDir } from "./helpers.mjs";
import { PAGES, fixtureSite } from "./site.mjs";

let server, base, browser;
before(async () => {
  ({ server, url: base } = await serve(fixtureSite()));
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

/** Letters and digits only, lowercased: line wrapping, hyphenation and table layout do not matter. */
const compact = (s) => s.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

test("a document page prints to PDF with its title, its full text and citation addresses, without navigation", async () => {
  const page = await browser.newPage();
  await page.goto(base + PAGES.document);
  await page.evaluate(() => document.fonts.ready);
  const title = (await page.locator("h1").textContent()).trim();
  // Every block of the body: paragraphs, list items, headings and table cells.
  const blocks = await page.locator(".body").evaluate((b) => [...b.querySelectorAll("p, li, h2, h3, h4, th, td")]
    .filter((e) => !e.querySelector("p, li, td")).map((e) => ({ text: e.innerText.trim(), cell: !!e.closest("table") })).filter((b) => b.text));
  assert.ok(blocks.length >= 100 && blocks.filter((b) => b.cell).length >= 50, `${blocks.length} blocks`);
  const cites = await page.locator(".body a.cite").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(cites.length >= 5);
  const pdf = path.join(tempDir("banhanh-print-"), "doc.pdf");
  writeFileSync(pdf, await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } }));
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).normalize("NFC");
  const flat = text.replace(/\s+/g, " ");
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  assert.ok(pages >= 5, `${pages} pages`);
  // The title, then every word of the body in order (the PDF wraps lines and splits table cells).
  assert.ok(flat.includes(title.replace(/\s+/g, " ").slice(0, 60)), "title in the PDF");
  const printed = compact(text.replace(/\(\/[^)]*\)/g, " "));
  // Running text must come out whole; a table's cells wrap onto lines that pdftotext interleaves
  // with the next column's, so for them every word must be printed at least as often as the table has it.
  const missing = blocks.filter((b) => !b.cell && !printed.includes(compact(b.text))).map((b) => b.text);
  assert.deepEqual(missing, [], `${missing.length} of ${blocks.length} blocks of the text missing from the PDF`);
  const count = (words) => words.reduce((m, w) => m.set(w, (m.get(w) || 0) + 1), new Map());
  const split = (s) => s.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const inPdf = count(split(text));
  const short = [...count(blocks.filter((b) => b.cell).flatMap((b) => split(b.text)))].filter(([w, n]) => (inPdf.get(w) || 0) < n);
  assert.deepEqual(short, [], "words of the table missing from the PDF");
  assert.ok(flat.includes("Nơi nhận"), "the text runs to its end");
  // Citation addresses are written out after the link text.
  for (const href of cites.slice(0, 5)) assert.ok(text.replace(/[\s-]+/g, "").includes(`(${href.replace(/-/g, "")})`), `${href} printed`);
  // No navigation, search box, table of contents or footer on paper.
  for (const nav of ["Bỏ qua, đến nội dung chính", "Ví dụ: nghi quyet", "Mục lục", "vui lòng đối chiếu"]) assert.ok(!text.includes(nav), `"${nav}" printed`);
  await page.close();
});

test("print stylesheet: navigation hidden, table header repeats, rows and headings not split", async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ media: "print" });
  await page.goto(base + PAGES.document);
  const s = await page.evaluate(() => {
    const cs = (sel) => getComputedStyle(document.querySelector(sel));
    return { nav: cs(".site-header nav").display, search: cs(".search-box").display, crumbs: cs(".breadcrumbs").display,
      thead: cs(".body thead").display, tr: cs(".body tbody tr").breakInside, h2: cs(".body h2").breakAfter };
  });
  assert.deepEqual(s, { nav: "none", search: "none", crumbs: "none", thead: "table-header-group", tr: "avoid", h2: "avoid" });
  await page.close();
});

test("an indicator page prints its table of provinces × years and its charts, without navigation", async () => {
  const page = await browser.newPage();
  await page.goto(base + PAGES.indicator);
  await page.evaluate(() => document.fonts.ready);
  const pdf = path.join(tempDir("banhanh-print-"), "indicator.pdf");
  writeFileSync(pdf, await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } }));
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).normalize("NFC");
  const flat = text.replace(/\s+/g, " ");
  assert.ok(flat.includes("Tốc độ tăng trưởng GRDP"), "title printed");
  // Every value of the table, and the province names, are on paper.
  for (const want of ["Vĩnh Long", "Đồng Tháp", "tăng 7,5%", "tăng 8%", "tăng 6,5–7%", "2024", "2025"]) assert.ok(flat.includes(want), `"${want}" printed`);
  // The charts print too: their captions and their drawn labels (SVG text).
  assert.ok(flat.includes("qua các năm"), "line chart caption printed");
  assert.ok((flat.match(/Vĩnh Long/g) || []).length >= 3, "province named in the table and the charts");
  for (const nav of ["Bỏ qua, đến nội dung chính", "Ví dụ: nghi quyet"]) assert.ok(!text.includes(nav), `"${nav}" printed`);
  // The charts fit the page width.
  const widths = await page.locator(".chart svg").evaluateAll((s) => s.map((e) => e.getBoundingClientRect().width));
  assert.ok(widths.length === 2 && widths.every((w) => w > 200), JSON.stringify(widths));
  await page.close();
});

test("a tracker and the series matrix print whole: every province and every year, without the ordering links", async () => {
  const split = (s) => s.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const count = (words) => words.reduce((m, w) => m.set(w, (m.get(w) || 0) + 1), new Map());
  for (const [url, table] of [[PAGES.hub, ".tracker-table"], [PAGES.series, ".matrix"]]) {
    const page = await browser.newPage();
    await page.goto(base + url);
    await page.evaluate(() => document.fonts.ready);
    // What a cell shows (a "—" cell's words are for screen readers; the legend explains it on paper).
    const cells = await page.locator(table).evaluate((t) => [...t.querySelectorAll("th, td")].map((c) => {
      const shown = c.cloneNode(true);
      shown.querySelectorAll(".visually-hidden").forEach((h) => h.remove());
      return shown.textContent.trim();
    }).filter(Boolean));
    const rows = await page.locator(`${table} tbody tr`).count();
    assert.ok(rows >= 34, `${url}: ${rows} rows`);
    const pdf = path.join(tempDir("banhanh-print-"), "tracker.pdf");
    writeFileSync(pdf, await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } }));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).normalize("NFC");
    const inPdf = count(split(text));
    const short = [...count(cells.flatMap(split))].filter(([w, n]) => (inPdf.get(w) || 0) < n);
    assert.deepEqual(short, [], `${url}: words of the table missing from the PDF`);
    if (table === ".matrix") assert.ok(text.replace(/\s+/g, " ").includes("—: không là tỉnh, thành phố"), "the legend of — printed");
    for (const nav of ["Bỏ qua, đến nội dung chính", "Ví dụ: nghi quyet", "Xếp các tỉnh, thành phố"]) assert.ok(!text.includes(nav), `${url}: "${nav}" printed`);
    await page.close();
  }
});

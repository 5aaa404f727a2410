// With JavaScript disabled every page of the fixture site reads (an h1 and its content) and every
// link on it leads to a page that exists; the search page explains itself and offers browsing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch } from "./helpers.mjs";
import { fixtureSite, htmlPaths } from "./site.mjs";

let dir, server, base, browser;

before(async () => {
  dir = fixtureSite();
  ({ server, url: base } = await serve(dir));
  browser = await launch({ javaScriptEnabled: false });
});
after(async () => { await browser?.close(); server?.close(); });

test("without JavaScript every page reads and every link works", async () => {
  const paths = htmlPaths(dir);
  assert.ok(paths.length >= 40, `${paths.length} pages`);
  const page = await browser.newPage();
  assert.equal(await page.evaluate(() => 1).catch(() => "no js"), 1, "page.evaluate still works (it is not page script)");
  const links = new Set();
  for (const p of paths) {
    const res = await page.goto(base + p);
    assert.equal(res.status(), 200, p);
    const h1 = (await page.locator("h1").textContent()).trim();
    assert.ok(h1.length > 3, `${p}: h1 "${h1}"`);
    assert.ok((await page.locator("main").innerText()).length > 20, `${p}: main has text`);
    for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.href))) links.add(href.split("#")[0]);
  }
  const broken = [];
  for (const href of links) {
    assert.ok(href.startsWith(base + "/"), `link leaves the site: ${href}`);
    const res = await fetch(href);
    if (res.status !== 200) broken.push(`${href} ${res.status}`);
  }
  assert.deepEqual(broken, []);
  assert.ok(links.size >= 40, `${links.size} distinct links checked`);
  await page.close();
});

test("without JavaScript the search page says so and offers browsing by province and year", async () => {
  const page = await browser.newPage();
  await page.goto(base + "/tim-kiem/?q=nghi+quyet");
  assert.equal(await page.locator("#tim-kiem").isVisible(), false);
  const note = page.locator(".search-nojs .note-box");
  assert.ok(await note.isVisible());
  assert.match(await note.textContent(), /JavaScript/);
  const browse = await page.locator(".search-nojs .term-list a").allTextContents();
  for (const want of ["Kiên Giang", "Vĩnh Long", "2021", "2024"]) assert.ok(browse.includes(want), browse.join(", "));
  // The header's search box still submits (to this page) and a province link opens the province.
  await Promise.all([page.waitForURL(/\/kien-giang\/$/), page.locator(".search-nojs .term-list a", { hasText: "Kiên Giang" }).click()]);
  assert.match(await page.locator("h1").textContent(), /Kiên Giang/);
  await page.close();
});

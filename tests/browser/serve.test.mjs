// Real-browser test of `banhanh serve`: open pages reload by themselves after an edit (keeping their
// scroll position), pages that did not change stay as they are, and a broken save shows the error
// overlay over the last good page until the file is fixed. Debian's chromium through playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.BANHANH_BIN || path.join(REPO, "target/debug/banhanh");
const DOC = "content/vinh-long/2024/17-ct-ubnd.md";
const DOC_URL = "/vinh-long/2024/17-ct-ubnd/";
const OTHER_URL = "/vinh-phuc/2025/01-ctr-ubnd/";

/** Starts `banhanh serve --port 0` on a copy of the fixture site; resolves with its base URL. */
function startServer(root) {
  const child = spawn(BIN, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20000);
    const onData = (d) => {
      out += d;
      const m = /Đang phục vụ tại (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], output: () => out }); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

/** Saves like an editor: a temporary file renamed over the original. */
function save(file, text) {
  writeFileSync(file + ".tmp", text);
  renameSync(file + ".tmp", file);
}

test("serve: live reload keeps the scroll position; errors show in an overlay until fixed", async () => {
  const root = mkdtempSync(path.join(tmpdir(), "banhanh-serve-"));
  cpSync(path.join(REPO, "tests/fixtures/sites/serve-site"), root, { recursive: true });
  const server = await startServer(root);
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(path.join(tmpdir(), "banhanh-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1000, height: 700 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const other = await browser.newPage();
    await page.goto(server.url + DOC_URL.slice(1));
    await other.goto(server.url + OTHER_URL.slice(1));
    await page.evaluate(() => { window.scrollTo(0, 1200); window.__before = 1; });
    await other.evaluate(() => { window.__untouched = 1; });
    await page.waitForTimeout(300); // let the event streams connect
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 1000, `the page is long enough to scroll (scrollY ${y})`);

    const file = path.join(root, DOC);
    const good = readFileSync(file, "utf8");
    save(file, good + "\nĐoạn cuối mới thêm khi xem trước.\n");
    await page.waitForFunction(() => document.body.innerText.includes("Đoạn cuối mới thêm khi xem trước."), null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => window.__before), undefined, "the edited page reloaded");
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, y, { timeout: 5000 });
    assert.equal(await other.evaluate(() => window.__untouched), 1, "a page that did not change was not reloaded");

    // A broken save: overlay on every open page, last good content underneath, no reload.
    await page.evaluate(() => { window.__before = 2; });
    save(file, good.replace("province: Vĩnh Long", "province: Vĩnh Longg"));
    for (const p of [page, other]) {
      const overlay = p.locator("#banhanh-loi");
      await overlay.waitFor({ state: "visible", timeout: 20000 });
      const text = await overlay.innerText();
      assert.match(text, /lỗi: content\/vinh-long\/2024\/17-ct-ubnd\.md:4:11: không có tỉnh, thành phố nào tên "Vĩnh Longg"/);
      assert.match(text, /gợi ý: có phải là "Vĩnh Long"\?/);
    }
    assert.equal(await page.evaluate(() => window.__before), 2, "the overlay came without a reload");
    assert.ok((await page.locator("h1").innerText()).includes("Chỉ thị về việc phát động thi đua"), "last good page still shown");

    // A reload while broken still shows the overlay (served with the page).
    await other.reload();
    await other.locator("#banhanh-loi").waitFor({ state: "visible", timeout: 5000 });

    save(file, good);
    for (const p of [page, other]) {
      await p.locator("#banhanh-loi").waitFor({ state: "detached", timeout: 20000 });
    }
  } finally {
    await browser.close();
    server.child.kill();
    rmSync(root, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});

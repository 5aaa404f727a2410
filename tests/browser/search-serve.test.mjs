// `banhanh serve` keeps its search index live: after an editor saves a document, the search page
// finds the words just written (the document is deleted and added again in the tantivy index).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO, BIN, tempDir, launch } from "./helpers.mjs";

const DOC = "content/vinh-long/2024/17-ct-ubnd.md";

function startServer(root) {
  const child = spawn(BIN, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30000);
    const onData = (d) => {
      out += d;
      const m = /Đang phục vụ tại (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function titlesFor(page, url, q) {
  await page.goto(url + "tim-kiem/?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => /kết quả|Không tìm thấy/.test(document.querySelector(".search-status").textContent));
  return page.locator(".search-results .result-title a").allTextContents();
}

test("serve: the search page finds what an editor has just written", async () => {
  const root = tempDir("banhanh-serve-search-");
  cpSync(path.join(REPO, "tests/fixtures/sites/serve-site"), root, { recursive: true });
  const server = await startServer(root);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    assert.deepEqual(await titlesFor(page, server.url, "namkhoong"), []);
    const file = path.join(root, DOC);
    writeFileSync(file + ".tmp", readFileSync(file, "utf8") + "\nXây cầu treo bản Nậmkhòong trước mùa mưa.\n");
    renameSync(file + ".tmp", file);
    let titles = [];
    for (let i = 0; i < 40 && !titles.length; i++) {
      await page.waitForTimeout(500);
      titles = await titlesFor(page, server.url, "namkhoong");
    }
    assert.equal(titles.length, 1, "the edited document is found");
    assert.match(titles[0], /Chỉ thị về việc phát động thi đua/);
    // A phrase of the new sentence finds it too (its positions are in the live index).
    assert.equal((await titlesFor(page, server.url, "\"cau treo ban namkhoong\"")).length, 1);
  } finally {
    await browser.close();
    server.child.kill();
  }
});

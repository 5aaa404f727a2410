// The client's analyzer and ranking are the Rust ones: the same queries through `banhanh search --json`
// and through themes/default/static/search-engine.js (in node, reading the built static index) give the
// same top 10, in the same order, with the same section anchors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO, banhanh, generatedSite } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const client = require(path.join(REPO, "themes/default/static/search-engine.js"));

const QUERIES = ["nghi quyet 01", "nghị quyết 01", "chuyen doi so", "chuyển đổi số", "\"chuyen doi so\"", "dau tu cong",
  "đầu tư công", "22/KH-UBND", "17/CT-UBND", "01 nq cp", "duong", "đường", "thi đua khen thưởng", "vinh long 2024",
  "cai cach hanh chinh", "\"dau tu\" cong", "giải ngân", "an sinh xa hoi", "xyzzy"];

async function clientTop10(publicDir, q) {
  const dir = path.join(publicDir, "search");
  const load = (p, s, e) => {
    const b = readFileSync(path.join(dir, p.split("?")[0]));
    return Promise.resolve(new Uint8Array(s === undefined ? b : b.subarray(s, e)));
  };
  const engine = new client.Engine(load);
  const res = await engine.search(q);
  const rows = await Promise.all(res.hits.slice(0, 10).map((h) => engine.details(res.manifest, res.query, h)));
  return rows.map((r) => r.url);
}

function rustTop10(root, q) {
  return JSON.parse(banhanh("search", "--root", root, "--json", "--limit", "10", q)).map((r) => r.url);
}

async function compare(root, publicDir) {
  let nonEmpty = 0;
  for (const q of QUERIES) {
    const rust = rustTop10(root, q);
    const js = await clientTop10(publicDir, q);
    assert.deepEqual(js, rust, `query ${JSON.stringify(q)}`);
    if (rust.length) nonEmpty++;
  }
  assert.ok(nonEmpty >= 5, `only ${nonEmpty} queries found something`);
}

test("same top 10 on the repo's content", async () => {
  const out = path.join(REPO, "target/browser-public");
  banhanh("build", "--root", REPO, "--output", out);
  await compare(REPO, out);
});

test("same top 10 on a generated 1000-document corpus", async () => {
  const root = generatedSite({ docs: 1000, size: 5000 });
  await compare(root, path.join(root, "public"));
});

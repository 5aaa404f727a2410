// The client ranks like tantivy: the same queries through `banhanh search --json` (tantivy's BM25 on
// the site's index) and through the search page's engine (themes/default/templates/search-engine.js,
// in node, reading the static index exported from it) give the same top 10, in the same order, with
// the same section anchors: submitted queries, quoted phrases, and queries typed so far (--prefix).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO, banhanh, generatedSite } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const client = require(path.join(REPO, "themes/default/templates/search-engine.js"));

const QUERIES = ["nghi quyet 01", "nghị quyết 01", "chuyen doi so", "chuyển đổi số", "\"chuyen doi so\"", "dau tu cong",
  "đầu tư công", "22/KH-UBND", "17/CT-UBND", "01 nq cp", "duong", "đường", "thi đua khen thưởng", "vinh long 2024",
  "cai cach hanh chinh", "\"dau tu\" cong", "giải ngân", "an sinh xa hoi", "xyzzy",
  // Quoted phrases of three words and more: tantivy's PhraseQuery on the bigrams' positions.
  "\"dau tu cong\"", "\"nghi quyet so 01\"", "\"cai cach hanh chinh\" 2024", "\"ke hoach phat trien\"", "\"so 01 nq\""];
const TYPED = ["chuyen doi s", "22/kh", "nghi q", "dau tu c", "vinh l", "thi đua khen th", "cai cach hanh ch", "g"];

async function clientTop10(publicDir, q, typing) {
  const dir = path.join(publicDir, "search");
  const load = (p) => Promise.resolve(new Uint8Array(readFileSync(path.join(dir, p.split("?")[0]))));
  const engine = new client.Engine(load);
  const res = await engine.search(q, typing);
  const rows = await Promise.all(res.hits.slice(0, 10).map((h) => engine.head(res, h)));
  return rows.map((r) => r.url);
}

function rustTop10(root, q, typing) {
  const args = ["search", "--root", root, "--json", "--limit", "10"];
  if (typing) args.push("--prefix");
  return JSON.parse(banhanh(...args, q)).map((r) => r.url);
}

async function compare(root, publicDir) {
  let nonEmpty = 0;
  for (const [queries, typing] of [[QUERIES, false], [TYPED, true]]) {
    for (const q of queries) {
      const rust = rustTop10(root, q, typing);
      const js = await clientTop10(publicDir, q, typing);
      assert.deepEqual(js, rust, `${typing ? "typed" : "query"} ${JSON.stringify(q)}`);
      if (rust.length) nonEmpty++;
    }
  }
  assert.ok(nonEmpty >= 20, `only ${nonEmpty} queries found something`);
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

// The site the accessibility, phone, print and HTML tests judge: tests/fixtures/sites/browser/ (a real
// programme with a table, citations, hubs, fields, several provinces and years) built by the real
// binary, with one URL per page type (the hub carries its tracker; the unit page the documents of
// the province it took in).
import { cpSync, mkdirSync, symlinkSync, writeFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { REPO, tempDir, banhanh } from "./helpers.mjs";

/** One page of each type of the built site, by name. */
export const PAGES = {
  home: "/",
  document: "/kien-giang/2021/22-kh-ubnd/",
  province: "/vinh-long/",
  "province-year": "/vinh-long/2024/",
  year: "/nam/2024/",
  type: "/loai/ke-hoach/",
  field: "/linh-vuc/kinh-te/",
  hub: "/van-ban/01-nq-cp-2024/",
  "hub-by-days": "/van-ban/01-nq-cp-2024/theo-so-ngay/",
  trackers: "/theo-doi/",
  series: "/theo-doi/01-nq-cp/",
  unit: "/an-giang/",
  provinces: "/tinh/",
  indicators: "/chi-tieu/",
  indicator: "/chi-tieu/tang-truong-grdp/",
  agencies: "/co-quan/",
  agency: "/co-quan/so-ke-hoach-va-dau-tu/",
  search: "/tim-kiem/?q=nghi+quyet+01",
  "404": "/404.html",
};

/** Builds the fixture site into a fresh temp folder; returns its `public/` folder.
 * With BANHANH_DEV_THEME=1 the worktree's themes/default/ is used as is (theme work without recompiling). */
export function fixtureSite() {
  const root = tempDir("banhanh-fixture-");
  cpSync(path.join(REPO, "tests/fixtures/sites/browser"), root, { recursive: true });
  if (process.env.BANHANH_DEV_THEME) {
    mkdirSync(path.join(root, "themes"));
    symlinkSync(path.join(REPO, "themes/default"), path.join(root, "themes/default"));
    writeFileSync(path.join(root, "site.yaml"), "theme: default\n");
  }
  banhanh("build", "--root", root);
  return path.join(root, "public");
}

/** Every HTML file under `dir`, as site paths (`/a/b/` for `a/b/index.html`). */
export function htmlPaths(dir, prefix = "") {
  const out = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = path.join(prefix, name);
    if (statSync(path.join(dir, rel)).isDirectory()) out.push(...htmlPaths(dir, rel));
    else if (name.endsWith(".html")) out.push("/" + rel.replace(/index\.html$/, ""));
  }
  return out;
}

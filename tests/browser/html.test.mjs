// Every HTML page of the fixture site passes the Nu Html Checker (npm vnu-jar, run with Java) with
// zero errors; a page with a planted error shows the checker really reads the files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { tempDir } from "./helpers.mjs";
import { fixtureSite, htmlPaths } from "./site.mjs";

const vnu = createRequire(import.meta.url)("vnu-jar");
const JAVA = process.env.JAVA || "java";

/** Runs vnu on a folder; returns its messages (errors only). */
function check(dir) {
  let out;
  try {
    out = execFileSync(JAVA, ["-jar", vnu, "--errors-only", "--format", "json", "--skip-non-html", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e) {
    out = e.stderr || e.stdout; // vnu exits 1 and prints JSON on stderr when it finds errors
  }
  return JSON.parse(out || '{"messages":[]}').messages;
}

test("every page of the built site is valid HTML (Nu Html Checker, zero errors)", () => {
  const dir = fixtureSite();
  assert.ok(htmlPaths(dir).length >= 40);
  const errors = check(dir).map((m) => `${m.url.replace(/^file:.*?public/, "")}:${m.lastLine} ${m.message}`);
  assert.deepEqual(errors, []);
  // The same run on a copy with one broken page reports it.
  const bad = tempDir("banhanh-vnu-");
  cpSync(dir, bad, { recursive: true });
  writeFileSync(path.join(bad, "404.html"), "<!DOCTYPE html><html lang=vi><title>x</title><p><div></span>");
  const found = check(bad);
  assert.ok(found.length >= 1 && found.every((m) => m.url.endsWith("404.html")), JSON.stringify(found.slice(0, 3)));
});

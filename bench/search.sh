#!/usr/bin/env bash
# Search benchmark (not a test): builds a generated corpus (default 1000 documents of ~55 KB) and
# prints, side by side in the same run:
#   - build time: bare floor (serde_yaml + pulldown-cmark, examples/search_floor.rs), `banhanh build`
#     (whole site + search index), and Pagefind indexing the same public/;
#   - static index size (raw and gzip) of both engines;
#   - bytes fetched and ms to first results for typical queries from a cold cache (real chromium);
#   - each engine's top results for diacritic-free queries.
# Usage: bash bench/search.sh [DOCS] [BYTES_PER_DOC]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS="${1:-1000}"
SIZE="${2:-55000}"
WORK="$(mktemp -d /tmp/banhanh-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
(cd bench && npm ci --no-audit --no-fund --loglevel=error)
cargo build --release --locked --bin banhanh --example search_floor 2>&1 | tail -1
BIN="$PWD/target/release/banhanh"
FLOOR="$PWD/target/release/examples/search_floor"
PAGEFIND="$PWD/bench/node_modules/.bin/pagefind"

python3 scripts/gen_corpus.py "$WORK/site" --docs "$DOCS" --size "$SIZE"
echo "== corpus: $DOCS documents, $(du -sh "$WORK/site/content" | cut -f1) of Markdown =="

echo "== build time =="
hyperfine --warmup 1 --runs 5 --export-json "$WORK/build.json" \
  -n floor "$FLOOR $WORK/site $WORK/floor-out" \
  -n banhanh "$BIN build --root $WORK/site" 2>&1 | grep -vE '^\s*$'
hyperfine --runs 3 --export-json "$WORK/pagefind.json" \
  -n pagefind "$PAGEFIND --site $WORK/site/public --output-path $WORK/pf-out --quiet" 2>&1 | grep -vE '^\s*$'
"$PAGEFIND" --site "$WORK/site/public" --quiet >/dev/null
cat > "$WORK/site/public/pagefind-bench.html" <<'HTML'
<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>Pagefind bench</title><body></body></html>
HTML

python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
b = {r["command"]: r["mean"] for r in json.load(open(f"{w}/build.json"))["results"]}
p = json.load(open(f"{w}/pagefind.json"))["results"][0]["mean"]
print(f"floor {b['floor']:.2f} s | banhanh build (site + search index) {b['banhanh']:.2f} s = {b['banhanh']/b['floor']:.2f}x floor"
      f" | banhanh build + pagefind {b['banhanh']+p:.2f} s = {(b['banhanh']+p)/b['floor']:.2f}x floor (pagefind alone {p:.2f} s)")
PY

echo "== static index size =="
python3 - "$WORK/site/public" <<'PY'
import gzip, os, sys
root = sys.argv[1]
for name, sub in [("banhanh", "search"), ("pagefind", "pagefind")]:
    raw = gz = n = 0
    for d, _, fs in os.walk(os.path.join(root, sub)):
        for f in fs:
            b = open(os.path.join(d, f), "rb").read()
            raw += len(b); gz += len(gzip.compress(b, 6)); n += 1
    print(f"{name:9} {n:6} files  {raw/1e6:8.2f} MB raw  {gz/1e6:8.2f} MB gzip")
js = b"".join(open(f"themes/default/static/{n}", "rb").read() for n in ("search-engine.js", "search.js"))
print(f"client JS (search-engine.js + search.js) {len(js)/1e3:.1f} KB raw, {len(gzip.compress(js, 6))/1e3:.1f} KB gzip")
PY

echo "== one query from a cold cache (chromium, gzip-serving localhost) =="
node bench/measure.mjs "$WORK/site/public" "nghi quyet 01" "chuyen doi so" "dau tu cong" "22/KH-UBND" \
  "cai cach hanh chinh" "giai ngan von" "\"dau tu cong\"" "so" "thi dua khen thuong" > "$WORK/measure.json"
python3 - "$WORK/measure.json" "$BIN" "$WORK/site" <<'PY'
import json, statistics, subprocess, sys
m = json.load(open(sys.argv[1]))
for eng in ("banhanh", "pagefind"):
    rows = m[eng]
    kb = [r["bytes"] / 1e3 for r in rows]; ms = [r["ms"] for r in rows]
    print(f"{eng:9} bytes/query median {statistics.median(kb):7.1f} KB  max {max(kb):7.1f} KB | "
          f"ms to results median {statistics.median(ms):5.0f}  max {max(ms):5.0f}")
typed = [r["typed_ms"] for r in m["banhanh"] if "typed_ms" in r]
if typed:
    print(f"banhanh   typed at 120 ms a key: ms from the last key to complete results median {statistics.median(typed):5.0f}  max {max(typed):5.0f}")
print()
print(f"{'query':24} {'banhanh KB':>10} {'ms':>5} {'hits':>6} | {'pagefind KB':>11} {'ms':>5} {'hits':>6}")
for a, b in zip(m["banhanh"], m["pagefind"]):
    hits = len(json.loads(subprocess.run([sys.argv[2], "search", "--root", sys.argv[3], "--json", "--limit", "100000", a["q"]],
                                         capture_output=True, text=True).stdout))
    print(f"{a['q']:24} {a['bytes']/1e3:10.1f} {a['ms']:5} {hits:6} | {b['bytes']/1e3:11.1f} {b['ms']:5} {b['count']:6}")
print()
print("== top results for diacritic-free queries ==")
for a, b in zip(m["banhanh"], m["pagefind"]):
    print(f"-- {a['q']}")
    for i in range(3):
        x = a["top"][i] if i < len(a["top"]) else ""
        y = b["top"][i] if i < len(b["top"]) else ""
        print(f"   banhanh : {x[:110]}\n   pagefind: {y[:110]}")
PY

#!/usr/bin/env bash
# Search benchmark (not a test): generates a corpus (default 1000 documents of ~55 KB) and prints,
# side by side with Pagefind in the same run:
#   - build time: `banhanh build` from scratch (no cache, no previous output), again with nothing
#     changed, and after one document was edited; with BASE_BIN=path/to/older/banhanh, that
#     binary's build from scratch in the same hyperfine run (a same-run A/B); Pagefind indexing;
#   - peak memory of a build from scratch (/usr/bin/time -v);
#   - the static index: files, raw and gzip bytes, largest file, against the site's HTML pages;
#   - per query (bench/measure.mjs, real chromium, a gzip-compressing host that ignores Range):
#     bytes a cold query costs in total on a phone and on a desktop screen, ms to the first result
#     on Slow 4G (360 px), ms from the keystroke to the first results on localhost;
#   - each engine's top results.
# Usage: [BASE_BIN=…] bash bench/search.sh [DOCS] [BYTES_PER_DOC]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS="${1:-1000}"
SIZE="${2:-55000}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d /tmp/banhanh-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

command -v hyperfine >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null; }
command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
(cd bench && npm ci --no-audit --no-fund --loglevel=error)
cargo build --release --locked --bin banhanh 2>&1 | tail -1
BIN="$PWD/target/release/banhanh"
PAGEFIND="$PWD/bench/node_modules/.bin/pagefind"
SITE="$WORK/site"

python3 scripts/gen_corpus.py "$SITE" --docs "$DOCS" --size "$SIZE"
echo "== corpus: $DOCS documents, $(du -sh "$SITE/content" | cut -f1) of Markdown =="

echo "== build time (median of $RUNS) =="
FRESH="rm -rf $SITE/.cache $SITE/public"
ARGS=(-n "banhanh from scratch" --prepare "$FRESH" "$BIN build --root $SITE")
if [ -n "${BASE_BIN:-}" ]; then
  ARGS+=(-n "baseline from scratch" --prepare "$FRESH" "$BASE_BIN build --root $SITE")
fi
hyperfine --runs "$RUNS" --export-json "$WORK/build.json" "${ARGS[@]}" 2>&1 | grep -vE '^\s*$'
"$BIN" build --root "$SITE" >/dev/null
EDITED="$SITE/content/00007.md"
hyperfine --runs "$RUNS" --export-json "$WORK/warm.json" \
  -n "banhanh, nothing changed" "$BIN build --root $SITE" \
  -n "banhanh, one document edited" --prepare "sh -c 'echo Đoạn thêm \$RANDOM. >> $EDITED'" "$BIN build --root $SITE" \
  2>&1 | grep -vE '^\s*$'
rm -rf "$SITE/.cache" "$SITE/public"
/usr/bin/time -v "$BIN" build --root "$SITE" 2> "$WORK/time.txt" >/dev/null
echo "peak memory of a build from scratch: $(awk '/Maximum resident/ {printf "%.0f MiB", $6/1024}' "$WORK/time.txt")"
hyperfine --runs 3 --export-json "$WORK/pagefind.json" \
  -n pagefind "$PAGEFIND --site $SITE/public --output-path $WORK/pf-out --quiet" 2>&1 | grep -vE '^\s*$'
"$PAGEFIND" --site "$SITE/public" --quiet >/dev/null
python3 - "$WORK" <<'PY'
import json, statistics, sys
w = sys.argv[1]
rows = {r["command"]: r for f in ("build.json", "warm.json", "pagefind.json") for r in json.load(open(f"{w}/{f}"))["results"]}
med = {k: statistics.median(r["times"]) for k, r in rows.items()}
for k, v in med.items():
    print(f"{k:32} median {v:7.2f} s")
if "baseline from scratch" in rows:
    a, b = rows["banhanh from scratch"]["times"], rows["baseline from scratch"]["times"]
    print(f"ratio banhanh / baseline, from scratch: {statistics.median(a) / statistics.median(b):.2f}")
PY

echo "== static index =="
python3 - "$SITE/public" <<'PY'
import gzip, os, sys
root = sys.argv[1]
pages = sum(1 for d, _, fs in os.walk(root) for f in fs if f.endswith(".html") and "pagefind" not in d)
print(f"site: {pages} HTML pages")
for name, sub in [("banhanh", "search"), ("pagefind", "pagefind")]:
    raw = gz = n = 0
    largest = (0, "")
    for d, _, fs in os.walk(os.path.join(root, sub)):
        for f in fs:
            b = open(os.path.join(d, f), "rb").read()
            raw += len(b); gz += len(gzip.compress(b, 6)); n += 1
            largest = max(largest, (len(b), os.path.relpath(os.path.join(d, f), root)))
    print(f"{name:9} {n:6} files  {raw/1e6:8.2f} MB raw  {gz/1e6:8.2f} MB gzip  largest {largest[0]/1e3:.0f} KB ({largest[1]})")
page = open(os.path.join(root, "tim-kiem/index.html"), "rb").read()
print(f"search page (engine written in) {len(page)/1e3:.1f} KB raw, {len(gzip.compress(page, 6))/1e3:.1f} KB gzip")
PY

echo "== one query from a cold cache (chromium; gzip host without Range) =="
node bench/measure.mjs "$SITE/public" "nghi quyet 01" "chuyen doi so" "dau tu cong" "22/KH-UBND" \
  "cai cach hanh chinh" "giai ngan von" "\"dau tu cong\"" "so" "thi dua khen thuong" > "$WORK/measure.json"
python3 - "$WORK/measure.json" <<'PY'
import json, statistics, sys
m = json.load(open(sys.argv[1]))
def line(name, vals, unit):
    return f"{name} median {statistics.median(vals):7.1f} {unit}  max {max(vals):7.1f} {unit}"
for eng, rows in m.items():
    if not rows:
        continue
    print(f"{eng:9}", line("bytes/query (phone)", [r["bytes"] / 1e3 for r in rows], "KB"), "|",
          line("desktop", [r["desktop_bytes"] / 1e3 for r in rows], "KB"))
    print(f"{'':9}", line("Slow 4G first result", [r["slow4g_ms"] for r in rows], "ms"),
          f"| on screen {sum(r['slow4g_on_screen'] for r in rows)}/{len(rows)}")
    typed = [r["typed_ms"] for r in rows if "typed_ms" in r]
    if typed:
        print(f"{'':9}", line("keystroke to first results (localhost)", typed, "ms"))
print()
print(f"{'query':24} {'banhanh KB':>10} {'desk KB':>8} {'4G ms':>6} {'key ms':>6} | {'pagefind KB':>11} {'desk KB':>8} {'4G ms':>6}")
pf = {r["q"]: r for r in m["pagefind"]}
for a in m["banhanh"]:
    b = pf.get(a["q"], {})
    print(f"{a['q']:24} {a['bytes']/1e3:10.1f} {a['desktop_bytes']/1e3:8.1f} {a['slow4g_ms']:6} {a['typed_ms']:6} | "
          f"{b.get('bytes', 0)/1e3:11.1f} {b.get('desktop_bytes', 0)/1e3:8.1f} {b.get('slow4g_ms', 0):6}")
print()
print("== top results ==")
for a in m["banhanh"]:
    b = pf.get(a["q"], {"top": []})
    print(f"-- {a['q']}")
    for i in range(3):
        x = a["top"][i] if i < len(a["top"]) else ""
        y = b["top"][i] if i < len(b["top"]) else ""
        print(f"   banhanh : {x[:110]}\n   pagefind: {y[:110]}")
PY

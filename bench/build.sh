#!/usr/bin/env bash
# Build benchmark (not a test): for each size N, generates N documents (scripts/gen_corpus.py:
# paragraphs of the real seeds and programmes attributed to the 63 provinces and several years),
# builds them with banhanh and with the bare "serde_yaml + pulldown-cmark into HTML files" floor
# (examples/floor.rs), alternating runs in this one script, and prints per size: median wall time,
# documents/s, peak RSS, and the ratio banhanh/floor of the median wall times. A last table shows
# how time and memory grow with N (linear growth keeps seconds per 1000 documents flat).
#
# usage: bench/build.sh [SIZES="1000"] [RUNS=5] [OUT_PARENT=a temporary folder]
#   e.g. bench/build.sh "1000 5000 20000" 3
# OUT_PARENT is where corpora and outputs go (20000 documents need ~5 GB).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-1000}
RUNS=${2:-5}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet --bin banhanh --example floor
work=$(mktemp -d "${3:-${TMPDIR:-/tmp}}/bench-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo) GiB"

measure() { # label cmd... → appends "wall_s rss_kib" to $work/$label
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  cat "$work/t" >> "$work/$label"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
report() { # label n → one line; leaves the median in $work/label.median
  local label=$1 n=$2 wall rss
  wall=$(cut -d' ' -f1 "$work/$label" | median)
  rss=$(cut -d' ' -f2 "$work/$label" | sort -n | tail -1)
  printf "  %-8s median %7.2f s  %7.0f docs/s  peak RSS %5d MiB  (runs: %s)\n" "$label" "$wall" \
    "$(awk -v n="$n" -v w="$wall" 'BEGIN {print n / w}')" $((rss / 1024)) "$(cut -d' ' -f1 "$work/$label" | tr '\n' ' ')"
  echo "$wall $((rss / 1024))" > "$work/$label.median"
}

summary=()
for N in $SIZES; do
  site="$work/site-$N"
  python3 scripts/gen_corpus.py "$site" --docs "$N" >/dev/null
  bytes=$(du -sb "$site/content" | cut -f1)
  echo "corpus: $N documents, $((bytes / 1048576)) MiB of Markdown ($((bytes / N / 1024)) KiB each)"
  rm -f "$work/floor" "$work/banhanh"
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/floor-out"
    measure floor target/release/examples/floor "$site/content" "$work/floor-out"
    measure banhanh target/release/banhanh build --root "$site" --output "$work/public"
  done
  report floor "$N"
  report banhanh "$N"
  read -r fw _ < "$work/floor.median"
  read -r bw brss < "$work/banhanh.median"
  printf "  ratio banhanh/floor (median wall time): %.2fx\n" "$(awk -v a="$bw" -v b="$fw" 'BEGIN {print a / b}')"
  echo "  banhanh output: $(find "$work/public" -type f | wc -l) files, $(du -sm "$work/public" | cut -f1) MiB"
  summary+=("$(printf "%6d docs  %7.2f s  %6.2f s per 1000 docs  peak %5d MiB  %5.1f KiB per doc" "$N" "$bw" \
    "$(awk -v w="$bw" -v n="$N" 'BEGIN {print w * 1000 / n}')" "$brss" "$(awk -v m="$brss" -v n="$N" 'BEGIN {print m * 1024 / n}')")")
  rm -rf "$site" "$work/public" "$work/floor-out"
done
echo "growth with N (banhanh):"
printf '  %s\n' "${summary[@]}"

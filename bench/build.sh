#!/usr/bin/env bash
# Build benchmark (not a test): generates N documents (scripts/gen_corpus.py: paragraphs of the real
# seeds and programmes attributed to the 63 provinces and several years),
# builds them with banhanh and with the bare "serde_yaml + pulldown-cmark into HTML files" floor
# (examples/floor.rs), alternating runs in this one script, and prints documents/s, peak RSS and
# the ratio banhanh/floor of the median wall times.
#
# usage: bench/build.sh [N=1000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-5}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet --bin banhanh --example floor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/gen_corpus.py "$work/site" --docs "$N"
bytes=$(du -sb "$work/site/content" | cut -f1)
echo "corpus: $N documents, $((bytes / N / 1024)) KiB each on average, $(nproc) cores"

measure() { # label cmd... → appends "wall_s rss_kib" lines to $work/$label
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  cat "$work/t" >> "$work/$label"
}
for _ in $(seq "$RUNS"); do
  measure floor target/release/examples/floor "$work/site/content" "$work/floor-out"
  measure banhanh target/release/banhanh build --root "$work/site" --output "$work/public"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
report() {
  local label=$1 wall rss
  wall=$(cut -d' ' -f1 "$work/$label" | median)
  rss=$(cut -d' ' -f2 "$work/$label" | sort -n | tail -1)
  printf "%-8s median %6.2f s  %8.0f docs/s  peak RSS %4d MiB  (runs: %s)\n" "$label" "$wall" \
    "$(awk -v n="$N" -v w="$wall" 'BEGIN {print n / w}')" $((rss / 1024)) "$(cut -d' ' -f1 "$work/$label" | tr '\n' ' ')"
  echo "$wall" > "$work/$label.median"
}
report floor
report banhanh
printf "ratio banhanh/floor (median wall time): %.2fx\n" "$(awk -v a="$(cat "$work/banhanh.median")" -v b="$(cat "$work/floor.median")" 'BEGIN {print a / b}')"
pages=$(find "$work/public" -name '*.html' | wc -l)
echo "banhanh output: $pages HTML pages"

#!/usr/bin/env bash
# Benchmark of `banhanh serve` (not a test): on a generated site of DOCS documents (default 1000),
# prints the time from a file write to the rebuilt page being served, for a body edit and a title
# edit (which changes lists), as a ratio of the full `banhanh build` time measured in the same run.
# Usage: bash bench/serve.sh [DOCS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin banhanh --bin bench-serve
exec target/release/bench-serve "${1:-1000}" "${2:-10}"

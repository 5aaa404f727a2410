#!/usr/bin/env bash
# Runs the property tests ("fuzzing" on stable Rust) for longer than the default suite does.
# Usage: bash scripts/fuzz.sh [CASES]   (default 20000 cases per property)
# A failure is shrunk to a small input and saved in tests/publish_fuzz.proptest-regressions;
# commit that file so the input is replayed by every later run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${1:-20000}"
echo "== property tests, $PROPTEST_CASES cases each =="
cargo test --release --locked --test publish_fuzz 2>&1

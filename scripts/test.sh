#!/usr/bin/env bash
# Runs every test of banhanh: the Rust unit and integration tests (real binary on fixture sites and
# on the repo's content). Installs what it needs itself, so it works on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test =="
cargo test --locked --all-targets 2>&1

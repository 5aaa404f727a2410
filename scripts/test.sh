#!/usr/bin/env bash
# Runs every test of banhanh: the Rust unit and integration tests (real binary on fixture sites and
# on the repo's content). Installs what it needs itself, so it works on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- publish: feed validation needs Python's feedparser (tests/publish_site.rs calls python3) ---
echo "== pip install feedparser =="
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore feedparser 2>&1 \
  || python3 -m pip install --quiet feedparser 2>&1
# --- end publish ---

echo "== cargo test =="
cargo test --locked --all-targets 2>&1

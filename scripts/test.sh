#!/usr/bin/env bash
# Runs every test of banhanh: the format and lint gate, the Rust unit and integration tests (real
# binary on fixture sites and on the repo's content) and the real-browser tests. Installs what it
# needs itself, so it works on a fresh machine and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check / cargo clippy =="
# rustfmt and clippy come with the toolchain (rustup's default profile).
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings 2>&1
echo "format and lint: clean"

# Feed validation needs Python's feedparser (tests/publish_site.rs calls python3).
echo "== pip install feedparser =="
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore feedparser 2>&1 \
  || python3 -m pip install --quiet feedparser 2>&1

# --- targets and tasks: the calendars are read back with Python's icalendar (tests/plan_data.rs) ---
echo "== pip install icalendar =="
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore icalendar 2>&1 \
  || python3 -m pip install --quiet icalendar 2>&1
# --- end targets and tasks ---

echo "== cargo test =="
cargo test --locked --all-targets 2>&1

# Browser tests (tests/browser/): Debian's chromium, pdftotext (poppler-utils) for the print test,
# Java 17 for vnu-jar, and the npm packages from the committed package-lock.json.
echo "== browser tests =="
APT_PKGS=""
command -v chromium >/dev/null 2>&1 || APT_PKGS="$APT_PKGS chromium"
command -v pdftotext >/dev/null 2>&1 || APT_PKGS="$APT_PKGS poppler-utils"
if [ -n "$APT_PKGS" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $APT_PKGS >/dev/null
fi
# `cargo test --all-targets` above already built target/debug/banhanh (integration tests run it):
# a separate `cargo build` would only rebuild dependencies with other features.
test -x target/debug/banhanh
(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
BANHANH_BIN="$PWD/target/debug/banhanh" node --test --test-concurrency=1 tests/browser/ 2>&1

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

# --- targets and tasks: the calendars are read back with Python's icalendar (tests/plan_data.rs) ---
echo "== pip install icalendar =="
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore icalendar 2>&1 \
  || python3 -m pip install --quiet icalendar 2>&1
# --- end targets and tasks ---

echo "== cargo test =="
cargo test --locked --all-targets 2>&1

# ---- Search: ranking twin test and real-browser tests (tests/browser/) ----
# Needs Debian's chromium (apt) and playwright-core (npm, from the committed package-lock.json).
echo "== browser tests =="
# ---- a11y: pdftotext (Debian poppler-utils) for the print test; Java 17 runs vnu-jar (npm) ----
APT_PKGS=""
command -v chromium >/dev/null 2>&1 || APT_PKGS="$APT_PKGS chromium"
command -v pdftotext >/dev/null 2>&1 || APT_PKGS="$APT_PKGS poppler-utils"
# ---- end a11y ----
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
# ---- end search ----

#!/usr/bin/env bash
# Copies the theme's self-hosted font (Noto Sans, Vietnamese + Latin subsets, woff2) and its licence
# from the npm package @fontsource/noto-sans (installed by tests/browser's package-lock.json) into
# themes/default/static/fonts/. Run after `npm ci` in tests/browser when updating the font.
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/browser/node_modules/@fontsource/noto-sans
dst=themes/default/static/fonts
mkdir -p "$dst"
for subset in vietnamese latin; do
  for style in 400-normal 700-normal 400-italic; do
    cp "$src/files/noto-sans-$subset-$style.woff2" "$dst/"
  done
done
cp "$src/LICENSE" "$dst/OFL.txt"
echo "fonts from @fontsource/noto-sans $(node -p "require('./$src/package.json').version") → $dst"

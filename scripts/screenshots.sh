#!/usr/bin/env bash
# The meeting page as a planner sees it at 1600×1000, in Debian's Chromium (puppeteer-core
# from tests/js): docs/trang-hop-bac-lieu.png (models/bac-lieu) and docs/trang-hop-hai-tinh.png
# (Bạc Liêu and Cà Mau merged, examples/merge/ca-mau-2025.map.yaml). Same inputs, same pages.
# Needs `npm ci --prefix tests/js` and chromium (KIENTRUC_CHROMIUM names another one).
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="${KIENTRUC_CHROMIUM:-/usr/bin/chromium}"
cargo build --release --quiet --bin kientruc
bin=target/release/kientruc
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" merge models/bac-lieu models/ca-mau --id ca-mau --map examples/merge/ca-mau-2025.map.yaml \
  -o "$work/ca-mau-2025" > /dev/null
"$bin" graph models/bac-lieu --format html --findings --today 2026-01-15 -o "$work/bac-lieu.html"
"$bin" graph "$work/ca-mau-2025" --format html --findings --today 2026-01-15 -o "$work/hai-tinh.html"
node tests/js/browser.mjs "$work/bac-lieu.html" "$chromium" --screenshot docs/trang-hop-bac-lieu.png
node tests/js/browser.mjs "$work/hai-tinh.html" "$chromium" --screenshot docs/trang-hop-hai-tinh.png
echo "docs/trang-hop-bac-lieu.png docs/trang-hop-hai-tinh.png"

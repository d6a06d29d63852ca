#!/usr/bin/env bash
# Runs the fuzz targets with cargo-fuzz (libFuzzer; needs a nightly toolchain:
# `rustup toolchain install nightly`, `cargo install cargo-fuzz`).
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 300)
# New corpus entries go to fuzz/corpus/<target>/ (commit the small, minimised ones:
# `cargo +nightly fuzz cmin <target>`); a crash is written to fuzz/artifacts/<target>/ — copy it
# to tests/fuzz-regressions/ so that `cargo test --test fuzz` replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
for target in load rules; do
    mkdir -p "fuzz/corpus/$target"
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" fuzz/seeds -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
done

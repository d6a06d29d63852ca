#!/usr/bin/env bash
# Whole-process benchmark of kientruc at national scale (see examples/gen.rs, examples/bench.rs).
# Generates 1, 10 and 60 provinces of 1,000 systems (once, under target/bench), then times
# `kientruc check --format json` and the YAML parser's event loop alone on the same files, and
# prints the targets' ratios. Uses hyperfine when installed, else /usr/bin/time.
# Then, on models with one planted typo per province (gen --typos) at 10, 60 and 120 provinces
# (TYPO_PROVINCES), the wall time on 1 and 2 threads (KIENTRUC_THREADS), whether both JSON
# reports are the same bytes, and how many KT001 findings carry their suggestion.
# Then PyYAML's C loader parsing the 60-province files (when PyYAML is installed), and the
# language server's latency after an edit (examples/lsp_bench) on Bạc Liêu and 60 provinces.
# Usage: scripts/bench.sh [SYSTEMS_PER_PROVINCE]   (environment: SEED, PROVINCES="1 10 60",
#        TYPO_PROVINCES="10 60 120")
set -euo pipefail
cd "$(dirname "$0")/.."
systems="${1:-1000}"
seed="${SEED:-7}"
provinces="${PROVINCES:-1 10 60}"
cargo build --release --quiet --bin kientruc --example gen --example bench --example lsp_bench
bin=target/release
out=target/bench
today=2025-01-01

measure() { # command… → prints "cpu_seconds max_rss_kb wall_seconds" (exit code ignored)
    local tmp
    tmp=$(mktemp)
    /usr/bin/time -f "%U %S %M %e" -o "$tmp" "$@" > /dev/null 2>&1 || true
    # The last line: /usr/bin/time first notes a non-zero exit (findings give exit code 1).
    read -r user sys rss wall < <(tail -n 1 "$tmp")
    rm -f "$tmp"
    printf '%s %s %s\n' "$(echo "$user + $sys" | bc)" "$rss" "$wall"
}

printf '%-10s %8s %9s %9s %12s %12s %9s %10s\n' provinces "YAML MB" "parse s" "check s" "check wall" check/parse "peak MB" peak/YAML
declare -A check_s
for n in $provinces; do
    dir="$out/p$n-s$systems-seed$seed"
    if [ ! -f "$dir/model.yaml" ]; then
        rm -rf "$dir"
        "$bin/examples/gen" --provinces "$n" --systems "$systems" --seed "$seed" --out "$dir" > /dev/null
    fi
    bytes=$(find "$dir" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}')
    best_parse=""; best_check=""; rss=""
    for _ in 1 2 3; do
        read -r p _ _ < <(measure "$bin/examples/bench" --parse-only "$dir")
        read -r c r w < <(measure "$bin/kientruc" check --format json --today "$today" "$dir")
        if [ -z "$best_parse" ] || (( $(echo "$p < $best_parse" | bc) )); then best_parse=$p; fi
        if [ -z "$best_check" ] || (( $(echo "$c < $best_check" | bc) )); then best_check=$c; rss=$r; wall=$w; fi
    done
    check_s[$n]=$best_check
    printf '%-10s %8.1f %9.3f %9.3f %12.3f %12.2f %9.1f %10.1f\n' "$n" "$(echo "$bytes/1000000" | bc -l)" \
        "$best_parse" "$best_check" "$wall" "$(echo "$best_check/($best_parse+0.001)" | bc -l)" \
        "$(echo "$rss/1000" | bc -l)" "$(echo "$rss*1024/$bytes" | bc -l)"
done
if [ -n "${check_s[10]:-}" ] && [ -n "${check_s[60]:-}" ]; then
    printf '60 provinces / 10 provinces (check CPU time): %.2f× (target ≤ 7)\n' "$(echo "${check_s[60]}/${check_s[10]}" | bc -l)"
fi
echo "times are user+system CPU seconds (best of 3; steadier than wall time on a shared machine)"
if command -v hyperfine > /dev/null; then
    dir="$out/p1-s$systems-seed$seed"
    [ -d "$dir" ] && hyperfine --warmup 1 "$bin/kientruc check --format json --today $today $dir"
fi

typo_provinces="${TYPO_PROVINCES:-10 60 120}"
printf '\n%-10s %8s %10s %12s %12s %9s %10s %s\n' provinces "YAML MB" "parse wall" "1 thread" "2 threads" "peak MB" peak/YAML "same bytes, KT001 with suggestion"
for n in $typo_provinces; do
    dir="$out/typos-p$n-s$systems-seed$seed"
    if [ ! -f "$dir/model.yaml" ]; then
        rm -rf "$dir"
        "$bin/examples/gen" --provinces "$n" --systems "$systems" --seed "$seed" --out "$dir" --typos > /dev/null
    fi
    bytes=$(find "$dir" -name '*.yaml' -printf '%s\n' | awk '{s+=$1} END {print s}')
    read -r _ _ parse_wall < <(measure "$bin/examples/bench" --parse-only "$dir")
    read -r _ _ one < <(KIENTRUC_THREADS=1 measure "$bin/kientruc" check --format json --today "$today" --output "$out/typos-$n-1.json" "$dir")
    read -r _ rss two < <(KIENTRUC_THREADS=2 measure "$bin/kientruc" check --format json --today "$today" --output "$out/typos-$n-2.json" "$dir")
    same=no; cmp -s "$out/typos-$n-1.json" "$out/typos-$n-2.json" && same=yes
    kt=$(python3 -c "import json,sys; f=[x for x in json.load(open(sys.argv[1]))['findings'] if x['code']=='KT001']; print(f'{sum(1 for x in f if x[\"arguments\"].get(\"suggestion\"))} of {len(f)}')" "$out/typos-$n-2.json")
    printf '%-10s %8.1f %10.2f %12.2f %12.2f %9.1f %10.1f %s, %s\n' "$n" "$(echo "$bytes/1000000" | bc -l)" "$parse_wall" "$one" "$two" \
        "$(echo "$rss/1000" | bc -l)" "$(echo "$rss*1024/$bytes" | bc -l)" "$same" "$kt"
done

dir="$out/typos-p60-s$systems-seed$seed"
if [ -d "$dir" ] && python3 -c 'import yaml; yaml.CSafeLoader' 2> /dev/null; then
    read -r _ _ pyyaml < <(measure python3 -c "
import glob, sys, yaml
for f in sorted(glob.glob(sys.argv[1] + '/**/*.yaml', recursive=True)):
    yaml.load(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)
" "$dir")
    read -r _ _ check < <(measure "$bin/kientruc" check --format json --today "$today" "$dir")
    printf '\nPyYAML C loader, parsing alone: %.2f s wall; kientruc check: %.2f s (%.1f× faster; target ≥ 20×)\n' \
        "$pyyaml" "$check" "$(echo "$pyyaml/$check" | bc -l)"
fi
echo
"$bin/examples/lsp_bench" models/bac-lieu 12 2> /dev/null | tail -n 1
[ -d "$dir" ] && "$bin/examples/lsp_bench" "$dir" 12 2> /dev/null | tail -n 1
echo "language server targets: ≤ 50 ms on Bạc Liêu, ≤ 300 ms at 60 provinces"

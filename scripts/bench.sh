#!/usr/bin/env bash
# `make bench`: every benchmark program, with the settings docs/BENCHMARKS.md quotes.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
session=$(mktemp -d)
trap 'rm -rf "$session"' EXIT
"$build/bench/plugin_bench" --benchmark_min_time=0.3 --benchmark_repetitions=7
node "$here/engine/bench/plugin_wasm_bench.mjs" --plugins "$build/wasm/plugins" --seconds 0.5 --repetitions 3
node "$here/engine/bench/plugin_cache_lines.mjs" --plugins "$build/wasm/plugins"
"$build/engine/bench/engine_bench" --benchmark_min_time=1 --benchmark_repetitions=3
"$build/engine/bench/engine_bench_session" "$session"
node "$here/engine/bench/engine_wasm_bench.mjs" "$session" --engine "$build/wasm/engine/engine.wasm" \
  --plugins "$build/wasm/plugins" --seconds 2 --repetitions 3
node "$here/engine/bench/web_audio_bench.mjs" "$session" --engine "$build/wasm/engine/engine.wasm" \
  --plugins "$build/wasm/plugins" --seconds 8 --runs 5
"$here/server/bench/server_bench.sh" "$build" 8

#!/usr/bin/env bash
# `make bench`: every benchmark program, with the settings docs/BENCHMARKS.md quotes.
set -euo pipefail
build=${1:-build}
"$build/bench/plugin_bench" --benchmark_min_time=0.5
"$build/engine/bench/engine_bench" --benchmark_min_time=3

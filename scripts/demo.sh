#!/usr/bin/env bash
# `make demo`: checks every factory plugin through the sandboxed host (as a user's plugin would
# be checked) and renders the demo session to build/demo/mix.wav with one stem per track.
set -euo pipefail
build=${1:-build}
vaist="$build/cli/vaist"
status=0
for wasm in "$build"/share/wasm-studio/plugins/*.wasm; do
  "$vaist" plugin validate --quick "$wasm" || status=1
done
"$vaist" render "$build/demo/demo.session.json" -o "$build/demo/mix.wav" --stems "$build/demo/stems" || status=1
exit $status

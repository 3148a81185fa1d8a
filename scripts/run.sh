#!/usr/bin/env bash
# `make run` until the studio server exists (see README.md):
#  1. every factory plugin's descriptor, and the conformance suite run on it through the
#     sandboxed wasm2c host, exactly as a user's plugin would be checked;
#  2. the demo session rendered to build/demo/mix.wav with one stem per track.
set -euo pipefail
build=${1:-build}
vaist="$build/cli/vaist"
status=0
for wasm in "$build"/wasm/plugins/*.wasm; do
  echo "================================================================"
  "$vaist" plugin info "$wasm"
  echo
  "$vaist" plugin validate --quick "$wasm" || status=1
done
echo "================================================================"
if [ $status -eq 0 ]; then
  echo "All factory plugins conform to the WSP ABI (docs/plugin-abi.md)."
else
  echo "Some plugins failed validation (see above)." >&2
fi
echo "================================================================"
echo "Rendering the demo session ($build/demo/demo.session.json):"
"$vaist" render "$build/demo/demo.session.json" -o "$build/demo/mix.wav" --stems "$build/demo/stems" || status=1
exit $status

#!/usr/bin/env bash
# `make run` until the studio server exists: shows every factory plugin's descriptor and runs the
# conformance suite on it through the sandboxed wasm2c host, exactly as a user's plugin would be.
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
exit $status

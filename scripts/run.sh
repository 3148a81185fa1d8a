#!/usr/bin/env bash
# `make run`: the studio server on http://127.0.0.1:8080 with embedded defaults: SQLite and
# blobs in ./var, the built web app from web/dist when it exists. Ctrl-C (SIGINT) or SIGTERM
# stops it gracefully.
set -euo pipefail
build=${1:-build}
mkdir -p var
exec "$build/cli/vaist" serve --listen 127.0.0.1:8080 --data var

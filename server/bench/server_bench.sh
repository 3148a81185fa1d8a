#!/usr/bin/env bash
# Benchmark (not a test): authenticated small GETs against a real `vaist serve` with wrk.
#   server/bench/server_bench.sh [BUILD_DIR] [SECONDS]
# Starts the server on a free port with a fresh data folder, creates a user, an API token,
# 20 sessions and a 64 KiB asset, then runs wrk (2 threads, 64 connections) on
#   GET /api/v1/sessions        (the token's owner's session list: auth + a SQLite query)
#   GET /api/v1/assets/{sha256} (auth + visibility query + a 64 KiB read)
# and prints requests/s, the latency percentiles (wrk --latency) and the server's CPU time per
# request (utime + stime from /proc/PID/stat across the run, divided by the requests wrk
# completed): a figure that stays meaningful when other work shares the cores, unlike requests/s.
set -euo pipefail
build=${1:-build}
seconds=${2:-10}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
"$build/cli/vaist" serve --listen 127.0.0.1:0 --data "$data/var" >"$data/out" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q "http://" "$data/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out")
jar="$data/cookies"
csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"benchmark password"}' "$url/api/v1/auth/register" |
  sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
token=$(curl -sf -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' "$url/api/v1/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
for i in $(seq 20); do
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Session $i\",\"document\":{\"format\":\"wasm-studio-session\",\"version\":1}}" \
    "$url/api/v1/sessions" >/dev/null
done
# A 64 KiB 16-bit stereo WAV of silence.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
bytes=65492
{
  printf "RIFF$(le32 $((36 + bytes)))WAVEfmt $(le32 16)\\x01\\x00\\x02\\x00$(le32 48000)$(le32 192000)\\x04\\x00\\x10\\x00data$(le32 $bytes)"
  head -c $bytes /dev/zero
} >"$data/asset.wav"
sha=$(curl -sf -H "Authorization: Bearer $token" --data-binary "@$data/asset.wav" \
  "$url/api/v1/assets" | sed -E 's/.*"sha256":"([0-9a-f]+)".*/\1/')
export WSTUDIO_TOKEN=$token
# Fields 14 and 15 of /proc/PID/stat (utime, stime) in clock ticks; the command name (field 2)
# is "(vaist)", without spaces, so plain field splitting holds.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
ticks_per_second=$(getconf CLK_TCK)
for path in /api/v1/sessions "/api/v1/assets/$sha"; do
  echo "== GET $path"
  before=$(cpu_ticks)
  wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/authorized_get.lua" "$url$path" >"$data/wrk"
  after=$(cpu_ticks)
  grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors" "$data/wrk"
  requests=$(awk '/requests in/ { print $1 }' "$data/wrk")
  awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN {
    printf "  server CPU per request: %.1f us (%d requests, %.2f CPU-seconds)\n",
           t / hz * 1e6 / n, n, t / hz }'
done

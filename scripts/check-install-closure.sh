#!/usr/bin/env bash
# Fails unless every program and library the build, the tests and `make run` use comes from a
# Debian package that scripts/install-deps.sh installs, directly or as a dependency (Depends and
# Pre-Depends only: install-deps uses --no-install-recommends), or from an essential package that
# every Debian system has. A machine that keeps what was installed by hand cannot see such a gap;
# a fresh one fails on it.
#   scripts/check-install-closure.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: check-install-closure.sh BUILD_DIR}

listed=$(sed -n '/^packages=(/,/^)/p' scripts/install-deps.sh | sed 's/#.*//' | tr -s ' \t()' '\n' |
         grep -vE '^(packages=|)$' | sort -u)

# The dependency closure of the list, among installed packages (works without apt's lists).
closure=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
            --no-breaks --no-replaces --no-enhances $listed 2>/dev/null | grep -vE '^ |^<' | sed 's/:.*//' | sort -u)
essential=$(dpkg-query -W -f '${Package} ${Essential} ${Priority}\n' | awk '$2=="yes" || $3=="required" {print $1}' | sort -u)
have=$(printf '%s\n%s\n%s\n' "$listed" "$closure" "$essential" | sort -u)

# What CMake found (compilers, archivers, linkers, tools, libraries) in both builds, and the
# programs the tests, the plugin sandbox and `make run` start by name.
files=$(cat "$build/CMakeCache.txt" "$build/wasm/CMakeCache.txt" 2>/dev/null | grep -E ':FILEPATH=/' |
        cut -d= -f2- | grep -v "^$PWD/" | sort -u)
for program in node npm bwrap cc c++ wat2wasm wrk curl; do
  path=$(command -v "$program" 2>/dev/null) && files+=$'\n'"$path"
done
[ -d web ] && files+=$'\n'"$(command -v chromium 2>/dev/null || echo /usr/bin/chromium)"
files=$(sort -u <<<"$files")

missing=0
checked=0
while IFS= read -r file; do
  [ -n "$file" ] || continue
  checked=$((checked + 1))
  real=$(readlink -f "$file" || true)
  if [ ! -e "$real" ]; then
    echo "MISSING: $file does not exist: add the package that provides it to scripts/install-deps.sh"
    missing=$((missing + 1))
    continue
  fi
  package=$(dpkg -S "$real" 2>/dev/null | head -n1 | cut -d: -f1 || true)
  [ -n "$package" ] || package=$(dpkg -S "$file" 2>/dev/null | head -n1 | cut -d: -f1 || true)
  if [ -z "$package" ]; then
    echo "UNPACKAGED: $file ($real) belongs to no Debian package: the build must not use it"
    missing=$((missing + 1))
  elif ! grep -qxF "$package" <<<"$have"; then
    echo "NOT INSTALLED ON A FRESH MACHINE: $file comes from package $package, which scripts/install-deps.sh" \
         "neither lists nor pulls in: add it to the packages list"
    missing=$((missing + 1))
  fi
done <<<"$files"

# Link-time runtimes CMake does not record: the fuzzers link clang's libFuzzer and sanitizers.
if grep -qs 'fsanitize=fuzzer' "$build/build.ninja"; then
  checked=$((checked + 1))
  if ! grep -qxF libclang-rt-19-dev <<<"$have"; then
    echo "NOT INSTALLED ON A FRESH MACHINE: the fuzzers link libclang_rt.fuzzer.a from package" \
         "libclang-rt-19-dev: add it to the packages list"
    missing=$((missing + 1))
  fi
fi

if [ "$missing" -gt 0 ]; then
  echo "$missing of $checked programs and libraries would be missing on a fresh machine"
  exit 1
fi
echo "install closure: all $checked programs and libraries come from packages install-deps.sh installs"

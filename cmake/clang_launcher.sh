#!/bin/sh
# RULE_LAUNCH_COMPILE/RULE_LAUNCH_LINK for the fuzz targets: runs the native build's compile or
# link command with clang++-19 (libFuzzer's compiler) in place of the configured C++ compiler.
# Objects of the rest of the build (g++, same libstdc++) link into the fuzzer unchanged.
# With CMAKE_CXX_COMPILER_LAUNCHER=ccache the command starts "ccache <compiler>": ccache is kept
# in front of clang++-19, the configured compiler is dropped either way.
launcher=
if [ "$(basename "$1")" = ccache ]; then
  launcher=$1
  shift
fi
shift  # the configured compiler
exec $launcher clang++-19 "$@"

#!/bin/sh
# RULE_LAUNCH_COMPILE/RULE_LAUNCH_LINK for the fuzz targets: runs the native build's compile or
# link command with clang++-19 (libFuzzer's compiler) in place of the configured C++ compiler.
# Objects of the rest of the build (g++, same libstdc++) link into the fuzzer unchanged.
# A compiler launcher such as ccache (CMAKE_CXX_COMPILER_LAUNCHER) comes first: drop it too.
case $1 in *ccache) shift ;; esac
shift
exec clang++-19 "$@"

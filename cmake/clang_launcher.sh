#!/bin/sh
# RULE_LAUNCH_COMPILE/RULE_LAUNCH_LINK for the fuzz targets: runs the native build's compile or
# link command with clang++-19 (libFuzzer's compiler) in place of the configured C++ compiler.
# Objects of the rest of the build (g++, same libstdc++) link into the fuzzer unchanged.
compiler=$1
shift
# With CMAKE_CXX_COMPILER_LAUNCHER=ccache (docs: every configure) the command is "ccache <c++> ...".
case $compiler in
  *ccache) shift ;;
esac
exec clang++-19 "$@"

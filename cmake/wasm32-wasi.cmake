# CMake toolchain: C/C++ to standalone wasm32-wasi modules with Debian's clang-19, no JS glue.
# Used by the ExternalProject `wasm_build` of the top-level CMakeLists (WSTUDIO_WASM=ON).
#
# Debian installs wasi-libc and libc++ for wasm32 into /usr/include/wasm32-wasi and
# /usr/lib/wasm32-wasi, which clang-19 finds by itself for --target=wasm32-wasi: no --sysroot.
#
# Choices (see /work/shared/notes/toolchain.md):
#  - -msimd128: WebAssembly SIMD (128-bit), so clang vectorises plugin DSP as the native build
#    does with SSE; browsers run it, and the native host's own translator (host/src/wasm_to_c/)
#    turns it into SSE code;
#  - -mnontrapping-fptoint: a float -> int conversion is one saturating instruction, where the
#    MVP's trapping one makes clang guard every (int)x with a range test and a branch, which
#    also keeps such loops from vectorising (delay-line read positions, table indices);
#  - -fno-slp-vectorize: clang's SLP vectoriser packs a recursion's independent scalar updates
#    (an SVF's integrators, a feedback loop's filter states) into one v128 that is rebuilt lane
#    by lane and taken apart again every sample, on the dependency chain. Measured through the
#    sandbox and in V8 (plugin_bench, engine/bench/plugin_wasm_bench.mjs): filter -26%, delay
#    -25%, synth -6%; the loop vectoriser (whole-block loops) is unaffected, output identical;
#  - -mbulk-memory: memcpy/memset become memory.copy/memory.fill instead of byte loops in libc;
#  - -O3 -DNDEBUG from CMAKE_BUILD_TYPE=Release (no -ffast-math: NaN checks must keep working);
#  - no exceptions, no RTTI: a plugin cannot throw across the C ABI and neither costs size;
#  - reactor model (a library with _initialize, no main) is a link-only flag;
#  - 64 MiB memory ceiling (ABI-5), 256 KiB stack, symbols stripped.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)

set(WSP_WASM_TARGET wasm32-wasi)
find_program(WSP_CLANG clang-19 REQUIRED)
find_program(WSP_CLANGXX clang++-19 REQUIRED)
set(CMAKE_C_COMPILER ${WSP_CLANG})
set(CMAKE_CXX_COMPILER ${WSP_CLANGXX})
set(CMAKE_C_COMPILER_TARGET ${WSP_WASM_TARGET})
set(CMAKE_CXX_COMPILER_TARGET ${WSP_WASM_TARGET})
find_program(CMAKE_AR llvm-ar-19 REQUIRED)
find_program(CMAKE_RANLIB llvm-ranlib-19 REQUIRED)

# Compiler checks only compile: a reactor needs its own exports to link meaningfully.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The flags themselves are written once, in wasm32-wasi-flags.cmake (the Forge builds with them too).
include(${CMAKE_CURRENT_LIST_DIR}/wasm32-wasi-flags.cmake)
string(JOIN " " CMAKE_C_FLAGS_INIT ${WSP_WASM_C_FLAGS})
string(JOIN " " CMAKE_CXX_FLAGS_INIT ${WSP_WASM_CXX_FLAGS})
# Not in the _INIT flags above: those seed the cache only on a build directory's first
# configure, and existing build directories must get SIMD too.
add_compile_options(${WSP_WASM_COMPILE_OPTIONS})
string(JOIN " " CMAKE_EXE_LINKER_FLAGS_INIT ${WSP_WASM_LINK_OPTIONS})

# Never pick up the build machine's libraries or headers through find_*.
set(CMAKE_FIND_ROOT_PATH /usr/lib/wasm32-wasi /usr/include/wasm32-wasi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The flags every plugin .wasm is built with, written once: the wasm build's toolchain
# (wasm32-wasi.cmake) applies them, and the Forge's sandboxed compile (forge/compile/) is
# generated from them, so a plugin built by CMake and one built by the Forge cannot differ.
# Why each flag: wasm32-wasi.cmake. forge_flags_test compares the Forge's command line with the
# wasm build's real one (build/wasm/compile_commands.json) for what CMake adds itself (-O3, -std).
set(WSP_WASM_CXX_FLAGS -fno-exceptions -fno-rtti)
set(WSP_WASM_C_FLAGS -fno-exceptions)
set(WSP_WASM_COMPILE_OPTIONS -msimd128 -mnontrapping-fptoint -mbulk-memory -fno-slp-vectorize)
set(WSP_WASM_LINK_OPTIONS -mexec-model=reactor -Wl,--max-memory=67108864 -Wl,-z,stack-size=262144
    -Wl,--strip-all)

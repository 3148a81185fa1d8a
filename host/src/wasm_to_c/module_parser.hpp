// Decodes a whole WebAssembly module for translation (see module.hpp), bounded and checked like
// wasm::readModule: never reads out of bounds, checks every index, refuses what the translator
// does not support (table and global imports, externref, multi-memory, shared or 64-bit memory,
// exception tags) with a message naming the section and byte. Function bodies are only split
// out here; function_translator.cpp decodes and validates them.
#pragma once

#include <cstdint>
#include <span>

#include "wasm_to_c/module.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm_to_c {

Result<Module> parseModule(std::span<const uint8_t> bytes);

}  // namespace wstudio::host::wasm_to_c

// The WebAssembly binary reader: parses and validates a module's structure (magic, version,
// section order and sizes, LEB128s, counts, indices) and returns its ModuleInfo. Never reads out
// of bounds on hostile input; every count is checked against the bytes left before anything is
// allocated. Code bodies are not decoded (the translator, wasm_to_c/, validates them).
//
// Errors read like "not a WebAssembly module (bad magic)" or
// "truncated at byte 1234 in section export".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "wasm/module_info.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm {

// Hard limits on what the reader accepts (far above any plugin, far below memory trouble).
inline constexpr uint32_t kMaxModuleBytes = 256u << 20;
inline constexpr uint32_t kMaxTypes = 100000;
inline constexpr uint32_t kMaxImports = 100000;
inline constexpr uint32_t kMaxFunctions = 1000000;
inline constexpr uint32_t kMaxExports = 100000;
inline constexpr uint32_t kMaxParams = 1000;
inline constexpr uint32_t kMaxNameBytes = 1024;

Result<ModuleInfo> readModule(std::span<const uint8_t> bytes);

// The same module without its custom sections (names, producers, debug info), so that what
// the translator generates does not depend on them. `bytes` must have passed readModule.
std::vector<uint8_t> withoutCustomSections(std::span<const uint8_t> bytes);

}  // namespace wstudio::host::wasm

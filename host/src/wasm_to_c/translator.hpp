// The WebAssembly -> C translator: one module's bytes in, one C unit out, in the shape the
// sandbox runtime (host/src/sandbox/runtime/) expects. The unit includes the runtime and ends
// with wsx_entry.c, so compiling it alone gives the module's shared object.
//
// Supported: MVP, mutable globals, sign extension, non-trapping float-to-int, bulk memory,
// multi-value, funcref tables (call_indirect, table.*, ref.*), fixed-width SIMD. Refused with a
// message: threads, exceptions, tail calls, memory64, multi-memory, GC, relaxed SIMD, externref,
// table and global imports, exports or imports the host cannot call (v128, several results),
// and modules over a translation limit (limits.hpp). The rules the generated code keeps for the
// sandbox to hold are docs/sandbox.md's SBX-1..16.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm_to_c {

// Named in every generated unit. Cache keys also carry a hash of the translator's sources
// (see sandbox/embedded_sources.hpp), so any change to them compiles modules anew.
inline constexpr const char* kTranslatorVersion = "wsx wasm_to_c 2";

// How one function import is implemented: C statements compiled into the module (in scope: p0,
// p1, ... and `env`, see ImportBinding in sandbox/sandbox.hpp), or a host callback by index.
struct ImportImplementation {
  std::string cBody;
  std::optional<uint32_t> callback;
};

// `imports` has one entry per function import, in import order.
Result<std::string> translateModule(std::span<const uint8_t> wasm,
                                    const std::vector<ImportImplementation>& imports);

}  // namespace wstudio::host::wasm_to_c

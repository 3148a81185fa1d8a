// Differential testing of the translator against V8: a WAT module is assembled with wat2wasm,
// then the same calls run in the sandbox (translated to C, compiled) and in Node 20
// (run_cases.mjs), and the 32 bytes at address 0 after each call are compared. Float results
// compare bit for bit except that any NaN equals any NaN (the spec leaves NaN payloads open).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wstudio::host::testing {

// How the result bytes at address 0 are compared.
enum class ResultShape { Bytes, F32, F64, F32x4, F64x2 };

// One call: an export taking only i32 arguments, returning nothing.
struct DiffCase {
  std::string exportName;
  std::vector<uint32_t> args;
  ResultShape shape = ResultShape::Bytes;
  std::string description;  // shown when results differ
};

// Runs every case both ways; returns one line per case whose results differ (or an error), at
// most `maxReported`. `name` names the files written to the fixture directory.
std::vector<std::string> runDifferential(const std::string& name, const std::string& wat,
                                         const std::vector<DiffCase>& cases, size_t maxReported = 40);

}  // namespace wstudio::host::testing

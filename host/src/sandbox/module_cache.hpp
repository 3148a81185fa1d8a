// The translation cache: <cacheDir>/modules/<sha256 of the .wasm>-<sha256 of everything else that
// shapes the .so>.so. "Everything else" is the import bindings, the runtime sources, the
// compiler flags, the translator version and a hash of its sources, and the CPU, so a change to
// any of them compiles anew.
// Entries are written atomically (temp file, then rename), so processes sharing the cache (ctest
// runs tests in parallel) never see a half-written file; racing writers produce the same bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "wasm/module_info.hpp"
#include "sandbox/sandbox.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

struct CachedLibrary {
  std::filesystem::path path;
  bool fromCache = false;
  double compileSeconds = 0;
};

// Finds the module's .so in the cache, or translates and compiles it there.
Result<CachedLibrary> findOrBuild(std::span<const uint8_t> wasm, const wasm::ModuleInfo& info,
                                  const CompileOptions& options);

// The C compiler flags, chosen for speed of the generated code (see docs in module_cache.cpp).
const std::vector<std::string>& compileFlags();

}  // namespace wstudio::host::sandbox

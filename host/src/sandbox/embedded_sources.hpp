// The sandbox runtime's C sources (runtime/: wsx_abi.h, wsx_runtime.c, wsx_ops.h, wsx_simd.h,
// wsx_entry.c), embedded in the library at build time so a translated module can be compiled
// anywhere the host runs. They are written next to the translated unit, which includes them.
#pragma once

#include <array>

namespace wstudio::host::sandbox {

struct EmbeddedSource {
  const char* name;  // file name the generated unit includes
  const char* text;
};

extern const std::array<EmbeddedSource, 5> kRuntimeSources;
// SHA-256 of the translator's sources (wasm_to_c/): its exact version, for cache keys.
extern const char* const kTranslatorSourceHash;

}  // namespace wstudio::host::sandbox

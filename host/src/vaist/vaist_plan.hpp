// What the host learns about a vAIst Forge build before running any of it: the descriptor (from
// descriptor.json beside the .wasm), the glue's name maps (from the .js beside it, for
// emscripten-minified builds) and which export is which function, each checked against the
// module. Both the native loader (vaist_module.cpp) and the browser's manifest
// (vaist_manifest.hpp) start from this one reading.
#pragma once

#include <filesystem>
#include <optional>

#include "vaist/emscripten_glue.hpp"
#include "vaist/vaist_exports.hpp"
#include "wasm/module_info.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// The Forge's name for the module in its output folder.
inline constexpr const char* kVaistWasmName = "vaist-processor.wasm";

struct VaistPlan {
  PluginDescriptor descriptor;
  std::optional<GlueMap> glue;  // none for a clean-named build
  VaistExportNames names;
};

// Reads descriptor.json (and the glue, when the exports are minified) beside `wasmFile`, whose
// module `info` describes. Errors name the file at fault and say what to do.
Result<VaistPlan> planVaistModule(const std::filesystem::path& wasmFile, const wasm::ModuleInfo& info);

}  // namespace wstudio::host::vaist

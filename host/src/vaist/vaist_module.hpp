// A vAIst Forge plugin loaded from its built output: the .wasm, descriptor.json beside it, and
// for emscripten-minified builds the .js glue beside it (same stem), which holds the export map.
#pragma once

#include <filesystem>
#include <memory>
#include <span>

#include "wasm/module_info.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host::vaist {

// `wasm` holds the bytes of `wasmFile`, `info` their readModule() result. Errors name the file
// at fault and say what to do.
Result<std::shared_ptr<PluginModule>> loadVaistModule(const std::filesystem::path& wasmFile,
                                                      std::span<const uint8_t> wasm,
                                                      const wasm::ModuleInfo& info, const LoadOptions& options);

}  // namespace wstudio::host::vaist

// The vAIst manifest: what a JavaScript host needs to drive a vAIst Forge module in a browser
// (engine/js/vaist_plugins.mjs), worked out once by the code that understands such modules
// (vaist_plan.hpp, emscripten_imports.hpp) so the browser never reads emscripten glue. JSON,
// versioned, documented in docs/engine-wasm.md ("vAIst Forge plugins"):
//   {"format": "wasm-studio-vaist-manifest", "version": 1, "sha256": <the .wasm's>,
//    "descriptor": <the WSP descriptor JSON the engine registers>,
//    "memory": <export name of the module's memory>,
//    "exports": {"prepare", "reset", "process", "malloc": <export names>, "free", "constructors":
//                <export name or null>, "setters": [<export name per descriptor parameter>]},
//    "imports": [{"module", "field", "role": "memcpy_big"|"resize_heap"|"zero",
//                 "result": "i32"|"i64"|"f32"|"f64"|null}, ...every function import in order]}
// The bytes it describes are named by sha256: a host checks that it drives the module the
// manifest was made from. The format name, version and role names are abi/boundary.json's
// (wstudio::boundary::kVaistManifest*, kVaistRole*), which the JavaScript host reads too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "vaist/vaist_plan.hpp"
#include "wasm/module_info.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// The manifest of the module `wasm` (described by `info`, planned as `plan`). Fails when a
// browser could not drive it as the native host does: no exported memory, or an import whose
// result JavaScript cannot produce.
Result<std::string> vaistManifest(const VaistPlan& plan, const wasm::ModuleInfo& info,
                                  std::span<const uint8_t> wasm);

// The manifest of the vAIst Forge plugin at `path`: its .wasm (descriptor.json and glue beside
// it) or its output folder. Reads the files; runs nothing of the plugin.
Result<std::string> readVaistManifest(const std::filesystem::path& path);

}  // namespace wstudio::host::vaist

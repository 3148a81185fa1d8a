// loadPlugin(): decides what a file is and hands it to the loader for its format.
//   WSP        a .wasm exporting wsp_abi_version (our ABI);
//   vAIst      a .wasm from vAIst Forge: descriptor.json beside it, and either clean exports
//              (prepare, process, ...) or emscripten's minified ones with the .js glue beside it;
//              also the Forge's output folder itself (holding vaist-processor.wasm).
// Anything else gets an error saying what the file is not and what to do.
#include <algorithm>
#include <system_error>

#include "vaist/read_file.hpp"
#include "vaist/text.hpp"
#include "vaist/vaist_exports.hpp"
#include "vaist/vaist_module.hpp"
#include "vaist/vaist_plan.hpp"
#include "wasm/reader.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host {
namespace {

namespace fs = std::filesystem;
using vaist::concat;
using vaist::kVaistWasmName;


Result<fs::path> pluginFileIn(const fs::path& folder) {
  if (fs::exists(folder / kVaistWasmName)) return folder / kVaistWasmName;
  if (fs::exists(folder / "processor.cpp")) {
    return fail(concat({"'", folder.string(), "' holds vAIst Forge sources but no built ", kVaistWasmName,
                        ": compile them with the Forge first, then load the folder or its .wasm"}));
  }
  return fail(concat({"'", folder.string(), "' is a folder: load a plugin's .wasm file (or a vAIst Forge folder with ",
                      kVaistWasmName, " in it)"}));
}

bool hasVaistExports(const wasm::ModuleInfo& info) {
  return info.findExport("prepare", wasm::ExternKind::Function) != nullptr &&
         info.findExport("process", wasm::ExternKind::Function) != nullptr;
}

}  // namespace

Result<std::shared_ptr<PluginModule>> loadPlugin(const fs::path& path, const LoadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return fail(concat({"cannot load '", path.string(), "': no such file; check the path"}));
  fs::path file = path;
  if (fs::is_directory(path, ec)) {
    auto inFolder = pluginFileIn(path);
    if (!inFolder) return Error{inFolder.error()};
    file = *inFolder;
  }
  const std::string name = file.string();
  const std::string ext = file.extension().string();
  if (ext == ".js" || ext == ".mjs") {
    return fail(concat({"'", name, "' is JavaScript (emscripten glue), not a plugin: load the .wasm beside it"}));
  }
  if (ext == ".json") {
    return fail(concat({"'", name, "' is a descriptor, not a plugin: load the .wasm beside it"}));
  }

  auto bytes = vaist::readFileBytes(file);
  if (!bytes) return Error{bytes.error()};
  static constexpr uint8_t kMagic[] = {0x00, 'a', 's', 'm'};
  if (bytes->size() < 8 || !std::equal(std::begin(kMagic), std::end(kMagic), bytes->begin())) {
    return fail(concat({"'", name, "' is not a WebAssembly module (it does not start with \\0asm): "
                                   "load a plugin's .wasm file"}));
  }
  auto info = wasm::readModule(*bytes);
  if (!info) return fail(concat({"'", name, "' is not a valid WebAssembly module: ", info.error()}));

  if (info->findExport("wsp_abi_version") != nullptr) {
    auto module = loadWspModule(*bytes, options);
    if (!module) return fail(concat({"'", name, "': ", module.error()}));
    return module;
  }

  fs::path glue = file;
  glue.replace_extension(".js");
  const bool hasDescriptor = fs::exists(file.parent_path() / "descriptor.json", ec);
  const bool hasGlue = fs::exists(glue, ec);
  const bool vaistShaped = hasVaistExports(*info) || vaist::hasMinifiedExports(*info) || hasGlue;
  if (vaistShaped && hasDescriptor) return vaist::loadVaistModule(file, *bytes, *info, options);
  if (vaistShaped) {
    const std::string glueName = glue.filename().string();
    return fail(concat({"'", name, "' looks like a vAIst Forge plugin",
                        hasGlue ? concat({" (its emscripten glue '", glueName, "' is beside it)"}) : std::string(),
                        " but has no descriptor.json beside it: put the plugin's descriptor.json in the same folder"}));
  }
  return fail(concat({"'", name,
                      "' is not a plugin WASM Studio can load: it does not export wsp_abi_version (a WSP plugin, "
                      "see docs/plugin-abi.md), and it is not a vAIst Forge build (prepare/process exports, or a "
                      "minified build with its .js glue, and descriptor.json beside it). Build it with the WSP SDK, "
                      "or load the vAIst Forge output folder"}));
}

}  // namespace wstudio::host

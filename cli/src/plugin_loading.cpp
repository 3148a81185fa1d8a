#include "plugin_loading.hpp"

#include <iostream>
#include <system_error>

namespace vaist {

std::shared_ptr<wstudio::host::PluginModule> loadPluginOrExplain(
    const std::filesystem::path& file, bool shareModuleInstance) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    std::cerr << "vaist: " << file.string() << ": no such file. Give the path of a plugin's "
              << ".wasm file.\n";
    return nullptr;
  }
  wstudio::host::LoadOptions options;
  options.shareModuleInstance = shareModuleInstance;
  auto loaded = wstudio::host::loadPlugin(file, options);
  if (!loaded) {
    std::cerr << "vaist: cannot load " << file.string() << ": " << loaded.error() << "\n"
              << "  A WSP plugin is one .wasm module built against abi/include/wsp/wsp_plugin.h "
                 "(rules in docs/plugin-abi.md);\n"
              << "  a vAIst Forge plugin is its .wasm with descriptor.json (and the .js glue "
                 "of minified builds) beside it.\n";
    return nullptr;
  }
  return loaded.value();
}

}  // namespace vaist

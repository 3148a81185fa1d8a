// The plugins the JavaScript host registered with engine.wasm, as the engine's PluginResolver.
// The host compiles each plugin .wasm (a WebAssembly.Module), reads its descriptor and registers
// it under the module handle it chose (EW-2); the engine makes instances through
// wstudio_plugin.create.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/plugin_provider.hpp"

namespace wstudio::engine::wasm {

class ImportedPluginLibrary final : public PluginResolver {
 public:
  // [main] Parses the descriptor (ABI-6) and remembers the module for sessions that name its id
  // in `format`; `sha256` (empty when unknown) must then match a reference that gives one.
  // A second registration of the same id, format and sha256 replaces the first.
  host::Status add(int32_t moduleHandle, std::string_view descriptorJson,
                   session::PluginFormat format, std::string sha256);

  // [main]
  host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) override;

 private:
  struct Registered {
    std::string sha256;
    std::shared_ptr<host::PluginModule> module;
  };
  std::vector<Registered> modules_;
};

}  // namespace wstudio::engine::wasm

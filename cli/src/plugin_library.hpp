// Where `vaist render` finds the plugins a session names: .wasm files in a search path (the
// same files users' own plugins are), and the factory plugins compiled into vaist when their
// .wasm build is absent.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/plugin_provider.hpp"

namespace vaist {

// The folders searched, in order: `fromOptions` (--plugins), then $WSTUDIO_PLUGIN_PATH
// (':'-separated), then this build's factory .wasm folder.
std::vector<std::filesystem::path> pluginSearchPath(
    const std::vector<std::filesystem::path>& fromOptions);

class PluginLibrary : public wstudio::engine::PluginResolver {
 public:
  explicit PluginLibrary(std::vector<std::filesystem::path> searchPath);

  // [main] For id "studio.wasm.<name>": <folder>/<name>.wasm, else <folder>/<id>.wasm, in search
  // order; failing that, a factory plugin linked into vaist. Loaded once per id. The module's
  // descriptor must declare the id asked for.
  wstudio::host::Result<std::shared_ptr<wstudio::host::PluginModule>> resolve(
      const wstudio::session::PluginRef& ref) override;

  // Plugins that had no .wasm and run natively instead, one line each, for the user to know.
  const std::vector<std::string>& notices() const { return notices_; }

 private:
  wstudio::host::Result<std::shared_ptr<wstudio::host::PluginModule>> load(
      const wstudio::session::PluginRef& ref);

  std::vector<std::filesystem::path> searchPath_;
  std::map<std::string, std::shared_ptr<wstudio::host::PluginModule>> loaded_;
  std::vector<std::string> notices_;
};

// Resolves the plugin of every insert of `session` (tracks and master) before a graph is built,
// so that a missing plugin stops a render with its insert's place instead of the engine passing
// audio through. One line per failure: "tracks[2].inserts[0] (insert "x" on track "y"): why".
std::vector<std::string> resolveSessionPlugins(const wstudio::session::Session& session,
                                               PluginLibrary& library);

}  // namespace vaist

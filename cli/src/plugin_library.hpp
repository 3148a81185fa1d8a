// Where `vaist render` finds the plugins a session names: .wasm files in a search path, the
// factory plugins and users' own alike (vaist links no plugin code, and never runs one natively).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wstudio/engine/plugin_provider.hpp"
#include "wstudio/factory/catalog.hpp"
#include "wstudio/project/session_plugins.hpp"

namespace vaist {

class PluginLibrary : public wstudio::engine::PluginResolver {
 public:
  // `sessionFolder`: the session's folder, whose plugins/ holds the modules of a project file
  // (docs/project-file.md); empty for none.
  explicit PluginLibrary(std::vector<std::filesystem::path> searchPath,
                         const std::filesystem::path& sessionFolder = {});

  // [main] A plugin that is not a factory plugin, named with its sha256, comes first from the
  // session folder's plugins/<sha256>.wasm (checked against it; a vAIst module with its
  // plugins/<sha256>.vaist.json). Otherwise, for id "studio.wasm.<name>": <folder>/<name>.wasm,
  // else <folder>/<id>.wasm, in search order (wstudio::factory::pluginFolders); none found is an
  // error naming every file looked for. Loaded once per id. The module's descriptor must declare
  // the id asked for.
  wstudio::host::Result<std::shared_ptr<wstudio::host::PluginModule>> resolve(
      const wstudio::session::PluginRef& ref) override;

 private:
  wstudio::host::Result<std::shared_ptr<wstudio::host::PluginModule>> load(
      const wstudio::session::PluginRef& ref);
  // Whether `file` is the factory plugin `name` as the project built it: its folder holds a
  // factory catalog (every .wasm checked against its sha256 when read) that lists it. Such a
  // module is trusted: on a host without the plugin sandbox's jail it may still be compiled.
  bool isFactoryBuild(const std::filesystem::path& file, const std::string& name);

  std::vector<std::filesystem::path> searchPath_;
  std::optional<wstudio::project::SessionPlugins> sessionPlugins_;
  std::map<std::filesystem::path, std::optional<wstudio::factory::Catalog>> catalogs_;  // by folder
  std::map<std::string, std::shared_ptr<wstudio::host::PluginModule>> loaded_;
};

// Resolves the plugin of every insert of `session` (tracks and master) before a graph is built,
// so that a missing plugin stops a render with its insert's place instead of the engine passing
// audio through. One line per failure: "tracks[2].inserts[0] (insert "x" on track "y"): why".
std::vector<std::string> resolveSessionPlugins(const wstudio::session::Session& session,
                                               PluginLibrary& library);

}  // namespace vaist

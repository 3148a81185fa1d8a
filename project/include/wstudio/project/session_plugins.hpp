// The plugins a session folder carries (a project file's layout, docs/project-file.md): a module
// that is not a factory plugin as plugins/<sha256>.wasm, and for a vAIst Forge module its
// descriptor and glue as plugins/<sha256>.vaist.json. Each is checked against its sha256 and laid
// out in a private folder the way the host's loader reads it, so that a file changed after the
// check is never the one loaded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "wstudio/host/result.hpp"
#include "wstudio/project/private_folder.hpp"

namespace wstudio::project {

class SessionPlugins {
 public:
  explicit SessionPlugins(std::filesystem::path sessionFolder) : plugins_(std::move(sessionFolder) / "plugins") {}

  // nullopt when the folder holds no module with this sha256; else the file to load (in the
  // private folder) or why it cannot be used (damaged, a sidecar that does not read).
  std::optional<host::Result<std::filesystem::path>> moduleFile(const std::string& sha256);

 private:
  std::filesystem::path plugins_;
  PrivateFolder staging_{"wstudio-plugins"};
};

}  // namespace wstudio::project

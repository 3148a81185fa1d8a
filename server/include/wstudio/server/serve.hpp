// `vaist serve`: the WASM Studio backend on embedded defaults (SQLite and a blob folder under
// the data folder).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace wstudio::server {

struct ServeOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  std::filesystem::path dataDir = "var";
  std::filesystem::path webRoot;  // the built web app (index.html inside); empty: placeholder
  bool secureCookies = false;
  uint64_t maxUploadBytes = 100ull << 20;  // asset uploads
  // Searched first for the factory plugin catalog (--plugins), before $WSTUDIO_PLUGIN_PATH and
  // the folders beside the binary (wstudio/factory/plugin_folders.hpp).
  std::vector<std::filesystem::path> pluginFolders;
  // The Forge's compile service (forge/README.md): builds at once, each user's builds per
  // calendar month (-1: unlimited), the CPU time one compile may use.
  int forgeConcurrentBuilds = 1;
  int64_t forgeMonthlyBuilds = -1;
  int64_t forgeKeptBuilds = 1000;  // each user's latest succeeded builds that can be kept
  uint64_t forgeCpuSeconds = 30;
};

// Runs until SIGTERM/SIGINT. `onListening(port)` is called once the port accepts connections.
// Throws std::exception with a message saying what to do when it cannot start.
void serve(const ServeOptions& options, const std::function<void(uint16_t)>& onListening);

}  // namespace wstudio::server

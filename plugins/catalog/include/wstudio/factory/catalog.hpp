// The factory plugin catalog: data only, written at build time by write_factory_catalog
// (tool/) into the folder that holds the factory .wasm files, and read at run time by the server
// and the CLI, which link no plugin code. The folder:
//   catalog.json   {"format": 1, "plugins": [{"name": "eq", "sha256": "<hex of eq.wasm>",
//                   "descriptor": {<the plugin's WSP descriptor>},
//                   "presets": [{"name": "...", "params": {"<param key>": value}}]}]}
//   <name>.wasm    one per plugin listed
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::factory {

inline constexpr std::string_view kCatalogFile = "catalog.json";
inline constexpr int kCatalogFormat = 1;
// Every factory plugin's descriptor id is this prefix and its folder name.
inline constexpr std::string_view kIdPrefix = "studio.wasm.";

struct Preset {
  std::string name;
  std::vector<std::pair<uint32_t, double>> values;  // (param id, plain value), in file order
};

struct Plugin {
  std::string name;  // folder name, "eq"; the descriptor's id is kIdPrefix + name
  std::filesystem::path wasm;  // <catalog folder>/<name>.wasm
  std::string sha256;          // of that file, lower-case hex
  host::PluginDescriptor descriptor;
  std::vector<Preset> presets;
};

struct Catalog {
  std::filesystem::path folder;
  std::vector<Plugin> plugins;
};

// Reads <folder>/catalog.json and checks it as untrusted input: every descriptor against the WSP
// schema, every preset against its descriptor, every .wasm beside it against its sha256 (a stale
// or edited folder is refused, not half used). The error names the file and the entry.
host::Result<Catalog> readCatalog(const std::filesystem::path& folder);

// The first of `folders` that holds a catalog.json, read; if none does, an error listing every
// folder looked in and how to point at one.
host::Result<Catalog> findCatalog(const std::vector<std::filesystem::path>& folders);

// Lower-case hex sha256 of a file's bytes; an error if it cannot be read.
host::Result<std::string> fileSha256(const std::filesystem::path& file);

}  // namespace wstudio::factory

// The factory presets shipped in plugins/<name>/presets.json, embedded at build time
// (server/CMakeLists.txt generates the definition).
#pragma once

#include <span>
#include <string_view>

namespace wstudio::server {

struct FactoryPresetFile {
  std::string_view plugin;  // the factory plugin's folder name
  std::string_view json;    // {"presets": [{"name": "...", "params": {"<param key>": value}}]}
};

std::span<const FactoryPresetFile> factoryPresetFiles();

}  // namespace wstudio::server

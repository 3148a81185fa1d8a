// The preset checks on an already parsed list, shared by parsePresets (presets.json) and the
// catalog reader (catalog.json's "presets").
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "wstudio/factory/catalog.hpp"

namespace wstudio::factory {

// `list`: [{"name": "...", "params": {"<key>": number or bool}}].
host::Result<std::vector<Preset>> presetsFromJson(const host::PluginDescriptor& descriptor,
                                                  const nlohmann::json& list,
                                                  const std::string& where);

}  // namespace wstudio::factory

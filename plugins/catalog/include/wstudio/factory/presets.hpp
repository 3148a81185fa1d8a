// Factory presets as authored in plugins/<name>/presets.json, by parameter key:
//   {"presets": [{"name": "Warm Pad", "params": {"cutoff": 1400, "bypass": false}}]}
// checked against the plugin's descriptor. The catalog tool checks them at build time (a preset
// with an unknown key or a value out of range fails the build); the catalog reader checks them
// again, because a catalog on disk is input like any other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wstudio/factory/catalog.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::factory {

// `presetsJson`: the {"presets": [...]} document. `where` starts every error ("plugins/eq/
// presets.json"); the preset's name and the key follow.
host::Result<std::vector<Preset>> parsePresets(const host::PluginDescriptor& descriptor,
                                               std::string_view presetsJson,
                                               const std::string& where);

}  // namespace wstudio::factory

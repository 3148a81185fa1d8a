// The factory plugins compiled natively into this process, by folder name ("eq", "delay"...).
// Tests, benchmarks and offline tools use it to run every factory plugin without listing them.
#pragma once

#include <span>
#include <string_view>

#include "wsp/wsp_plugin.h"

namespace wstudio {

struct FactoryPlugin {
  std::string_view name;
  const wsp_plugin_api* (*entry)();
  const wsp_plugin_api* api() const { return entry(); }
};

std::span<const FactoryPlugin> factoryPlugins();
const wsp_plugin_api* findFactoryPlugin(std::string_view name);
// By descriptor id: "studio.wasm.<name>" (every factory plugin's id is its folder name so
// prefixed); null for any other id.
const wsp_plugin_api* findFactoryPluginById(std::string_view descriptorId);

}  // namespace wstudio

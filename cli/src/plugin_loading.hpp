// Loads a plugin file for a command, or explains on stderr why it cannot and what to do.
#pragma once

#include <filesystem>
#include <memory>

#include "wstudio/host/plugin.hpp"

namespace vaist {

// Null after printing the reason. `shareModuleInstance` as in wstudio::host::LoadOptions.
std::shared_ptr<wstudio::host::PluginModule> loadPluginOrExplain(const std::filesystem::path& file,
                                                                 bool shareModuleInstance = false);

}  // namespace vaist

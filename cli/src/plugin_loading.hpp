// A plugin file looked at or checked for a command, in the plugin sandbox
// (wstudio/worker/plugin_worker.hpp), or an explanation on stderr of why not and what to do.
#pragma once

#include <filesystem>
#include <optional>

#include "wstudio/worker/plugin_worker.hpp"

namespace vaist {

// Empty after printing the reason.
std::optional<wstudio::worker::InspectedPlugin> inspectOrExplain(const std::filesystem::path& file);
std::optional<wstudio::worker::ValidatedPlugin> validateOrExplain(const std::filesystem::path& file, bool quick,
                                                                  const wstudio::worker::Progress& progress);

}  // namespace vaist

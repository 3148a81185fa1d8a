// Where the server and the CLI look for plugins (the factory catalog and .wasm files), decided at
// run time: nothing about the build machine is compiled in, so a build tree, an installed copy
// and a copy moved elsewhere all find their own plugins.
#pragma once

#include <filesystem>
#include <vector>

namespace wstudio::factory {

// The folders, in search order: `fromOptions` (--plugins DIR), then $WSTUDIO_PLUGIN_PATH
// (':'-separated), then <the executable's folder>/../share/wasm-studio/plugins (where the build
// puts them beside build/cli/vaist, and where an installation under any prefix has them), then
// /usr/share/wasm-studio/plugins.
std::vector<std::filesystem::path> pluginFolders(
    const std::vector<std::filesystem::path>& fromOptions);

}  // namespace wstudio::factory

#include "wstudio/factory/plugin_folders.hpp"

#include <cstdlib>
#include <string_view>
#include <system_error>

namespace wstudio::factory {

namespace fs = std::filesystem;

namespace {

// The data folder relative to the binary: bin/ and share/ are siblings in an installation
// (CMAKE_INSTALL_PREFIX) and the build gives build/cli/ a sibling build/share/ too.
constexpr const char* kShareFromBinary = "../share/wasm-studio/plugins";
constexpr const char* kSystemShare = "/usr/share/wasm-studio/plugins";

}  // namespace

std::vector<fs::path> pluginFolders(const std::vector<fs::path>& fromOptions) {
  std::vector<fs::path> folders = fromOptions;
  if (const char* env = std::getenv("WSTUDIO_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      if (colon != 0) folders.emplace_back(rest.substr(0, colon));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  std::error_code error;
  const fs::path binary = fs::read_symlink("/proc/self/exe", error);
  if (!error) folders.push_back((binary.parent_path() / kShareFromBinary).lexically_normal());
  folders.emplace_back(kSystemShare);
  return folders;
}

}  // namespace wstudio::factory

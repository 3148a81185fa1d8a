#include "plugin_loading.hpp"

#include <iostream>
#include <system_error>

namespace vaist {

namespace {

namespace worker = wstudio::worker;

void explain(const std::filesystem::path& file, const std::string& reason) {
  std::cerr << "vaist: cannot load " << file.string() << ": " << reason << "\n"
            << "  A WSP plugin is one .wasm module built against abi/include/wsp/wsp_plugin.h "
               "(rules in docs/plugin-abi.md);\n"
            << "  a vAIst Forge plugin is its .wasm with descriptor.json (and the .js glue "
               "of minified builds) beside it.\n";
}

std::optional<worker::PluginFiles> filesOrExplain(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    std::cerr << "vaist: " << file.string() << ": no such file. Give the path of a plugin's "
              << ".wasm file.\n";
    return std::nullopt;
  }
  auto files = worker::pluginFilesAt(file);
  if (!files) {
    explain(file, files.error());
    return std::nullopt;
  }
  return std::move(files.value());
}

}  // namespace

std::optional<worker::InspectedPlugin> inspectOrExplain(const std::filesystem::path& file) {
  const auto files = filesOrExplain(file);
  if (!files) return std::nullopt;
  auto plugin = worker::inspectPlugin(*files);
  if (!plugin) {
    explain(file, plugin.error());
    return std::nullopt;
  }
  return std::move(plugin.value());
}

std::optional<worker::ValidatedPlugin> validateOrExplain(const std::filesystem::path& file, bool quick,
                                                         const worker::Progress& progress) {
  const auto files = filesOrExplain(file);
  if (!files) return std::nullopt;
  auto validated = worker::validatePlugin(*files, quick, progress);
  if (!validated) {
    explain(file, validated.error());
    return std::nullopt;
  }
  return std::move(validated.value());
}

}  // namespace vaist

#include "wstudio/factory/catalog.hpp"


#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <system_error>

#include "preset_list.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::factory {

namespace fs = std::filesystem;

namespace {

// A plugin name becomes a file name: no separators, no "..", nothing but what wsp_add_plugin
// accepts.
bool isPluginName(const std::string& name) {
  static const std::regex kName("[a-z][a-z0-9_]*");
  return name.size() <= 64 && std::regex_match(name, kName);
}

bool isSha256Hex(const std::string& text) {
  static const std::regex kHex("[0-9a-f]{64}");
  return std::regex_match(text, kHex);
}

host::Result<Plugin> pluginFromJson(const fs::path& folder, const nlohmann::json& entry,
                                    const std::string& where) {
  if (!entry.is_object()) return host::fail(where + ": not an object");
  for (const char* field : {"name", "sha256", "descriptor", "presets"})
    if (!entry.contains(field)) return host::fail(where + ": no \"" + field + "\"");
  if (!entry["name"].is_string() || !isPluginName(entry["name"].get<std::string>()))
    return host::fail(where + ".name: not a plugin name ([a-z][a-z0-9_]*)");
  Plugin plugin;
  plugin.name = entry["name"].get<std::string>();
  const std::string here = where + " (\"" + plugin.name + "\")";
  if (!entry["sha256"].is_string() || !isSha256Hex(entry["sha256"].get<std::string>()))
    return host::fail(here + ".sha256: not 64 lower-case hex digits");
  plugin.sha256 = entry["sha256"].get<std::string>();

  if (!entry["descriptor"].is_object()) return host::fail(here + ".descriptor: not an object");
  auto descriptor = host::parseDescriptor(entry["descriptor"].dump());
  if (!descriptor) return host::fail(here + ".descriptor: " + descriptor.error());
  plugin.descriptor = std::move(descriptor.value());
  if (plugin.descriptor.id != std::string(kIdPrefix) + plugin.name)
    return host::fail(here + ": the descriptor's id is \"" + plugin.descriptor.id + "\", not \"" +
                      std::string(kIdPrefix) + plugin.name + "\"");

  auto presets = presetsFromJson(plugin.descriptor, entry["presets"], here);
  if (!presets) return host::fail(presets.error());
  plugin.presets = std::move(presets.value());

  plugin.wasm = folder / (plugin.name + ".wasm");
  auto sha256 = fileSha256(plugin.wasm);
  if (!sha256) return host::fail(here + ": " + sha256.error());
  if (sha256.value() != plugin.sha256)
    return host::fail(here + ": " + plugin.wasm.string() +
                      " is not the file the catalog lists (its sha256 differs); rebuild or "
                      "reinstall the plugin folder");
  return plugin;
}

}  // namespace

host::Result<std::string> fileSha256(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return host::fail("cannot read " + file.string());
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  if (in.bad()) return host::fail("cannot read " + file.string());
  return host::sha256Hex(bytes);
}

host::Result<Catalog> readCatalog(const fs::path& folder) {
  const fs::path file = folder / kCatalogFile;
  std::ifstream in(file, std::ios::binary);
  if (!in) return host::fail("cannot read " + file.string());
  const auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return host::fail(file.string() + ": not valid JSON");
  if (!document.is_object() || !document.contains("format") ||
      document["format"] != kCatalogFormat || !document.contains("plugins") ||
      !document["plugins"].is_array()) {
    return host::fail(file.string() + ": not a factory catalog of format " +
                      std::to_string(kCatalogFormat) + " ({\"format\": " +
                      std::to_string(kCatalogFormat) + ", \"plugins\": [...]})");
  }
  Catalog catalog{folder, {}};
  std::set<std::string> names;
  const auto& list = document["plugins"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto plugin = pluginFromJson(folder, list[i], file.string() + ": plugins[" + std::to_string(i) + "]");
    if (!plugin) return host::fail(plugin.error());
    if (!names.insert(plugin->name).second)
      return host::fail(file.string() + ": \"" + plugin->name + "\" is listed twice");
    catalog.plugins.push_back(std::move(plugin.value()));
  }
  return catalog;
}

host::Result<Catalog> findCatalog(const std::vector<fs::path>& folders) {
  std::string looked;
  for (const fs::path& folder : folders) {
    std::error_code error;
    if (fs::is_regular_file(folder / kCatalogFile, error)) return readCatalog(folder);
    looked += "\n  " + (folder / kCatalogFile).string();
  }
  return host::fail("no factory plugin catalog found; looked for" + looked +
                    "\nPass the folder holding catalog.json and the factory .wasm files with "
                    "--plugins DIR or $WSTUDIO_PLUGIN_PATH (a build has it in "
                    "build/share/wasm-studio/plugins)");
}

}  // namespace wstudio::factory

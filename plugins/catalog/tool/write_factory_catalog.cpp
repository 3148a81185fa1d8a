// write_factory_catalog PLUGINS_SOURCE_DIR CATALOG_DIR
//
// Build-time tool: writes CATALOG_DIR/catalog.json (format in wstudio/factory/catalog.hpp) for
// every factory plugin linked into it, from the plugin's own descriptor, its
// PLUGINS_SOURCE_DIR/<name>/presets.json (checked against the descriptor) and the sha256 of
// CATALOG_DIR/<name>.wasm. Any problem fails the build with the file and entry named. The file
// is rewritten only when its content changes.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>

#include "wstudio/factory/catalog.hpp"
#include "wstudio/factory/presets.hpp"
#include "wstudio/factory_plugins.hpp"

namespace {

namespace fs = std::filesystem;
namespace factory = wstudio::factory;
namespace host = wstudio::host;

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

host::Result<nlohmann::json> catalogEntry(const wstudio::FactoryPlugin& plugin,
                                          const fs::path& sourceDir, const fs::path& catalogDir) {
  const std::string name(plugin.name);
  const char* descriptorJson = plugin.api()->descriptor();
  auto descriptor = host::parseDescriptor(descriptorJson);
  if (!descriptor) return host::fail("plugin " + name + ": its descriptor: " + descriptor.error());
  if (descriptor->id != std::string(factory::kIdPrefix) + name)
    return host::fail("plugin " + name + ": its id is \"" + descriptor->id + "\", not \"" +
                      std::string(factory::kIdPrefix) + name + "\"");

  nlohmann::json presets = nlohmann::json::array();
  const fs::path presetFile = sourceDir / name / "presets.json";
  std::error_code error;
  if (fs::exists(presetFile, error)) {
    const std::string text = readText(presetFile);
    auto checked = factory::parsePresets(descriptor.value(), text, presetFile.string());
    if (!checked) return host::fail(checked.error());
    presets = nlohmann::json::parse(text)["presets"];
  }

  auto sha256 = factory::fileSha256(catalogDir / (name + ".wasm"));
  if (!sha256) return host::fail("plugin " + name + ": " + sha256.error());
  return nlohmann::json{{"name", name},
                        {"sha256", sha256.value()},
                        {"descriptor", nlohmann::json::parse(descriptorJson)},
                        {"presets", presets}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: write_factory_catalog PLUGINS_SOURCE_DIR CATALOG_DIR\n";
    return 2;
  }
  const fs::path sourceDir = argv[1];
  const fs::path catalogDir = argv[2];
  nlohmann::json plugins = nlohmann::json::array();
  for (const wstudio::FactoryPlugin& plugin : wstudio::factoryPlugins()) {
    auto entry = catalogEntry(plugin, sourceDir, catalogDir);
    if (!entry) {
      std::cerr << "write_factory_catalog: " << entry.error() << "\n";
      return 1;
    }
    plugins.push_back(std::move(entry.value()));
  }
  const std::string text =
      nlohmann::json{{"format", factory::kCatalogFormat}, {"plugins", plugins}}.dump(1) + "\n";

  const fs::path file = catalogDir / factory::kCatalogFile;
  if (readText(file) != text) {
    const fs::path temporary = fs::path(file).concat(".tmp");
    if (!(std::ofstream(temporary, std::ios::binary) << text)) {
      std::cerr << "write_factory_catalog: cannot write " << temporary.string() << "\n";
      return 1;
    }
    fs::rename(temporary, file);
  }
  // Read back through the run-time reader: what the build ships is what the server accepts.
  if (auto check = factory::readCatalog(catalogDir); !check) {
    fs::remove(file);
    std::cerr << "write_factory_catalog: the catalog does not read back: " << check.error() << "\n";
    return 1;
  }
  return 0;
}

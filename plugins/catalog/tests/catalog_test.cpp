// The factory catalog: the build's catalog reads back; the build-time tool refuses presets that
// do not fit their plugin (the build fails); the run-time reader refuses a catalog folder that
// was edited or went stale, naming the file and the entry.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "wstudio/factory/catalog.hpp"

namespace {

namespace fs = std::filesystem;
namespace factory = wstudio::factory;

const fs::path kShareDir = WSTUDIO_PLUGIN_SHARE_DIR;
const fs::path kSourceDir = WSTUDIO_PLUGINS_SOURCE_DIR;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// A fresh folder with a copy of the build's catalog folder (catalog.json and the .wasm files).
fs::path scratchCopy() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path folder = fs::path(FACTORY_CATALOG_TEST_SCRATCH) / test->name();
  fs::remove_all(folder);
  fs::create_directories(folder);
  fs::copy(kShareDir, folder / "share", fs::copy_options::recursive);
  return folder;
}

struct ToolRun {
  int status = -1;
  std::string err;
};

ToolRun runTool(const fs::path& sourceDir, const fs::path& catalogDir, const fs::path& errFile) {
  const std::string command = std::string("'") + WRITE_FACTORY_CATALOG + "' '" +
                              sourceDir.string() + "' '" + catalogDir.string() + "' 2>'" +
                              errFile.string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(errFile)};
}

// plugins/<name>/presets.json of every factory plugin, copied under `folder`, with `edit` applied
// to chorus's.
fs::path presetSources(const fs::path& folder, const std::string& from, const std::string& to) {
  const fs::path sources = folder / "plugins";
  for (const auto& entry : fs::directory_iterator(kSourceDir)) {
    const fs::path presets = entry.path() / "presets.json";
    if (!fs::exists(presets)) continue;
    fs::create_directories(sources / entry.path().filename());
    std::string text = slurp(presets);
    if (entry.path().filename() == "chorus") {
      const auto at = text.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      if (at != std::string::npos) text.replace(at, from.size(), to);
    }
    write(sources / entry.path().filename() / "presets.json", text);
  }
  return sources;
}

TEST(FactoryCatalog, TheBuildsCatalogListsEveryPluginWithItsPresets) {
  const auto catalog = factory::readCatalog(kShareDir);
  ASSERT_TRUE(catalog) << catalog.error();
  ASSERT_FALSE(catalog->plugins.empty());
  for (const auto& plugin : catalog->plugins) {
    EXPECT_EQ(plugin.descriptor.id, "studio.wasm." + plugin.name);
    EXPECT_TRUE(fs::is_regular_file(kShareDir / (plugin.name + ".wasm")));
    const auto authored = nlohmann::json::parse(slurp(kSourceDir / plugin.name / "presets.json"));
    EXPECT_EQ(plugin.presets.size(), authored["presets"].size()) << plugin.name;
  }
}

TEST(FactoryCatalog, ToolWritesTheSameCatalogAgain) {
  const fs::path folder = scratchCopy();
  fs::remove(folder / "share" / "catalog.json");
  const ToolRun run = runTool(kSourceDir, folder / "share", folder / "stderr.txt");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(slurp(folder / "share" / "catalog.json"), slurp(kShareDir / "catalog.json"));
}

TEST(FactoryCatalog, ToolRefusesAPresetWithAnUnknownKey) {
  const fs::path folder = scratchCopy();
  const fs::path sources = presetSources(folder, "\"mix\": 35", "\"mixx\": 35");
  const ToolRun run = runTool(sources, folder / "share", folder / "stderr.txt");
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("chorus/presets.json"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("\"Subtle Widen\""), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("no parameter 'mixx'"), std::string::npos) << run.err;
}

TEST(FactoryCatalog, ToolRefusesAPresetValueOutOfRange) {
  const fs::path folder = scratchCopy();
  const fs::path sources = presetSources(folder, "\"mix\": 35", "\"mix\": 350");
  const ToolRun run = runTool(sources, folder / "share", folder / "stderr.txt");
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("mix = 350 is outside its range"), std::string::npos) << run.err;
}

TEST(FactoryCatalog, ReaderRefusesAWasmThatIsNotTheOneListed) {
  const fs::path folder = scratchCopy();
  const auto catalog = factory::readCatalog(kShareDir);
  ASSERT_TRUE(catalog) << catalog.error();
  const fs::path wasm = folder / "share" / (catalog->plugins.front().name + ".wasm");
  std::ofstream(wasm, std::ios::binary | std::ios::app) << '\0';
  const auto edited = factory::readCatalog(folder / "share");
  ASSERT_FALSE(edited);
  EXPECT_NE(edited.error().find(wasm.string() + " is not the file the catalog lists"),
            std::string::npos)
      << edited.error();
}

// catalog.json is input: a preset edited in it is checked like one in presets.json, and a name
// cannot lead the reader out of the folder.
TEST(FactoryCatalog, ReaderChecksPresetsAndNamesInTheCatalog) {
  const fs::path folder = scratchCopy();
  const fs::path file = folder / "share" / "catalog.json";
  const auto original = nlohmann::json::parse(slurp(file));

  auto badPreset = original;
  badPreset["plugins"][0]["presets"] = {{{"name", "x"}, {"params", {{"no_such_key", 1}}}}};
  write(file, badPreset.dump());
  auto read = factory::readCatalog(folder / "share");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("no parameter 'no_such_key'"), std::string::npos) << read.error();

  auto escaping = original;
  escaping["plugins"][0]["name"] = "../../chorus";
  write(file, escaping.dump());
  read = factory::readCatalog(folder / "share");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("plugins[0].name: not a plugin name"), std::string::npos)
      << read.error();

  write(file, "{\"format\": 2, \"plugins\": []}");
  read = factory::readCatalog(folder / "share");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("not a factory catalog of format 1"), std::string::npos)
      << read.error();
}

TEST(FactoryCatalog, FindCatalogNamesEveryFolderItLookedIn) {
  const fs::path folder = scratchCopy();
  fs::create_directories(folder / "a");
  fs::create_directories(folder / "b");
  auto found = factory::findCatalog({folder / "a", folder / "b"});
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().find((folder / "a" / "catalog.json").string()), std::string::npos);
  EXPECT_NE(found.error().find((folder / "b" / "catalog.json").string()), std::string::npos);
  EXPECT_NE(found.error().find("--plugins DIR"), std::string::npos);

  found = factory::findCatalog({folder / "a", folder / "share"});
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(found->folder, folder / "share");
}

}  // namespace

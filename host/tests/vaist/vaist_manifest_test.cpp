// The vAIst manifest (vaist_manifest.hpp): what a browser drives a vAIst Forge module by, made from
// the same reading of the module and its glue as the native loader's, on the Forge's real builds.
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "vaist/emscripten_glue.hpp"
#include "vaist/vaist_manifest.hpp"
#include "vaist_test_support.hpp"
#include "wasm/reader.hpp"
#include "wstudio/boundary/boundary.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::host::vaist::test {
namespace {

using Json = nlohmann::json;

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Json manifestAt(const std::filesystem::path& path) {
  auto manifest = readVaistManifest(path);
  EXPECT_TRUE(manifest.ok()) << manifest.error();
  return manifest.ok() ? Json::parse(manifest.value()) : Json();
}

TEST(VaistManifest, NamesTheMinifiedExportsAsTheGlueMapsThem) {
  const auto folder = fixtureBuild("warm_drive_glue");
  const Json m = manifestAt(folder);  // the Forge's output folder, as `vaist plugin info` takes it
  EXPECT_EQ(m["format"], boundary::kVaistManifestFormat);
  EXPECT_EQ(m["version"], boundary::kVaistManifestVersion);
  EXPECT_EQ(m["sha256"], sha256Hex(readText(folder / "vaist-processor.wasm")));
  EXPECT_EQ(m, manifestAt(folder / "vaist-processor.wasm"));

  auto glue = parseEmscriptenGlue(readText(folder / "vaist-processor.js"));
  ASSERT_TRUE(glue.ok()) << glue.error();
  const Json& x = m["exports"];
  EXPECT_EQ(x["prepare"], glue->exports.at("prepare"));
  EXPECT_EQ(x["process"], glue->exports.at("process"));
  EXPECT_EQ(x["malloc"], glue->exports.at("malloc"));
  EXPECT_EQ(x["constructors"], glue->exports.at("__wasm_call_ctors"));
  EXPECT_EQ(m["memory"], glue->memoryExport);
  const std::vector<std::string> setters = x["setters"];
  ASSERT_EQ(setters.size(), 5u);
  EXPECT_EQ(setters[1], glue->exports.at("set_tone"));

  // The descriptor is the one the native loader builds (and the engine registers).
  auto module = load(folder);
  ASSERT_NE(module, nullptr);
  EXPECT_EQ(m["descriptor"], Json::parse(toJson(module->descriptor())));

  // Every function import, each with the role the sandbox gives it.
  auto info = wasm::readModule([&] {
    const std::string bytes = readText(folder / "vaist-processor.wasm");
    return std::vector<uint8_t>(bytes.begin(), bytes.end());
  }());
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(m["imports"].size(), info->importedFunctions);
  int memcpy = 0, resize = 0;
  for (const Json& i : m["imports"]) {
    EXPECT_EQ(i["module"], glue->importModule);
    const std::string role = i["role"];
    if (role == "memcpy_big") {
      ++memcpy;
      EXPECT_EQ(glue->imports.at(i["field"]), "emscripten_memcpy_big");
    }
    if (role == "resize_heap") ++resize;
  }
  EXPECT_EQ(memcpy, 1);
  EXPECT_EQ(resize, 1);
}

TEST(VaistManifest, ACleanBuildNeedsNoGlue) {
  const Json m = manifestAt(fixtureBuild("warm_drive_clean/vaist-processor.wasm"));
  EXPECT_EQ(m["exports"]["process"], "process");
  EXPECT_EQ(m["exports"]["setters"][0], "set_drive");
  EXPECT_EQ(m["exports"]["constructors"], "_initialize");
  EXPECT_EQ(m["memory"], "memory");
  EXPECT_EQ(m["imports"].size(), 0u);
}

TEST(VaistManifest, GlueOfAnotherBuildIsRefused) {
  const auto dir = scratchDir("manifest-forged-glue");
  std::filesystem::copy_file(fixtureBuild("warm_drive_glue/vaist-processor.wasm"), dir / "vaist-processor.wasm");
  std::filesystem::copy_file(fixtureBuild("long_echo_glue/vaist-processor.js"), dir / "vaist-processor.js");
  std::filesystem::copy_file(fixtureBuild("warm_drive_glue/descriptor.json"), dir / "descriptor.json");
  auto manifest = readVaistManifest(dir);
  ASSERT_FALSE(manifest.ok());
  EXPECT_NE(manifest.error().find("vaist-processor.js"), std::string::npos) << manifest.error();
}

}  // namespace
}  // namespace wstudio::host::vaist::test

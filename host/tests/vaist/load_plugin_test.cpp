// loadPlugin()'s dispatch between WSP and vAIst Forge files, and its errors for everything else.
#include <gtest/gtest.h>

#include <fstream>

#include "vaist/emscripten_glue.hpp"
#include "vaist/read_file.hpp"
#include "vaist_test_support.hpp"

namespace wstudio::host::vaist::test {
namespace {

namespace fs = std::filesystem;

std::string loadError(const fs::path& file) {
  auto module = loadPlugin(file, testOptions());
  EXPECT_FALSE(module.ok());
  return module.ok() ? std::string{} : module.error();
}

void writeText(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// A folder with the given files copied from the fixture builds, each as `name` in the folder.
fs::path assemble(const std::string& test, std::initializer_list<std::pair<const char*, const char*>> files) {
  fs::path dir = scratchDir(test);
  for (const auto& [from, name] : files) fs::copy_file(fixtureBuild(from), dir / name);
  return dir;
}

// The real glue's export map (C name -> letter) of a fixture build.
std::map<std::string, std::string> parseGlueOf(const std::string& relative) {
  auto js = readFileText(fixtureBuild(relative));
  EXPECT_TRUE(js.ok());
  auto glue = parseEmscriptenGlue(js.ok() ? *js : std::string());
  EXPECT_TRUE(glue.ok());
  return glue.ok() ? glue->exports : std::map<std::string, std::string>{};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(VaistLoad, LoadsTheForgeOutputFolder) {
  auto module = load(fixtureBuild("warm_drive_glue"));
  ASSERT_TRUE(module);
  EXPECT_EQ(module->format(), PluginFormat::vaist);
  EXPECT_EQ(module->descriptor().name, "Warm Drive");
}

TEST(VaistLoad, WspModuleStillGoesToTheWspLoader) {
#ifdef WSP_FIXTURE_PLUGIN
  auto module = loadPlugin(WSP_FIXTURE_PLUGIN, testOptions());
  ASSERT_TRUE(module.ok()) << module.error();
  EXPECT_EQ(module.value()->format(), PluginFormat::wsp);
#else
  GTEST_SKIP() << "no WSP fixture module is built (host/tests/fixtures)";
#endif
}

TEST(VaistLoad, MissingDescriptorIsNamed) {
  fs::path dir = assemble("missing_descriptor", {{"warm_drive_glue/vaist-processor.wasm", "vaist-processor.wasm"},
                                                 {"warm_drive_glue/vaist-processor.js", "vaist-processor.js"}});
  std::string error = loadError(dir / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "looks like a vAIst Forge plugin")) << error;
  EXPECT_TRUE(contains(error, "no descriptor.json beside it")) << error;

  fs::path clean = assemble("missing_descriptor_clean", {{"warm_drive_clean/vaist-processor.wasm", "drive.wasm"}});
  EXPECT_TRUE(contains(loadError(clean / "drive.wasm"), "no descriptor.json beside it"));
}

TEST(VaistLoad, MinifiedModuleWithoutGlueSaysWhichFileIsMissing) {
  fs::path dir = assemble("missing_glue", {{"warm_drive_glue/vaist-processor.wasm", "vaist-processor.wasm"},
                                           {"warm_drive_glue/descriptor.json", "descriptor.json"}});
  std::string error = loadError(dir / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "minified export names")) << error;
  EXPECT_TRUE(contains(error, "Put 'vaist-processor.js' from the same build beside it")) << error;
}

TEST(VaistLoad, GlueFromAnotherBuildIsRefused) {
  // Tape Delay's glue: its letters point at Warm Drive's functions of other signatures.
  fs::path dir = assemble("foreign_glue", {{"warm_drive_glue/vaist-processor.wasm", "vaist-processor.wasm"},
                                           {"warm_drive_glue/descriptor.json", "descriptor.json"},
                                           {"tape_delay_glue/vaist-processor.js", "vaist-processor.js"}});
  std::string error = loadError(dir / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "'vaist-processor.js' does not match 'vaist-processor.wasm'")) << error;
  EXPECT_TRUE(contains(error, "Use the .js built together with this .wasm")) << error;

  // A glue without the names this descriptor needs.
  fs::path minified = assemble("minified_other_glue", {{"tape_delay_glue/vaist-processor.wasm", "vaist-processor.wasm"},
                                                       {"warm_drive_glue/descriptor.json", "descriptor.json"},
                                                       {"tape_delay_glue/vaist-processor.js", "vaist-processor.js"}});
  error = loadError(minified / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "maps no export to set_drive")) << error;
  EXPECT_TRUE(contains(error, "is it the glue emscripten wrote together with 'vaist-processor.wasm'")) << error;

  // A glue that maps names to letters the module lacks, or to functions of the wrong type.
  fs::path edited = assemble("edited_glue", {{"warm_drive_glue/vaist-processor.wasm", "vaist-processor.wasm"},
                                             {"warm_drive_glue/descriptor.json", "descriptor.json"}});
  writeText(edited / "vaist-processor.js", R"(Module["_prepare"]=Module["asm"]["Zz"];)");
  error = loadError(edited / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "'vaist-processor.js' does not match 'vaist-processor.wasm'")) << error;
  EXPECT_TRUE(contains(error, "maps prepare to export 'Zz', which the module does not have")) << error;

  auto glue = parseGlueOf("warm_drive_glue/vaist-processor.js");
  writeText(edited / "vaist-processor.js",
            R"(Module["_prepare"]=Module["asm"][")" + glue.at("process") + R"("];)");
  error = loadError(edited / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "prepare maps to export '" + glue.at("process") +
                                  "', which is (i32, i32, i32, i32, i32) -> (), but prepare must be (f32) -> ()"))
      << error;
}

TEST(VaistLoad, DescriptorParameterWithoutSetterIsNamed) {
  fs::path dir = assemble("extra_param", {{"warm_drive_clean/vaist-processor.wasm", "vaist-processor.wasm"}});
  writeText(dir / "descriptor.json", R"({"name":"Warm Drive","parameters":[
      {"id":"drive","type":"float","min":0,"max":100,"default":25},
      {"id":"feedback","type":"float","min":0,"max":90,"default":20}]})");
  std::string error = loadError(dir / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "'vaist-processor.wasm' does not export set_feedback")) << error;
  EXPECT_TRUE(contains(error, "descriptor.json lists parameter 'feedback'")) << error;
}

TEST(VaistLoad, BrokenDescriptorIsReportedWithItsPath) {
  fs::path dir = assemble("broken_descriptor", {{"warm_drive_clean/vaist-processor.wasm", "vaist-processor.wasm"}});
  writeText(dir / "descriptor.json", R"({"name":"Warm Drive","parameters":[{"id":"drive","type":"float"}]})");
  std::string error = loadError(dir / "vaist-processor.wasm");
  EXPECT_TRUE(contains(error, "descriptor.json': descriptor.json: parameters[0].min: is missing")) << error;
}

TEST(VaistLoad, OtherFilesGetErrorsThatSayWhatToDo) {
  EXPECT_TRUE(contains(loadError("/nonexistent/plugin.wasm"), "no such file"));
  EXPECT_TRUE(contains(loadError(fixtureBuild("warm_drive_glue/vaist-processor.js")), "load the .wasm beside it"));
  EXPECT_TRUE(contains(loadError(fixtureBuild("warm_drive_glue/descriptor.json")), "load the .wasm beside it"));

  fs::path dir = scratchDir("other_files");
  writeText(dir / "notes.wasm", "these are not the bytes you are looking for");
  EXPECT_TRUE(contains(loadError(dir / "notes.wasm"), "is not a WebAssembly module"));

  writeText(dir / "empty.wasm", std::string("\0asm\1\0\0\0", 8));
  std::string error = loadError(dir / "empty.wasm");
  EXPECT_TRUE(contains(error, "does not export wsp_abi_version")) << error;
  EXPECT_TRUE(contains(error, "not a vAIst Forge build")) << error;

  fs::path sources = scratchDir("sources_only");
  fs::copy_file(fs::path(VAIST_FIXTURE_SOURCE_DIR) / "warm_drive/processor.cpp", sources / "processor.cpp");
  EXPECT_TRUE(contains(loadError(sources), "holds vAIst Forge sources but no built vaist-processor.wasm"));
  EXPECT_TRUE(contains(loadError(scratchDir("empty_folder")), "is a folder"));
}

}  // namespace
}  // namespace wstudio::host::vaist::test

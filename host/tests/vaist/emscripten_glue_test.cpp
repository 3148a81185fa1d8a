// The name maps read out of emscripten 3.1.6 glue: the real file built from the fixture, and
// hand-written snippets of each form the parser recognises.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "vaist/emscripten_glue.hpp"

namespace wstudio::host::vaist {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(VaistGlue, ReadsTheRealGlueOfTheForgeBuild) {
  std::string js = readFile(std::string(VAIST_FIXTURE_BUILD_DIR) + "/warm_drive_glue/vaist-processor.js");
  ASSERT_FALSE(js.empty());
  auto map = parseEmscriptenGlue(js);
  ASSERT_TRUE(map.ok()) << map.error();

  for (const char* name : {"prepare", "reset", "destroy", "process", "set_drive", "get_drive", "set_tone",
                           "set_outputGain", "set_mix", "set_shape", "malloc", "free", "__wasm_call_ctors",
                           "stackSave", "stackRestore", "stackAlloc"}) {
    ASSERT_TRUE(map->exports.count(name)) << name;
    EXPECT_EQ(map->exports.at(name).size(), 1u) << name << " is minified to one letter";
  }
  EXPECT_NE(map->exports.at("prepare"), map->exports.at("process"));
  EXPECT_EQ(map->memoryExport.size(), 1u);
  EXPECT_EQ(map->tableExport.size(), 1u);

  EXPECT_EQ(map->importModule, "a");
  std::map<std::string, std::string> byName;
  for (const auto& [letter, name] : map->imports) byName[name] = letter;
  EXPECT_TRUE(byName.count("emscripten_memcpy_big"));
  EXPECT_TRUE(byName.count("emscripten_resize_heap"));
  EXPECT_TRUE(byName.count("_embind_register_void"));
  EXPECT_EQ(map->imports.size(), 11u);  // "a".."k", as the spec says
}

TEST(VaistGlue, ReadsBothAssignmentForms) {
  auto map = parseEmscriptenGlue(
      R"(var wasmMemory;function f(){wasmMemory=Module["asm"]["l"];wasmTable=Module["asm"]["n"];)"
      R"(addOnInit(Module["asm"]["m"])}var _prepare=Module["_prepare"]=function(){return()"
      R"(_prepare=Module["_prepare"]=Module["asm"]["o"]).apply(null,arguments)};)"
      "\n"
      R"(Module["_process"]=Module["asm"]["r"];Module["stackSave"]=Module["asm"]["G"];)"
      R"(var asmLibraryArg={"g":_emscripten_memcpy_big,"a":__embind_register_memory_view};)"
      R"(var info={"a":asmLibraryArg};)");
  ASSERT_TRUE(map.ok()) << map.error();
  EXPECT_EQ(map->exports.at("prepare"), "o");
  EXPECT_EQ(map->exports.at("process"), "r");
  EXPECT_EQ(map->exports.at("stackSave"), "G");
  EXPECT_EQ(map->exports.size(), 3u);
  EXPECT_EQ(map->memoryExport, "l");
  EXPECT_EQ(map->tableExport, "n");
  EXPECT_EQ(map->importModule, "a");
  EXPECT_EQ(map->imports.at("g"), "emscripten_memcpy_big");
  EXPECT_EQ(map->imports.at("a"), "_embind_register_memory_view");
}

TEST(VaistGlue, RejectsTextWithoutAnExportMap) {
  auto map = parseEmscriptenGlue("export default function createVAIstProcessor() { return 1; }");
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.error().find("no emscripten export map"), std::string::npos);
}

}  // namespace
}  // namespace wstudio::host::vaist

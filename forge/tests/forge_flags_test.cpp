// FC-2: the Forge compiles with exactly the flags of the factory plugins. Both come from
// cmake/wasm32-wasi-flags.cmake; this compares the Forge's command line with the wasm build's
// real one for a factory plugin (build/wasm: compile_commands.json and build.ninja), which also
// covers what CMake adds by itself (the build type's -O3 -DNDEBUG, -std=c++20).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// The code generation flags of a command line: no paths, includes, outputs, warnings or target.
std::set<std::string> codeGenerationFlags(const std::vector<std::string>& argv) {
  std::set<std::string> flags;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-o" || a == "-MT" || a == "-MF" || a == "-isystem" || a == "-I") {
      ++i;
      continue;
    }
    if (a.empty() || a[0] != '-' || a == "-c" || a == "-MD" || a.rfind("-I", 0) == 0 || a.rfind("-W", 0) == 0 ||
        a.rfind("--target=", 0) == 0) {
      continue;
    }
    flags.insert(a);
  }
  return flags;
}

TEST(ForgeFlags, CompileFlagsAreTheFactoryPluginsOwn) {
  std::ifstream in(WSTUDIO_WASM_COMPILE_COMMANDS);
  ASSERT_TRUE(in) << WSTUDIO_WASM_COMPILE_COMMANDS;
  const auto commands = nlohmann::json::parse(in);
  std::string factory;
  for (const auto& entry : commands) {
    const std::string file = entry.value("file", "");
    if (file.size() > 28 && file.ends_with("plugins/utility/utility.cpp")) factory = entry.value("command", "");
  }
  ASSERT_FALSE(factory.empty()) << "no compile command for the utility plugin";
  const std::vector<std::string> factoryArgv = words(factory);
  EXPECT_EQ(factoryArgv[0], cppCommandLine()[0]) << "the same compiler";
  const std::set<std::string> expected = codeGenerationFlags(factoryArgv);
  const std::vector<std::string> forgeFlags = pluginCompileFlags();
  EXPECT_EQ(std::set<std::string>(forgeFlags.begin(), forgeFlags.end()), expected);
  // The guards the Forge adds change no code generation: only diagnostics and refusals.
  std::set<std::string> forgeAll = codeGenerationFlags(cppCommandLine());
  for (const std::string& flag : pluginLinkFlags()) forgeAll.erase(flag);
  for (const char* guard : {"-nostdinc", "-fno-gnu-inline-asm", "-fno-crash-diagnostics", "-fno-color-diagnostics",
                            "-fno-caret-diagnostics", "-fno-diagnostics-fixit-info", "-fdiagnostics-format=clang",
                            "-fmessage-length=0", "-ferror-limit=50"}) {
    EXPECT_EQ(forgeAll.erase(guard), 1u) << guard;
  }
  EXPECT_EQ(forgeAll, expected);
}

TEST(ForgeFlags, LinkFlagsAreTheFactoryPluginsOwn) {
  std::ifstream in(WSTUDIO_WASM_BUILD_NINJA);
  ASSERT_TRUE(in) << WSTUDIO_WASM_BUILD_NINJA;
  std::string line;
  bool inUtility = false;
  std::string linkFlags;
  while (std::getline(in, line)) {
    if (line.rfind("build plugins/utility.wasm:", 0) == 0) inUtility = true;
    else if (inUtility && line.rfind("  LINK_FLAGS = ", 0) == 0) linkFlags = line.substr(15);
    else if (inUtility && (line.empty() || line[0] != ' ')) inUtility = false;
  }
  ASSERT_FALSE(linkFlags.empty()) << "no link rule for the utility plugin";
  EXPECT_EQ(pluginLinkFlags(), words(linkFlags));
  const std::vector<std::string> argv = cppCommandLine();
  for (const std::string& flag : pluginLinkFlags()) {
    EXPECT_NE(std::find(argv.begin(), argv.end(), flag), argv.end()) << flag;
  }
}

}  // namespace
}  // namespace wstudio::forge

#include "faust_build_support.hpp"

#include <gtest/gtest.h>

#include "wstudio/forge/faust_compile.hpp"

namespace wstudio::forge::test {

namespace fs = std::filesystem;

fs::path scratch(const char* name) {
  const fs::path dir = fs::path(WSTUDIO_FORGE_TEST_SCRATCH) / name;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  return dir;
}

Built buildFaust(const std::string& source) {
  const CompileOutcome compiled = compileFaust(source, CompileLimits{});
  std::string said = compiled.message;
  for (const Diagnostic& d : compiled.diagnostics.diagnostics) said += "\n" + d.file + ":" + std::to_string(d.line) + ": " + d.message;
  EXPECT_EQ(compiled.status, CompileStatus::Built) << said;
  Built built{compiled.wasm, {}};
  if (compiled.status != CompileStatus::Built) return built;
  built.validation = validateBuild(compiled.wasm, scratch("module-cache"));
  EXPECT_TRUE(built.validation.passed) << built.validation.message;
  return built;
}

std::unique_ptr<host::PluginInstance> instantiate(const std::string& wasm) {
  host::LoadOptions options;
  options.cacheDir = scratch("module-cache");
  auto module = host::loadWspModule(
      std::span(reinterpret_cast<const uint8_t*>(wasm.data()), wasm.size()), options);
  if (!module) {
    ADD_FAILURE() << module.error();
    return nullptr;
  }
  auto instance = module.value()->instantiate();
  if (!instance) {
    ADD_FAILURE() << instance.error();
    return nullptr;
  }
  auto status = instance.value()->activate(kFaustTestRate, kFaustTestBlock);
  EXPECT_TRUE(status) << (status ? "" : status.error());
  return std::move(instance.value());
}

}  // namespace wstudio::forge::test

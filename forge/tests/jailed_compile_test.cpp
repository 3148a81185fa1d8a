// FC-1, FC-6, FC-7: C++ compiled in the jail, errors with their line and column, and the built
// module through the conformance suite in the plugin sandbox.
#include <gtest/gtest.h>

#include "forge_test_sources.hpp"
#include "wstudio/forge/build_validation.hpp"
#include "wstudio/forge/cpp_compile.hpp"

namespace wstudio::forge {
namespace {

TEST(ForgeJailedCompile, AGoodPluginCompilesAndPassesTheConformanceSuite) {
  const CompileOutcome built = compileCpp(test::kGainPlugin, CompileLimits{});
  ASSERT_EQ(built.status, CompileStatus::Built) << built.message;
  ASSERT_GT(built.wasm.size(), 8u);
  EXPECT_EQ(built.wasm.substr(0, 4), std::string("\0asm", 4));
  for (const Diagnostic& d : built.diagnostics.diagnostics) EXPECT_NE(d.severity, "error") << d.message;
  const BuildValidation validation =
      validateBuild(built.wasm, std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache");
  EXPECT_TRUE(validation.passed) << validation.message;
  EXPECT_EQ(validation.pluginId, "test.forge.gain");
  EXPECT_GT(validation.checks, 5);
  EXPECT_NE(validation.descriptorJson.find("\"gain\""), std::string::npos);
}

TEST(ForgeJailedCompile, AnErrorComesBackAtItsLineAndColumn) {
  const CompileOutcome outcome = compileCpp(test::kErrorAtLine4, CompileLimits{});
  ASSERT_EQ(outcome.status, CompileStatus::Errors) << outcome.message;
  ASSERT_FALSE(outcome.diagnostics.diagnostics.empty());
  const Diagnostic& first = outcome.diagnostics.diagnostics.front();
  EXPECT_EQ(first.file, "plugin.cpp");
  EXPECT_EQ(first.line, 4);
  EXPECT_EQ(first.column, 10);
  EXPECT_EQ(first.severity, "error");
  EXPECT_NE(first.message.find("undeclared_thing"), std::string::npos) << first.message;
  EXPECT_EQ(outcome.message, "the source does not compile: 1 error");
}

TEST(ForgeJailedCompile, AModuleThatIsNoPluginIsExplainedInPlainWords) {
  // Compiles and links (a reactor with no exports), but is not a plugin.
  const CompileOutcome built = compileCpp("int unused_helper(int x) { return x * 2; }\n", CompileLimits{});
  ASSERT_EQ(built.status, CompileStatus::Built) << built.message;
  const BuildValidation validation =
      validateBuild(built.wasm, std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache");
  EXPECT_FALSE(validation.passed);
  EXPECT_NE(validation.message.find("cannot be loaded as a plugin"), std::string::npos) << validation.message;
  EXPECT_NE(validation.message.find("WSP_PLUGIN"), std::string::npos) << validation.message;
}

TEST(ForgeJailedCompile, APluginFarLouderThanItsInputAtItsDefaultsIsRefusedInTheUsersTerms) {
  // A gain in dB used as a factor: x100, +40 dB at the defaults.
  std::string loud = test::kGainPlugin;
  const std::string times = "block.input(0)[i] * g;";
  loud.replace(loud.find(times), times.size(), "block.input(0)[i] * g * 100.0f;");
  loud.replace(loud.find("block.input(1)[i] * g;"), times.size(), "block.input(1)[i] * g * 100.0f;");
  const CompileOutcome built = compileCpp(loud, CompileLimits{});
  ASSERT_EQ(built.status, CompileStatus::Built) << built.message;
  const BuildValidation validation =
      validateBuild(built.wasm, std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache");
  EXPECT_FALSE(validation.passed);
  ASSERT_EQ(validation.failures.size(), 1u) << validation.message;
  EXPECT_EQ(validation.failures[0].check, "default-loudness");
  EXPECT_EQ(validation.failures[0].rules, std::vector<std::string>{"SAFE-1"});
  EXPECT_NE(validation.message.find("At its default settings this plugin makes the sound 40 dB louder"),
            std::string::npos) << validation.message;
  EXPECT_NE(validation.message.find("with 'gain' = -60 dB (min) it comes out 20 dB quieter"), std::string::npos)
      << validation.message;
}

}  // namespace
}  // namespace wstudio::forge

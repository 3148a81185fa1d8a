// The factory utility plugin conforms, compiled natively and as .wasm through the sandbox.
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "wstudio/conformance/suite.hpp"
#include "wstudio/host/plugin.hpp"

#ifdef CONFORMANCE_HAVE_NATIVE_UTILITY
extern "C" const wsp_plugin_api* wsp_native_plugin_utility();
#endif

namespace wstudio::conformance {
namespace {

std::string failures(const Report& report) {
  std::string text;
  for (const auto& c : report.checks) {
    if (c.outcome == Outcome::Fail) text += c.name + ": " + c.reason + "\n";
  }
  return text;
}

const CheckResult& latencyWordCheck(const Report& report) {
  for (const auto& c : report.checks) {
    if (c.name == "latency-word") return c;
  }
  throw std::runtime_error("no latency-word check");
}

#ifdef CONFORMANCE_HAVE_NATIVE_UTILITY
TEST(UtilityPlugin, NativeBuildPassesFullSuite) {
  auto module = host::loadNativePlugin(wsp_native_plugin_utility());
  ASSERT_TRUE(module.ok()) << module.error();
  const Report report = runSuite({module.value(), nullptr});
  EXPECT_TRUE(report.passed()) << failures(report);
  EXPECT_EQ(report.format, "native");
  // The SDK lists wsp.latency-word/1, but a native table has no wspx_ exports.
  EXPECT_EQ(latencyWordCheck(report).outcome, Outcome::Skip);
  EXPECT_NE(latencyWordCheck(report).reason.find("native backend"), std::string::npos);
}
#endif

TEST(UtilityPlugin, WasmBuildPassesInTheSandbox) {
  const std::filesystem::path path = std::string(WSTUDIO_WASM_PLUGIN_DIR) + "/utility.wasm";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not built yet";
  host::LoadOptions options;
  options.cacheDir = CONFORMANCE_CACHE_DIR;
  auto module = host::loadPlugin(path, options);
  ASSERT_TRUE(module.ok()) << module.error();
  options.shareModuleInstance = true;
  auto shared = host::loadPlugin(path, options);
  ASSERT_TRUE(shared.ok()) << shared.error();
  SuiteOptions suite;
  suite.quick = true;
  const Report report = runSuite({module.value(), shared.value()}, suite);
  EXPECT_TRUE(report.passed()) << failures(report);
  EXPECT_EQ(report.format, "wsp");
  EXPECT_EQ(latencyWordCheck(report).outcome, Outcome::Pass) << latencyWordCheck(report).reason;
}

}  // namespace
}  // namespace wstudio::conformance

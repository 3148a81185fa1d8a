// Runs the real `vaist` binary and checks exit codes and the lines users and CI rely on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "vaist_process.hpp"

namespace {

using vaist_test::VaistRun;

VaistRun vaist(const std::string& args) {
  const std::filesystem::path scratch = VAIST_TEST_SCRATCH_DIR;
  std::filesystem::create_directories(scratch);
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return vaist_test::runVaist(args, scratch / (std::string(test->name()) + ".stderr"));
}

std::string fixture(const std::string& name) {
  return std::string("'") + CONFORMANCE_FIXTURE_DIR + "/" + name + ".wasm'";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(VaistCli, VersionAndHelp) {
  const VaistRun version = vaist("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_TRUE(contains(version.out, "vaist " WSTUDIO_TEST_VERSION)) << version.out;
  const VaistRun help = vaist("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(contains(help.out, "plugin")) << help.out;
  EXPECT_EQ(vaist("plugin --help").status, 0);
}

TEST(VaistCli, UsageErrorsExitTwo) {
  EXPECT_EQ(vaist("").status, 2);
  const VaistRun unknown = vaist("frobnicate");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown command 'frobnicate'")) << unknown.err;
  EXPECT_EQ(vaist("plugin validate").status, 2);
  EXPECT_EQ(vaist("plugin validate --fast " + fixture("good")).status, 2);
  EXPECT_EQ(vaist("plugin info --quick " + fixture("good")).status, 2);
}

TEST(VaistCli, InfoPrintsTheDescriptor) {
  const VaistRun info = vaist("plugin info " + fixture("good"));
  EXPECT_EQ(info.status, 0) << info.err;
  EXPECT_TRUE(contains(info.out, "(test.fixture.good)")) << info.out;
  EXPECT_TRUE(contains(info.out, "2 in, 2 out")) << info.out;
  EXPECT_TRUE(contains(info.out, "gain")) << info.out;
  EXPECT_TRUE(contains(info.out, "-60 .. 12 dB")) << info.out;
}

TEST(VaistCli, InfoJsonIsTheDescriptor) {
  const VaistRun info = vaist("plugin info --json " + fixture("good"));
  EXPECT_EQ(info.status, 0) << info.err;
  const auto json = nlohmann::json::parse(info.out);
  EXPECT_EQ(json["id"], "test.fixture.good");
  EXPECT_EQ(json["params"].size(), 2u);
}

// The manifest of a vAIst Forge plugin (built by host/tests/vaist where emcc is); a WSP plugin has none.
TEST(VaistCli, InfoManifestIsTheVaistManifest) {
  const std::string folder = std::string(VAIST_FIXTURE_BUILD_DIR) + "/warm_drive_glue";
  if (!std::filesystem::exists(folder + "/vaist-processor.wasm")) GTEST_SKIP() << "no vAIst fixtures (emcc missing)";
  const VaistRun info = vaist("plugin info --manifest '" + folder + "'");
  EXPECT_EQ(info.status, 0) << info.err;
  const auto json = nlohmann::json::parse(info.out);
  EXPECT_EQ(json["format"], "wasm-studio-vaist-manifest");
  EXPECT_EQ(json["descriptor"]["id"], "vaist.warm-drive");
  const VaistRun wsp = vaist("plugin info --manifest " + fixture("good"));
  EXPECT_EQ(wsp.status, 2);
  EXPECT_TRUE(contains(wsp.err, "only vAIst Forge plugins have a manifest")) << wsp.err;
  EXPECT_EQ(vaist("plugin info --json --manifest '" + folder + "'").status, 2);
  EXPECT_EQ(vaist("plugin validate --manifest '" + folder + "'").status, 2);
}

TEST(VaistCli, ValidatePassesAConformingPlugin) {
  const VaistRun run = vaist("plugin validate --quick " + fixture("good"));
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_TRUE(contains(run.out, "PASS  zipper-noise")) << run.out;
  EXPECT_TRUE(contains(run.out, "SKIP  note-onset")) << run.out;
  EXPECT_TRUE(contains(run.out, "PASS: the plugin conforms")) << run.out;
  EXPECT_TRUE(contains(run.err, "[1/")) << "progress goes to stderr: " << run.err;
}

TEST(VaistCli, ValidateFailsWithRuleIdsAndReasons) {
  const VaistRun run = vaist("plugin validate " + fixture("wrong_latency") + " --quick");
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_TRUE(contains(run.out, "FAIL  latency")) << run.out;
  EXPECT_TRUE(contains(run.out, "FAIL: ABI-13")) << run.out;
  EXPECT_TRUE(contains(run.out, "reports 0 frames")) << run.out;
}

TEST(VaistCli, ValidateJsonListsFailedRules) {
  const VaistRun run = vaist("plugin validate --quick --json " + fixture("unsmoothed"));
  EXPECT_EQ(run.status, 1) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["passed"], false);
  EXPECT_EQ(json["failedRules"], nlohmann::json::array({"ABI-16"}));
}

TEST(VaistCli, GarbageAndMissingFilesExitTwoWithAdvice) {
  const std::filesystem::path garbage = std::filesystem::path(VAIST_TEST_SCRATCH_DIR) / "garbage.wasm";
  std::filesystem::create_directories(garbage.parent_path());
  std::ofstream(garbage) << "this is not a WebAssembly module";
  // Appended, not "'" + string: GCC 12 -O3 warns falsely (-Wrestrict) on that form.
  std::string quoted = "'";
  quoted += garbage.string();
  quoted += "'";
  for (const std::string command : {"plugin info ", "plugin validate --quick "}) {
    const VaistRun run = vaist(command + quoted);
    EXPECT_EQ(run.status, 2) << command;
    EXPECT_TRUE(contains(run.err, "cannot load")) << run.err;
    EXPECT_TRUE(contains(run.err, "docs/plugin-abi.md")) << run.err;
  }
  const VaistRun missing = vaist("plugin validate /nonexistent/plugin.wasm");
  EXPECT_EQ(missing.status, 2);
  EXPECT_TRUE(contains(missing.err, "no such file")) << missing.err;
}

}  // namespace

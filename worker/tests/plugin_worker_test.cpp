// Plugins inspected and validated through the plugin sandbox (wstudio/worker/plugin_worker.hpp):
// the answers match what the plugin is, failures come back as reasons, and nothing the plugin does
// reaches the calling process or leaves files behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "wstudio/host/sha256.hpp"
#include "wstudio/worker/plugin_worker.hpp"

namespace {

namespace fs = std::filesystem;
using wstudio::worker::inspectPlugin;
using wstudio::worker::pluginFilesAt;
using wstudio::worker::pluginFilesFromBytes;
using wstudio::worker::validatePlugin;
using wstudio::worker::WorkerOptions;

std::string readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

WorkerOptions options() { return {fs::path(WSTUDIO_WORKER_TEST_SCRATCH) / "module-cache"}; }

TEST(PluginWorker, InspectsAFactoryPlugin) {
  auto files = pluginFilesAt(fs::path(WSTUDIO_WASM_PLUGIN_DIR) / "eq.wasm");
  ASSERT_TRUE(files) << files.error();
  auto plugin = inspectPlugin(files.value(), options());
  ASSERT_TRUE(plugin) << plugin.error();
  EXPECT_EQ(plugin->descriptor.id, "studio.wasm.eq");
  EXPECT_EQ(plugin->format, "wsp");
  EXPECT_FALSE(plugin->descriptor.params.empty());
}

TEST(PluginWorker, ValidatesAndReportsFailedRules) {
  const fs::path fixtures(CONFORMANCE_FIXTURE_DIR);
  int progressCalls = 0;
  auto good = validatePlugin(pluginFilesAt(fixtures / "good.wasm").value(), true,
                             [&](std::string_view, int, int) { ++progressCalls; }, options());
  ASSERT_TRUE(good) << good.error();
  EXPECT_TRUE(good->report.passed());
  EXPECT_GT(progressCalls, 3);
  auto leaking = validatePlugin(pluginFilesAt(fixtures / "static_singleton.wasm").value(), true, {}, options());
  ASSERT_TRUE(leaking) << leaking.error();
  EXPECT_FALSE(leaking->report.passed());
  EXPECT_EQ(leaking->report.failedRules(), std::vector<std::string>{"ABI-7"});
}

TEST(PluginWorker, AQuickToBuildLibraryJudgesExactlyAsTheFastOne) {
  // The Forge's validation runs the plugin from a library built with -O1: every check must come
  // to the same verdict with the same measurements (the same float bits), from an entry of its own.
  const fs::path plugin = fs::path(WSTUDIO_WASM_PLUGIN_DIR) / "saturator.wasm";
  WorkerOptions quick = options();
  quick.quickToBuildLibraries = true;
  auto fast = validatePlugin(pluginFilesAt(plugin).value(), true, {}, options());
  auto judged = validatePlugin(pluginFilesAt(plugin).value(), true, {}, quick);
  ASSERT_TRUE(fast) << fast.error();
  ASSERT_TRUE(judged) << judged.error();
  ASSERT_EQ(fast->report.checks.size(), judged->report.checks.size());
  for (size_t i = 0; i < fast->report.checks.size(); ++i) {
    EXPECT_EQ(fast->report.checks[i].outcome, judged->report.checks[i].outcome) << fast->report.checks[i].name;
    EXPECT_EQ(fast->report.checks[i].reason, judged->report.checks[i].reason) << fast->report.checks[i].name;
  }
  size_t saturatorEntries = 0;
  const std::string wasmHash = wstudio::host::sha256Hex(readBytes(plugin));
  for (const auto& entry : fs::directory_iterator(options().cacheDir / "modules")) {
    saturatorEntries += entry.path().filename().string().starts_with(wasmHash);
  }
  EXPECT_EQ(saturatorEntries, 2u) << "one library for the engine, one for judging";
}

TEST(PluginWorker, ALoadErrorNamesTheCallersFileNotTheJails) {
  const fs::path folder = fs::path(WSTUDIO_WORKER_TEST_SCRATCH) / "not-a-plugin";
  fs::create_directories(folder);
  std::ofstream(folder / "text.wasm") << "\0asm but not really a module at all";
  auto plugin = inspectPlugin(pluginFilesAt(folder / "text.wasm").value(), options());
  ASSERT_FALSE(plugin);
  EXPECT_NE(plugin.error().find((folder / "text.wasm").string()), std::string::npos) << plugin.error();
  EXPECT_EQ(plugin.error().find("/tmp/plugin"), std::string::npos) << plugin.error();
  auto upload = inspectPlugin(pluginFilesFromBytes("upload.wasm", "garbage"), options());
  ASSERT_FALSE(upload);
  EXPECT_EQ(upload.error().find("/tmp"), std::string::npos) << upload.error();
}

// An upload's validation leaves nothing but verified cache entries behind: the compile ran in the
// compile jail's private /tmp, the plugin in the run jail's.
TEST(PluginWorker, NothingIsLeftBehindButCacheEntries) {
  const fs::path cache = fs::path(WSTUDIO_WORKER_TEST_SCRATCH) / ("fresh-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  const std::string wasm = readBytes(fs::path(WSTUDIO_WASM_PLUGIN_DIR) / "utility.wasm");
  auto validated = validatePlugin(pluginFilesFromBytes("upload.wasm", wasm), true, {}, {cache});
  ASSERT_TRUE(validated) << validated.error();
  EXPECT_TRUE(validated->report.passed());
  std::vector<std::string> left;
  for (const auto& entry : fs::recursive_directory_iterator(cache)) {
    left.push_back(fs::relative(entry.path(), cache).string());
  }
  ASSERT_EQ(left.size(), 2u) << "modules/ and one entry";
  EXPECT_EQ(left[0].rfind("modules", 0), 0u);
  EXPECT_EQ(fs::path(left[1]).extension() == ".so" || fs::path(left[0]).extension() == ".so", true);
  EXPECT_EQ(fs::status(cache).permissions() & fs::perms::all, fs::perms::owner_all);
  fs::remove_all(cache);
}

}  // namespace

// wsp.latency-word/1 (ABI-20) in the sandbox host: a module whose descriptor lists it must
// export wspx_latency_word_address, the address it hands out after wsp_activate must be a
// usable word, and PluginInstance::latencyWord() reads that word without calling the plugin.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "fixture_files.hpp"
#include "wsp/wsp_events.hpp"
#include "wstudio/host/plugin.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_fixture(void);

namespace wstudio::host {
namespace {

LoadOptions testOptions() {
  LoadOptions options;
  options.cacheDir = testing::testCacheDir();
  return options;
}

std::shared_ptr<PluginModule> loadFixture(const std::string& name) {
  auto module = loadWspModule(testing::readFixture(name), testOptions());
  EXPECT_TRUE(module.ok()) << name << ": " << (module.ok() ? "" : module.error());
  return module.ok() ? module.value() : nullptr;
}

std::unique_ptr<PluginInstance> instantiate(PluginModule& module) {
  auto instance = module.instantiate();
  EXPECT_TRUE(instance.ok()) << instance.error();
  return std::move(instance).value();
}

// latency_word.wat: the latency is the frame count of the last wsp_process call.
TEST(LatencyWord, ReadsTheWordTheModuleKeeps) {
  auto module = loadFixture("latency_word.wasm");
  ASSERT_NE(module, nullptr);
  auto instance = instantiate(*module);
  EXPECT_EQ(instance->latencyWord(), std::nullopt) << "no word before wsp_activate";
  ASSERT_TRUE(instance->activate(48000, 256).ok());
  EXPECT_EQ(instance->latencyWord(), 0u);
  for (uint32_t frames : {100u, 37u, 256u}) {
    ASSERT_TRUE(instance->process(frames, {}));
    EXPECT_EQ(instance->latencyWord(), frames);
    EXPECT_EQ(instance->latency(), frames);
  }
  instance->deactivate();
  EXPECT_EQ(instance->latencyWord(), std::nullopt) << "the word is gone after wsp_deactivate";
  ASSERT_TRUE(instance->activate(48000, 128).ok());
  EXPECT_EQ(instance->latencyWord(), 0u);
}

// latency_word.wat hands out a bad address for max_frames 1, 2 and 3.
TEST(LatencyWord, ActivationRefusesABadAddress) {
  auto module = loadFixture("latency_word.wasm");
  ASSERT_NE(module, nullptr);
  auto instance = instantiate(*module);
  for (uint32_t maxFrames : {1u, 2u, 3u}) {
    auto activated = instance->activate(48000, maxFrames);
    ASSERT_FALSE(activated.ok()) << "max_frames " << maxFrames;
    EXPECT_EQ(activated.error(),
              "Plugin 'Latency word': wspx_latency_word_address is null, misaligned or outside "
              "memory (ABI-20)");
    EXPECT_EQ(instance->latencyWord(), std::nullopt);
  }
  EXPECT_FALSE(instance->faulted());
  ASSERT_TRUE(instance->activate(48000, 256).ok()) << "a refused activation leaves it usable";
  EXPECT_EQ(instance->latencyWord(), 0u);
}

TEST(LatencyWord, ListingTheExtensionRequiresItsExport) {
  auto unexported =
      loadWspModule(testing::readFixture("latency_word_unexported.wasm"), testOptions());
  ASSERT_FALSE(unexported.ok());
  EXPECT_EQ(unexported.error(),
            "the descriptor lists wsp.latency-word/1, but the module does not export "
            "wspx_latency_word_address (ABI-20)");
  auto wrong =
      loadWspModule(testing::readFixture("latency_word_wrong_signature.wasm"), testOptions());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error(),
            "the descriptor lists wsp.latency-word/1, but the module exports "
            "wspx_latency_word_address as () -> i32, expected (i32) -> i32 (ABI-20)");
}

TEST(LatencyWord, NoWordWithoutTheExtensionOrForNativePlugins) {
  auto module = loadFixture("fixture_plugin.wasm");  // lists no extension
  ASSERT_NE(module, nullptr);
  auto instance = instantiate(*module);
  ASSERT_TRUE(instance->activate(48000, 256).ok());
  EXPECT_EQ(instance->latencyWord(), std::nullopt);

  auto native = loadNativePlugin(wsp_native_plugin_fixture());
  ASSERT_TRUE(native.ok()) << native.error();
  auto nativeInstance = instantiate(*native.value());
  ASSERT_TRUE(nativeInstance->activate(48000, 256).ok());
  EXPECT_EQ(nativeInstance->latencyWord(), std::nullopt);
}

// The factory limiter (an SDK plugin) changes its latency with its lookahead: at once while
// only silence is in flight, after a fade while audio runs. The word follows every change.
TEST(LatencyWord, FollowsTheFactoryLimitersLookahead) {
  const std::filesystem::path path = std::string(WSTUDIO_WASM_PLUGIN_DIR) + "/limiter.wasm";
  auto module = loadPlugin(path, testOptions());
  ASSERT_TRUE(module.ok()) << module.error();
  auto instance = instantiate(*module.value());
  ASSERT_TRUE(instance->activate(48000, 512).ok());
  constexpr uint32_t kLookahead = 2;         // the parameter's id; its values are in ms
  EXPECT_EQ(instance->latencyWord(), 240u);  // 5 ms default
  ASSERT_TRUE(instance->setParam(kLookahead, 10.0));
  EXPECT_EQ(instance->latencyWord(), 480u) << "silent: the new lookahead applies at once";

  std::vector<uint32_t> seen;
  for (int block = 0; block < 20; ++block) {
    for (uint32_t i = 0; i < 512; ++i) {
      instance->input(0)[i] = instance->input(1)[i] = (i % 2 == 0 ? 1.5f : -1.5f);
    }
    const wsp_event change = wsp::paramEvent(100, kLookahead, 1.0);
    ASSERT_TRUE(instance->process(
        512, block == 2 ? std::span<const wsp_event>(&change, 1) : std::span<const wsp_event>()));
    const auto word = instance->latencyWord();
    ASSERT_TRUE(word.has_value());
    EXPECT_EQ(*word, instance->latency()) << "block " << block;
    if (seen.empty() || seen.back() != *word) seen.push_back(*word);
  }
  EXPECT_EQ(seen, (std::vector<uint32_t>{480u, 48u})) << "faded over to the 1 ms lookahead";
}

}  // namespace
}  // namespace wstudio::host

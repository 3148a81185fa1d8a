// The native backend on the C fixture plugin linked into this test: processing, parameters,
// sample-accurate events across a split block, state, output checks.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "wsp/wsp_events.hpp"
#include "wstudio/host/plugin.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_fixture(void);

namespace wstudio::host {
namespace {

std::unique_ptr<PluginInstance> makeInstance() {
  auto module = loadNativePlugin(wsp_native_plugin_fixture());
  EXPECT_TRUE(module.ok()) << module.error();
  auto instance = module.value()->instantiate();
  EXPECT_TRUE(instance.ok()) << instance.error();
  EXPECT_TRUE(instance.value()->activate(48000, 256).ok());
  return std::move(instance).value();
}

wsp_event gainEvent(uint32_t frame, double db) { return wsp::paramEvent(frame, 0, db); }

TEST(NativePlugin, LoadsAndDescribesItself) {
  auto module = loadNativePlugin(wsp_native_plugin_fixture());
  ASSERT_TRUE(module.ok()) << module.error();
  EXPECT_EQ(module.value()->format(), PluginFormat::wsp);
  EXPECT_TRUE(module.value()->linkedNatively());
  EXPECT_EQ(module.value()->descriptor().name, "Fixture");
  ASSERT_EQ(module.value()->descriptor().params.size(), 2u);
  EXPECT_EQ(module.value()->descriptor().params[1].choices.size(), 7u);
}

TEST(NativePlugin, RefusesNullAndIncompleteTables) {
  EXPECT_FALSE(loadNativePlugin(nullptr).ok());
  wsp_plugin_api incomplete = *wsp_native_plugin_fixture();
  incomplete.state_load = nullptr;
  auto module = loadNativePlugin(&incomplete);
  ASSERT_FALSE(module.ok());
  EXPECT_NE(module.error().find("ABI-1"), std::string::npos);
}

TEST(NativePlugin, AppliesGain) {
  auto instance = makeInstance();
  ASSERT_TRUE(instance->setParam(0, -6.0));
  for (uint32_t i = 0; i < 64; ++i) {
    instance->input(0)[i] = 0.5f;
    instance->input(1)[i] = -0.25f;
  }
  ASSERT_TRUE(instance->process(64, {}));
  const float gain = std::pow(10.0f, -6.0f / 20.0f);
  EXPECT_NEAR(instance->output(0)[63], 0.5f * gain, 1e-6);
  EXPECT_NEAR(instance->output(1)[0], -0.25f * gain, 1e-6);
  EXPECT_DOUBLE_EQ(instance->paramValue(0), -6.0);
}

// 600 events on 600 different frames: more than the plugin's 256-event buffer, so process()
// splits the block, and every event must still land on its own frame.
TEST(NativePlugin, SplitsBlocksWithMoreEventsThanTheBufferHolds) {
  auto module = loadNativePlugin(wsp_native_plugin_fixture());
  auto made = module.value()->instantiate();
  auto& instance = *made.value();
  ASSERT_TRUE(instance.activate(48000, 1024).ok());
  std::vector<wsp_event> events;
  for (uint32_t frame = 0; frame < 600; ++frame) {
    events.push_back(gainEvent(frame, frame % 2 == 0 ? 0.0 : -60.0));
  }
  for (uint32_t i = 0; i < 1000; ++i) {
    instance.input(0)[i] = 1.0f;
    instance.input(1)[i] = 1.0f;
  }
  ASSERT_TRUE(instance.process(1000, events));
  const float quiet = std::pow(10.0f, -60.0f / 20.0f);
  for (uint32_t frame = 0; frame < 600; ++frame) {
    EXPECT_NEAR(instance.output(0)[frame], frame % 2 == 0 ? 1.0f : quiet, 1e-6) << frame;
  }
  EXPECT_NEAR(instance.output(1)[999], quiet, 1e-6);
}

TEST(NativePlugin, StateRoundTripsAndRejectsForeignBytes) {
  auto a = makeInstance();
  ASSERT_TRUE(a->setParam(0, -12.5));
  auto state = a->saveState();
  ASSERT_TRUE(state.ok()) << state.error();
  auto b = makeInstance();
  ASSERT_TRUE(b->loadState(state.value()).ok());
  EXPECT_DOUBLE_EQ(b->paramValue(0), -12.5);
  std::vector<uint8_t> garbage(16, 0xab);
  EXPECT_FALSE(b->loadState(garbage).ok());
  EXPECT_DOUBLE_EQ(b->paramValue(0), -12.5);
}

TEST(NativePlugin, NonFiniteOutputFaultsAndSilences) {
  auto instance = makeInstance();
  ASSERT_TRUE(instance->setParam(7, 5));  // "Write NaN"
  for (uint32_t i = 0; i < 32; ++i) instance->input(0)[i] = instance->input(1)[i] = 0.5f;
  EXPECT_FALSE(instance->process(32, {}));
  EXPECT_EQ(instance->fault(), Fault::NonFinite);
  EXPECT_NE(instance->faultMessage().find("Plugin 'Fixture' output NaN"), std::string::npos)
      << instance->faultMessage();
  for (uint32_t i = 0; i < 32; ++i) EXPECT_EQ(instance->output(1)[i], 0.0f);
  EXPECT_FALSE(instance->process(32, {}));
}

TEST(NativePlugin, FlushesDenormals) {
  auto instance = makeInstance();
  for (uint32_t i = 0; i < 16; ++i) instance->input(0)[i] = instance->input(1)[i] = 1e-40f;
  ASSERT_TRUE(instance->process(16, {}));
  EXPECT_EQ(instance->output(0)[3], 0.0f);
  EXPECT_EQ(instance->flushedDenormals(), 32u);
}

}  // namespace
}  // namespace wstudio::host

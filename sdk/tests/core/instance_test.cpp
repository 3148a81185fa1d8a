// Instances (ABI-7, ABI-8, ABI-9), argument checking, and output hygiene (ABI-12).
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

constexpr uint32_t kGain = 0, kInvertLeft = 3;

TEST(Instance, TwoInstancesAreIndependent) {
  Harness a(wsp_native_plugin_utility());
  Harness b(wsp_native_plugin_utility());
  ASSERT_EQ(a.activate(48000.0, 64), WSP_OK);
  ASSERT_EQ(b.activate(44100.0, 32), WSP_OK);
  a.set(kInvertLeft, 1.0);
  EXPECT_EQ(b.get(kInvertLeft), 0.0);
  EXPECT_NE(a.input(0), b.input(0));
  a.fillInput(0, 0.5f, 32);
  b.fillInput(0, 0.5f, 32);
  a.fillInput(1, 0.0f, 32);
  b.fillInput(1, 0.0f, 32);
  ASSERT_EQ(a.process(32), WSP_OK);
  ASSERT_EQ(b.process(32), WSP_OK);
  EXPECT_EQ(a.output(0)[0], -0.5f);
  EXPECT_EQ(b.output(0)[0], 0.5f);
}

TEST(Instance, DestroyingOneLeavesTheOtherWorking) {
  Harness survivor(wsp_native_plugin_utility());
  ASSERT_EQ(survivor.activate(), WSP_OK);
  {
    Harness doomed(wsp_native_plugin_utility());
    ASSERT_EQ(doomed.activate(), WSP_OK);
  }
  survivor.fillInput(0, 0.25f, 16);
  survivor.fillInput(1, 0.25f, 16);
  ASSERT_EQ(survivor.process(16), WSP_OK);
  EXPECT_EQ(survivor.output(1)[15], 0.25f);
}

TEST(Instance, ParametersSurviveReactivation) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(48000.0, 128), WSP_OK);
  utility.set(kGain, -12.0);
  utility.api().deactivate(utility.instance());
  EXPECT_EQ(utility.get(kGain), -12.0);
  ASSERT_EQ(utility.activate(96000.0, 4096), WSP_OK);
  EXPECT_EQ(utility.get(kGain), -12.0);
  // Activating an active instance re-activates it, keeping the values too.
  ASSERT_EQ(utility.activate(8000.0, 1), WSP_OK);
  EXPECT_EQ(utility.get(kGain), -12.0);
}

TEST(Instance, BuffersFollowTheActivation) {
  Harness utility(wsp_native_plugin_utility());
  EXPECT_EQ(utility.input(0), nullptr);  // nothing before activate
  EXPECT_EQ(utility.api().event_buffer(utility.instance()), nullptr);
  ASSERT_EQ(utility.activate(48000.0, 4096), WSP_OK);
  ASSERT_NE(utility.input(0), nullptr);
  EXPECT_GE(utility.api().event_capacity(utility.instance()), WSP_MIN_EVENT_CAPACITY);
  // All four channel buffers are distinct and hold max_frames samples without overlapping.
  std::vector<float*> buffers = {utility.input(0), utility.input(1), utility.output(0),
                                 utility.output(1)};
  for (size_t i = 0; i < buffers.size(); ++i) {
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      EXPECT_GE(std::abs(buffers[i] - buffers[j]), 4096) << i << " " << j;
    }
  }
  EXPECT_EQ(utility.api().audio_buffer(utility.instance(), WSP_PORT_INPUT, 2), nullptr);
  EXPECT_EQ(utility.api().audio_buffer(utility.instance(), 7, 0), nullptr);
  utility.api().deactivate(utility.instance());
  EXPECT_EQ(utility.output(0), nullptr);
}

TEST(Instance, BadArgumentsAreRefused) {
  const wsp_plugin_api& api = *wsp_native_plugin_utility();
  Harness utility(&api);
  wsp_instance* i = utility.instance();
  EXPECT_EQ(api.process(i, 16, 0), WSP_ERR_BAD_STATE);
  EXPECT_EQ(api.activate(i, 7999.0, 128), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.activate(i, 384001.0, 128), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.activate(i, std::nan(""), 128), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.activate(i, 48000.0, 0), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.activate(i, 48000.0, 4097), WSP_ERR_INVALID_ARGUMENT);
  ASSERT_EQ(api.activate(i, 48000.0, 128), WSP_OK);
  EXPECT_EQ(api.process(i, 129, 0), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.process(i, 16, api.event_capacity(i) + 1), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.process(i, 128, 0), WSP_OK);
  EXPECT_TRUE(std::isnan(api.param_get(i, 99)));
  EXPECT_EQ(api.latency(i), 0u);
  EXPECT_EQ(api.tail(i), 0u);
  // A null handle is an error, never a crash.
  EXPECT_EQ(api.activate(nullptr, 48000.0, 128), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.process(nullptr, 16, 0), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.state_save(nullptr), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.state_load(nullptr, 4), WSP_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(api.state_buffer(nullptr, 4), nullptr);
  EXPECT_EQ(api.audio_buffer(nullptr, 0, 0), nullptr);
  EXPECT_TRUE(std::isnan(api.param_get(nullptr, 0)));
  api.reset(nullptr);
  api.deactivate(nullptr);
  api.destroy(nullptr);
}

TEST(Instance, LatencyAndTailHooks) {
  Harness probe(wsp_native_plugin_sdk_probe());
  ASSERT_EQ(probe.activate(), WSP_OK);
  EXPECT_EQ(probe.api().latency(probe.instance()), 64u);
  EXPECT_EQ(probe.api().tail(probe.instance()), UINT32_MAX);
}

TEST(Instance, DenormalsAreFlushedButNaNIsLeftForTheHostToSee) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(), WSP_OK);
  const float denormal = std::numeric_limits<float>::denorm_min() * 1000.0f;
  utility.fillInput(0, denormal, 64);
  utility.fillInput(1, -denormal, 64);
  utility.input(1)[10] = std::numeric_limits<float>::quiet_NaN();
  ASSERT_EQ(utility.process(64), WSP_OK);
  for (uint32_t i = 0; i < 64; ++i) {
    if (i == 10) continue;
    EXPECT_EQ(utility.output(0)[i], 0.0f) << i;
    EXPECT_EQ(utility.output(1)[i], 0.0f) << i;
  }
  EXPECT_TRUE(std::isnan(utility.output(1)[10]));
}

TEST(Instance, HundredCreateDestroyCycles) {
  const wsp_plugin_api& api = *wsp_native_plugin_utility();
  for (int cycle = 0; cycle < 100; ++cycle) {
    wsp_instance* i = api.create();
    ASSERT_NE(i, nullptr);
    ASSERT_EQ(api.activate(i, 48000.0, 256), WSP_OK);
    api.destroy(i);  // destroys an active instance: deactivates first
  }
}

}  // namespace
}  // namespace wsp_sdk_test

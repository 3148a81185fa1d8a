// Float parameters glide (ABI-16) by a linear ramp whose largest step is known; reset() and
// activation snap to the targets; switches do not glide.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

constexpr uint32_t kGain = 0, kPan = 1;
constexpr double kRate = 48000.0;
constexpr uint32_t kRampSamples = 960;  // the default 20 ms at 48 kHz

double toDb(float amplitude) { return 20.0 * std::log10(double(amplitude)); }

TEST(Smoothing, FullRangeGainJumpRampsWithoutALargerStepThanItsSlope) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(kRate, 4096), WSP_OK);
  ASSERT_EQ(utility.set(kGain, -80.0), WSP_OK);
  utility.api().reset(utility.instance());  // land on -80 dB at once
  utility.fillInput(0, 0.01f, 4096);
  utility.fillInput(1, 0.01f, 4096);
  ASSERT_EQ(utility.process(2048, {paramEvent(100, kGain, 24.0)}), WSP_OK);
  const std::vector<float> out = utility.outputCopy(0, 2048);

  EXPECT_NEAR(toDb(out[99]), -80.0 - 40.0, 1e-3);  // 0.01 is -40 dBFS
  const double slope = 104.0 / kRampSamples;        // dB per sample
  for (uint32_t i = 100; i < 2048; ++i)
    EXPECT_LE(toDb(out[i]) - toDb(out[i - 1]), slope * 1.001) << "frame " << i;
  EXPECT_LT(toDb(out[100 + kRampSamples - 2]), 24.0 - 40.0 - slope * 0.5);  // still gliding
  EXPECT_NEAR(toDb(out[100 + kRampSamples - 1]), 24.0 - 40.0, 1e-3);        // arrived
  EXPECT_NEAR(toDb(out[2047]), 24.0 - 40.0, 1e-3);
}

TEST(Smoothing, GlideContinuesAcrossBlocksAndSubBlocks) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(kRate, 64), WSP_OK);
  std::vector<float> out;
  ASSERT_EQ(utility.set(kPan, 100.0), WSP_OK);  // hard right: left glides down to silence
  for (int block = 0; block < 20; ++block) {
    utility.fillInput(0, 1.0f, 64);
    utility.fillInput(1, 1.0f, 64);
    ASSERT_EQ(utility.process(64, {paramEvent(13, 3, 0.0)}), WSP_OK);  // splits every block
    out.insert(out.end(), utility.output(0), utility.output(0) + 64);
  }
  EXPECT_NEAR(out[0], 1.0f, 0.01f);
  for (size_t i = 1; i < out.size(); ++i) EXPECT_LE(out[i], out[i - 1] + 1e-6f) << i;
  // The largest drop of cos over a 960-sample quarter turn, with a little headroom.
  const float maxStep = float(std::sqrt(2.0) * std::sin(M_PI / 2 / kRampSamples)) * 1.01f;
  for (size_t i = 1; i < out.size(); ++i) EXPECT_LE(out[i - 1] - out[i], maxStep) << i;
  EXPECT_NEAR(out[kRampSamples + 5], 0.0f, 1e-6f);
}

TEST(Smoothing, ResetSnapsToTheTarget) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(kRate, 256), WSP_OK);
  ASSERT_EQ(utility.set(kGain, -20.0), WSP_OK);
  utility.api().reset(utility.instance());
  utility.fillInput(0, 1.0f, 256);
  utility.fillInput(1, 1.0f, 256);
  ASSERT_EQ(utility.process(256), WSP_OK);
  EXPECT_NEAR(toDb(utility.output(0)[0]), -20.0, 1e-4);
}

TEST(Smoothing, ReactivationStartsAtTheTargets) {
  Harness utility(wsp_native_plugin_utility());
  ASSERT_EQ(utility.activate(kRate, 256), WSP_OK);
  ASSERT_EQ(utility.set(kGain, 6.0), WSP_OK);
  utility.api().deactivate(utility.instance());
  ASSERT_EQ(utility.activate(kRate, 256), WSP_OK);
  utility.fillInput(0, 1.0f, 16);
  utility.fillInput(1, 1.0f, 16);
  ASSERT_EQ(utility.process(16), WSP_OK);
  EXPECT_NEAR(toDb(utility.output(0)[0]), 6.0, 1e-4);
}

}  // namespace
}  // namespace wsp_sdk_test

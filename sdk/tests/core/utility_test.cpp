// The factory utility does what its parameters say: exact transparency at defaults, gain in dB,
// constant-power pan, mid/side width, channel modes.
#include <cmath>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

constexpr uint32_t kGain = 0, kPan = 1, kWidth = 2, kChannels = 5;

// Sets parameters (snapped, no glide), then renders one frame of (left, right).
std::pair<float, float> renderFrame(Harness& utility, float left, float right) {
  utility.api().reset(utility.instance());
  utility.input(0)[0] = left;
  utility.input(1)[0] = right;
  EXPECT_EQ(utility.process(1), WSP_OK);
  return {utility.output(0)[0], utility.output(1)[0]};
}

class Utility : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(utility.activate(48000.0, 64), WSP_OK); }
  Harness utility{wsp_native_plugin_utility()};
};

TEST_F(Utility, IsBitTransparentAtItsDefaults) {
  EXPECT_EQ(renderFrame(utility, 0.123f, -0.456f), std::make_pair(0.123f, -0.456f));
}

TEST_F(Utility, GainIsInDecibels) {
  utility.set(kGain, -6.0);
  const auto [l, r] = renderFrame(utility, 1.0f, 0.5f);
  EXPECT_NEAR(l, std::pow(10.0, -6.0 / 20.0), 1e-6);
  EXPECT_NEAR(r, 0.5 * std::pow(10.0, -6.0 / 20.0), 1e-6);
}

TEST_F(Utility, PanKeepsPowerConstant) {
  for (double pan : {-100.0, -60.0, -25.0, 0.0, 10.0, 50.0, 100.0}) {
    utility.set(kPan, pan);
    const auto [l, r] = renderFrame(utility, 1.0f, 1.0f);
    EXPECT_NEAR(l * l + r * r, 2.0, 1e-5) << pan;
  }
  utility.set(kPan, 100.0);
  const auto [l, r] = renderFrame(utility, 1.0f, 1.0f);
  EXPECT_NEAR(l, 0.0, 1e-6);
  EXPECT_NEAR(r, std::sqrt(2.0), 1e-6);
}

TEST_F(Utility, WidthScalesTheSideSignal) {
  utility.set(kWidth, 0.0);
  auto [l, r] = renderFrame(utility, 1.0f, 0.0f);
  EXPECT_FLOAT_EQ(l, 0.5f);
  EXPECT_FLOAT_EQ(r, 0.5f);
  utility.set(kWidth, 200.0);
  std::tie(l, r) = renderFrame(utility, 1.0f, 0.0f);  // mid 0.5, side 0.5 doubled
  EXPECT_FLOAT_EQ(l, 1.5f);
  EXPECT_FLOAT_EQ(r, -0.5f);
}

TEST_F(Utility, ChannelModes) {
  const std::pair<float, float> expected[] = {{0.8f, 0.2f}, {0.5f, 0.5f}, {0.2f, 0.8f},
                                              {0.8f, 0.8f}, {0.2f, 0.2f}};
  for (uint32_t mode = 0; mode < 5; ++mode) {
    utility.set(kChannels, mode);
    const auto [l, r] = renderFrame(utility, 0.8f, 0.2f);
    EXPECT_FLOAT_EQ(l, expected[mode].first) << mode;
    EXPECT_FLOAT_EQ(r, expected[mode].second) << mode;
  }
}

TEST_F(Utility, StaysFiniteAtTheExtremes) {
  utility.set(kGain, 24.0);
  utility.set(kPan, -100.0);
  utility.set(kWidth, 200.0);
  const auto [l, r] = renderFrame(utility, 4.0f, -4.0f);  // +12 dBFS, fully out of phase
  EXPECT_TRUE(std::isfinite(l));
  EXPECT_TRUE(std::isfinite(r));
}

}  // namespace
}  // namespace wsp_sdk_test

// Envelope follower: attack/release time constants (63.2 % of a step after tau) and RMS level.
#include <gtest/gtest.h>

#include <cmath>

#include "signal_helpers.hpp"
#include "wsp/dsp/envelope_follower.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

TEST(EnvelopeFollower, PeakAttackAndReleaseTimeConstants) {
  EnvelopeFollower env;
  env.prepare(kSampleRate);
  env.setAttackMs(10.0);    // 480 samples
  env.setReleaseMs(100.0);  // 4800 samples
  float level = 0.0f;
  for (int n = 0; n < 480; ++n) level = env.process(1.0f);
  EXPECT_NEAR(level, 1.0 - std::exp(-1.0), 1e-4);  // 63.2 % after tau
  for (int n = 0; n < 48000 - 480; ++n) env.process(1.0f);
  EXPECT_NEAR(env.level(), 1.0f, 1e-6f);
  for (int n = 0; n < 4800; ++n) level = env.process(0.0f);
  EXPECT_NEAR(level, std::exp(-1.0), 1e-4);  // 36.8 % after tau
  // Peak detection rectifies: a negative step is the same as a positive one.
  EnvelopeFollower negative;
  negative.prepare(kSampleRate);
  negative.setAttackMs(10.0);
  for (int n = 0; n < 480; ++n) level = negative.process(-1.0f);
  EXPECT_NEAR(level, 1.0 - std::exp(-1.0), 1e-4);
}

TEST(EnvelopeFollower, RmsOfASineAndItsTimeConstant) {
  EnvelopeFollower env;
  env.prepare(kSampleRate);
  env.setDetector(EnvelopeDetector::Rms);
  env.setAttackMs(50.0);
  env.setReleaseMs(50.0);
  const auto in = test::sine(1000.0, 48000, 0.8);
  float level = env.process(std::span<const float>(in));
  // Equal attack/release: a one-pole mean of x^2, ripple ~ 1/(2 w tau) ~ 0.1 % at 1 kHz.
  EXPECT_NEAR(level, 0.8 / std::sqrt(2.0), 0.002);
  // Step: the mean square reaches 63.2 %, so the RMS reads sqrt(0.632) after tau.
  EnvelopeFollower step;
  step.prepare(kSampleRate);
  step.setDetector(EnvelopeDetector::Rms);
  step.setAttackMs(50.0);
  for (int n = 0; n < 2400; ++n) level = step.process(1.0f);
  EXPECT_NEAR(level, std::sqrt(1.0 - std::exp(-1.0)), 1e-4);
}

TEST(EnvelopeFollower, ZeroTimesFollowInstantly) {
  EnvelopeFollower env;
  env.prepare(kSampleRate);
  env.setAttackMs(0.0);
  env.setReleaseMs(0.0);
  EXPECT_EQ(env.process(0.7f), 0.7f);
  EXPECT_EQ(env.process(-0.2f), 0.2f);
}

}  // namespace
}  // namespace wsp::dsp

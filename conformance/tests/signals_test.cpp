// The measurements the checks rely on, on signals whose answer is known.
#include <gtest/gtest.h>

#include <cmath>

#include "check_context.hpp"  // describe()
#include "wstudio/conformance/analysis.hpp"
#include "wstudio/conformance/signals.hpp"

namespace wstudio::conformance {
namespace {

TEST(Signals, SeededNoiseRepeatsAndStaysInRange) {
  Random a(42);
  Random b(42);
  const Audio x = whiteNoise(2, 4800, 3.98, a);
  const Audio y = whiteNoise(2, 4800, 3.98, b);
  EXPECT_FALSE(firstDifference(x, y).has_value());
  const Peak peak = maxAbs(x);
  EXPECT_LE(peak.value, 3.98);
  EXPECT_GT(peak.value, 3.9);  // +12 dBFS is reached
}

TEST(Analysis, SecondDifferenceOfASineIsItsCurvature) {
  const double rate = 48000.0;
  const Audio tone = sine(1, 4800, rate, 110.0, 0.25);
  const double omega = 2.0 * 3.141592653589793 * 110.0 / rate;
  // |x[n] - 2x[n-1] + x[n-2]| peaks at A (2 sin(omega/2))^2.
  EXPECT_NEAR(maxSecondDifference(tone).value, 0.25 * std::pow(2.0 * std::sin(omega / 2), 2),
              1e-6);
}

TEST(Analysis, StepStandsFarAboveTheToneCurvature) {
  Audio tone = sine(1, 4800, 48000.0, 110.0, 0.25);
  const double smooth = maxSecondDifference(tone).value;
  // A 1 % gain jump where the tone is near its peak: the kind of step zipper noise makes.
  for (size_t i = 109; i < tone.frames(); ++i) tone.channels[0][i] *= 1.01f;
  EXPECT_GT(maxSecondDifference(tone).value, 4.0 * smooth);
}

TEST(Analysis, FirstDifferenceFindsTheEarliestSampleInAnyChannel) {
  Audio a(2, 100);
  Audio b = a;
  b.channels[1][40] = 0.5f;
  b.channels[0][70] = 0.5f;
  const auto difference = firstDifference(a, b);
  ASSERT_TRUE(difference.has_value());
  EXPECT_EQ(difference->channel, 1u);
  EXPECT_EQ(difference->frame, 40u);
  EXPECT_EQ(describe(*difference), "output sample 40 of channel 1 is 0.5 instead of 0");
}

TEST(Analysis, ArrivalOfADelayedImpulse) {
  const Audio delayed = impulse(2, 1000, 64);
  EXPECT_EQ(firstAbove(delayed, 1e-3), 64u);
  EXPECT_FALSE(firstAbove(delayed, 1e-3, 65).has_value());
  EXPECT_FALSE(firstAbove(Audio(2, 10), 1e-3).has_value());
}

}  // namespace
}  // namespace wstudio::conformance

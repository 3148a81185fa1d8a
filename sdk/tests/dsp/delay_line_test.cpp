// Delay line: exact integer delays (read-then-write convention), and the phase of fractional
// reads on a low-frequency sine.
#include <gtest/gtest.h>

#include <cmath>

#include "signal_helpers.hpp"
#include "wsp/dsp/delay_line.hpp"

namespace wsp::dsp {
namespace {

TEST(DelayLine, IntegerDelayIsExactToTheSample) {
  for (std::size_t d : {1u, 2u, 37u, 1000u}) {
    DelayLine line;
    line.prepare(1000);
    for (std::size_t n = 0; n < 1100; ++n) {
      const float y = line.read(d);
      line.write(n == 5 ? 1.0f : 0.0f);  // impulse at n = 5
      EXPECT_EQ(y, n == 5 + d ? 1.0f : 0.0f) << "delay " << d << " sample " << n;
    }
  }
}

TEST(DelayLine, DelaysAreClampedToTheRangePrepared) {
  DelayLine line;
  line.prepare(10);
  EXPECT_EQ(line.maxDelay(), 10u);
  for (int n = 0; n < 20; ++n) line.write(static_cast<float>(n));  // last written: 19
  EXPECT_EQ(line.read(0), 19.0f);    // clamped up to 1
  EXPECT_EQ(line.read(500), 10.0f);  // clamped down to 10
  EXPECT_EQ(line.readLinear(-3.0f), 19.0f);
  EXPECT_EQ(line.readCubic(1e9f), 10.0f);
}

TEST(DelayLine, FractionalReadsHaveTheRightPhase) {
  // 200 Hz sine delayed by 10.37 samples must equal the sine evaluated 10.37 samples earlier.
  // Tolerances: linear interpolation errs by at most (w^2/8) * A = 1.4e-4 (w = 2 pi 200/48k);
  // 4-point Hermite by O(w^4), far below float noise, so 1e-5.
  const double w = 2.0 * std::numbers::pi * 200.0 / test::kSampleRate;
  const float delay = 10.37f;
  DelayLine line;
  line.prepare(64);
  double maxLinearError = 0.0, maxCubicError = 0.0;
  for (int n = 0; n < 4800; ++n) {
    const float linear = line.readLinear(delay);
    const float cubic = line.readCubic(delay);
    line.write(static_cast<float>(std::sin(w * n)));
    if (n < 64) continue;
    const double expected = std::sin(w * (n - static_cast<double>(delay)));
    maxLinearError = std::max(maxLinearError, std::fabs(linear - expected));
    maxCubicError = std::max(maxCubicError, std::fabs(cubic - expected));
  }
  EXPECT_LT(maxLinearError, 1.5e-4);
  EXPECT_LT(maxCubicError, 1e-5);
}

TEST(DelayLine, FeedbackCombRingsAtTheLoopDelay) {
  // y = read(d); write(x + 0.5 y): the impulse echoes every d samples, halving each time.
  DelayLine line;
  line.prepare(100);
  const std::size_t d = 40;
  for (std::size_t n = 0; n <= 3 * d; ++n) {
    const float y = line.read(d);
    line.write((n == 0 ? 1.0f : 0.0f) + 0.5f * y);
    if (n == d) {
      EXPECT_EQ(y, 1.0f);
    } else if (n == 2 * d) {
      EXPECT_EQ(y, 0.5f);
    } else if (n == 3 * d) {
      EXPECT_EQ(y, 0.25f);
    }
  }
}

// A long fractional delay read as double keeps its fraction: the float overload rounds 200000.3
// to a multiple of 1/64 (200000.296875), the double one reads at 200000.3.
TEST(DelayLine, DoubleCubicReadKeepsTheFractionOfLongDelays) {
  DelayLine line;
  line.prepare(200010);
  for (int n = 0; n < 200010; ++n) line.write(static_cast<float>(n % 100) * 0.01f);
  // The sample d writes ago is ((200010 - d) % 100) * 0.01: locally a ramp of -0.01 per sample of
  // delay (which the cubic reproduces), so the value at 200000.3 lies 0.3 of the way from 200000
  // to 200001; the float overload misses by 0.003125 * 0.01 = 3e-5.
  const float at0 = line.read(200000), at1 = line.read(200001);
  const float expected = at0 + 0.3f * (at1 - at0);
  EXPECT_NEAR(line.readCubic(200000.3), expected, 1e-6);
  EXPECT_GT(std::fabs(line.readCubic(200000.3f) - expected), 1e-5);  // what float loses
}

}  // namespace
}  // namespace wsp::dsp

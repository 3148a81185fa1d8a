// Conversions and scalar helpers.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "wsp/dsp/math.hpp"

namespace wsp::dsp {
namespace {

TEST(Math, DecibelConversions) {
  EXPECT_FLOAT_EQ(dbToGain(0.0f), 1.0f);
  EXPECT_NEAR(dbToGain(-6.0206f), 0.5f, 1e-5f);
  EXPECT_NEAR(dbToGain(20.0f), 10.0f, 1e-5f);
  EXPECT_NEAR(gainToDb(0.5f), -6.0206f, 1e-4f);
  EXPECT_NEAR(gainToDb(dbToGain(-42.0f)), -42.0f, 1e-4f);
  // The floor: silence, negatives and NaN never produce -inf or NaN.
  EXPECT_EQ(gainToDb(0.0f), -120.0f);
  EXPECT_EQ(gainToDb(-1.0f), -120.0f);
  EXPECT_EQ(gainToDb(std::nanf("")), -120.0f);
  EXPECT_EQ(gainToDb(1e-9f, -90.0f), -90.0f);
}

TEST(Math, ClampMapsNanToTheLowerBound) {
  EXPECT_EQ(clamp(5.0f, 0.0f, 1.0f), 1.0f);
  EXPECT_EQ(clamp(-5.0f, 0.0f, 1.0f), 0.0f);
  EXPECT_EQ(clamp(0.25f, 0.0f, 1.0f), 0.25f);
  EXPECT_EQ(clamp(std::nanf(""), 0.0f, 1.0f), 0.0f);
}

TEST(Math, FlushDenormal) {
  EXPECT_EQ(flushDenormal(1e-20f), 0.0f);
  EXPECT_EQ(flushDenormal(-1e-39f), 0.0f);
  EXPECT_EQ(flushDenormal(1e-10f), 1e-10f);
  EXPECT_EQ(flushDenormal(-0.5), -0.5);
  // The edges of the bit-pattern comparison: the threshold itself stays, the float below it
  // goes, NaN and infinities pass untouched (a NaN must still reach the host, ABI-12).
  EXPECT_EQ(flushDenormal(kDenormalThreshold), kDenormalThreshold);
  EXPECT_EQ(flushDenormal(-std::nextafter(kDenormalThreshold, 0.0f)), 0.0f);
  EXPECT_EQ(flushDenormal(double(kDenormalThreshold)), double(kDenormalThreshold));
  EXPECT_EQ(flushDenormal(-0.99 * double(kDenormalThreshold)), 0.0);
  EXPECT_TRUE(std::isnan(flushDenormal(std::nanf(""))));
  EXPECT_TRUE(std::isnan(flushDenormal(-std::nan(""))));
  EXPECT_EQ(flushDenormal(-HUGE_VALF), -HUGE_VALF);
  EXPECT_EQ(flushDenormal(HUGE_VAL), HUGE_VAL);
}

TEST(Math, PitchAndTime) {
  EXPECT_FLOAT_EQ(midiNoteToHz(69.0f), 440.0f);
  EXPECT_NEAR(midiNoteToHz(60.0f), 261.6256f, 1e-3f);
  EXPECT_NEAR(midiNoteToHz(81.0f), 880.0f, 1e-3f);
  EXPECT_NEAR(midiNoteToHz(69.0f, 432.0f), 432.0f, 1e-4f);
  EXPECT_DOUBLE_EQ(msToSamples(10.0, 48000.0), 480.0);
  EXPECT_DOUBLE_EQ(msToSamples(2.5, 44100.0), 110.25);
  // tau = 480 samples: c^480 = 1/e.
  EXPECT_NEAR(std::pow(timeConstantCoefficient(10.0, 48000.0), 480.0), std::exp(-1.0), 1e-12);
  EXPECT_EQ(timeConstantCoefficient(0.0, 48000.0), 0.0);
}

// fastTanh has no output clamp: its quotient must stay below 1 over the whole clamped input
// range. Every 16th float of [0, 4.97], and every float of the last 2^20 below 4.97 (where the
// maximum, 0.9999995, lies); negative inputs mirror exactly (odd numerator, even denominator).
TEST(Math, FastTanhStaysBelowOneWithoutAnOutputClamp) {
  const uint32_t top = std::bit_cast<uint32_t>(4.97f);
  float largest = 0.0f;
  for (uint32_t bits = 0; bits <= top; bits += (top - bits > (1u << 20) ? 16u : 1u))
    largest = std::max(largest, fastTanh(std::bit_cast<float>(bits)));
  EXPECT_LT(largest, 1.0f);
  EXPECT_GT(largest, 0.99999f);
  EXPECT_EQ(fastTanh(1e30f), fastTanh(4.97f));
  EXPECT_EQ(fastTanh(-1e30f), -fastTanh(4.97f));
}

TEST(Math, FastTanhIsOddMonotonicAndBounded) {
  float previous = -2.0f;
  for (int i = -10000; i <= 10000; ++i) {
    const float x = static_cast<float>(i) * 1e-3f;
    const float y = fastTanh(x);
    ASSERT_EQ(fastTanh(-x), -y);
    ASSERT_GE(y, previous);
    ASSERT_LE(std::fabs(y), 1.0f);
    previous = y;
  }
}

}  // namespace
}  // namespace wsp::dsp

TEST(Math, FastExp2MatchesLibmWithin1e8Relative) {
  for (double x = -900.0; x < 900.0; x += 0.0137) {
    const double expected = std::exp2(x);
    EXPECT_LE(std::fabs(wsp::dsp::fastExp2(x) - expected), 1e-8 * expected) << x;
  }
  EXPECT_EQ(wsp::dsp::fastExp2(0.0), 1.0);
  EXPECT_EQ(wsp::dsp::fastExp2(10.0), 1024.0);
  EXPECT_EQ(wsp::dsp::fastExp2(-2000.0), 0.0);
  EXPECT_TRUE(std::isnan(wsp::dsp::fastExp2(std::nan(""))));
}

TEST(Math, FastLog2MatchesLibmWithin1e8) {
  for (double x = 1e-310; x < 1e300; x *= 1.0137) {
    const double expected = std::log2(x);
    EXPECT_LE(std::fabs(wsp::dsp::fastLog2(x) - expected), 1e-8 * std::max(1.0, std::fabs(expected)))
        << x;
  }
  EXPECT_EQ(wsp::dsp::fastLog2(1.0), 0.0);
  EXPECT_EQ(wsp::dsp::fastLog2(0.0), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(wsp::dsp::fastLog2(-1.0)));
}

// The float versions, over all positive normal floats (log2: every 251st bit pattern, about
// 8.5 million spread over every exponent and mantissa) and the whole clamped range of exp2
// (steps of 1/4096): the bounds math.hpp states.
TEST(Math, FastLog2fWithinStatedBound) {
  double worst = 0.0;
  for (uint32_t bits = 0x00800000u; bits < 0x7f800000u; bits += 251) {
    const float x = std::bit_cast<float>(bits);
    const double exact = std::log2(double(x));
    const double excess = std::fabs(double(wsp::dsp::fastLog2f(x)) - exact) - 6e-8 * std::fabs(exact);
    worst = std::max(worst, excess);
  }
  EXPECT_LT(worst, 2e-7);
  EXPECT_EQ(wsp::dsp::fastLog2f(1.0f), 0.0f);
  EXPECT_EQ(wsp::dsp::fastLog2f(0.25f), -2.0f);
  // Below the normal range (silence, NaN): the smallest normal's log, never -inf or NaN.
  EXPECT_EQ(wsp::dsp::fastLog2f(0.0f), -126.0f);
  EXPECT_EQ(wsp::dsp::fastLog2f(std::nanf("")), -126.0f);
}

TEST(Math, FastExp2fWithinStatedBound) {
  double worst = 0.0;
  for (int i = -126 * 4096; i <= 127 * 4096; ++i) {
    const float x = float(i) / 4096.0f;
    const double exact = std::exp2(double(x));
    worst = std::max(worst, std::fabs(double(wsp::dsp::fastExp2f(x)) - exact) / exact);
  }
  EXPECT_LT(worst, 3e-7);
  EXPECT_EQ(wsp::dsp::fastExp2f(0.0f), 1.0f);
  EXPECT_EQ(wsp::dsp::fastExp2f(-3.0f), 0.125f);
  EXPECT_EQ(wsp::dsp::fastExp2f(-1000.0f), std::exp2(-126.0f));
  EXPECT_EQ(wsp::dsp::fastExp2f(std::nanf("")), std::exp2(-126.0f));
}

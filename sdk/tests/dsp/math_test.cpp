// Conversions and scalar helpers.
#include <gtest/gtest.h>

#include <cmath>

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

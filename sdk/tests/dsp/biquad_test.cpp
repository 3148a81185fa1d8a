// RBJ biquads: the magnitude of each type equals the cookbook's analog prototype evaluated at the
// bilinear-warped frequency, both through magnitude() and measured on a filtered sine.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "signal_helpers.hpp"
#include "wsp/dsp/biquad.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

// The cookbook's analog prototypes H(s), s normalised to the centre/cutoff frequency.
double prototypeMagnitude(BiquadType type, double f, double f0, double q, double gainDb) {
  // Bilinear transform with prewarping at f0 maps digital f to analog tan(pi f/fs)/tan(pi f0/fs).
  const double omega =
      std::tan(std::numbers::pi * f / kSampleRate) / std::tan(std::numbers::pi * f0 / kSampleRate);
  const std::complex<double> s(0.0, omega);
  const double a = std::pow(10.0, gainDb / 40.0);
  const double sa = std::sqrt(a);
  const std::complex<double> den = s * s + s / q + 1.0;
  std::complex<double> h;
  switch (type) {
    case BiquadType::Lowpass: h = 1.0 / den; break;
    case BiquadType::Highpass: h = s * s / den; break;
    case BiquadType::Bandpass: h = (s / q) / den; break;
    case BiquadType::Notch: h = (s * s + 1.0) / den; break;
    case BiquadType::Allpass: h = (s * s - s / q + 1.0) / den; break;
    case BiquadType::Peaking: h = (s * s + s * (a / q) + 1.0) / (s * s + s / (a * q) + 1.0); break;
    case BiquadType::LowShelf:
      h = a * (s * s + (sa / q) * s + a) / (a * s * s + (sa / q) * s + 1.0);
      break;
    case BiquadType::HighShelf:
      h = a * (a * s * s + (sa / q) * s + 1.0) / (s * s + (sa / q) * s + a);
      break;
  }
  return std::abs(h);
}

// Gain of the filter on a steady sine at f, measured over one second after one second of settling
// (integer frequencies: whole cycles in the window).
double measuredGain(const BiquadCoefficients& c, double f) {
  Biquad filter;
  filter.setCoefficients(c);
  const auto in = test::sine(f, 2 * static_cast<std::size_t>(kSampleRate));
  const auto out = test::map(in, [&](float x) { return filter.process(x); });
  return test::amplitudeAt(out, f, static_cast<std::size_t>(kSampleRate),
                           static_cast<std::size_t>(kSampleRate));
}

struct Case {
  BiquadType type;
  const char* name;
  double q;
  double gainDb;
};

class BiquadTypes : public ::testing::TestWithParam<Case> {};

TEST_P(BiquadTypes, MagnitudeMatchesCookbookPrototypeAndMeasuredSine) {
  const Case k = GetParam();
  const double f0 = 1000.0;
  const auto c = BiquadCoefficients::design(k.type, kSampleRate, f0, k.q, k.gainDb);
  // Octave below, cutoff, octave above, and two far points.
  for (double f : {100.0, 500.0, 1000.0, 2000.0, 8000.0}) {
    const double expected = prototypeMagnitude(k.type, f, f0, k.q, k.gainDb);
    // Notch at f0 is a true zero: compare in linear terms there.
    if (expected < 1e-3) {
      EXPECT_LT(c.magnitude(f, kSampleRate), 1e-6) << k.name << " at " << f;
      EXPECT_LT(measuredGain(c, f), 1e-3) << k.name << " at " << f;
      continue;
    }
    EXPECT_NEAR(c.magnitudeDb(f, kSampleRate), test::toDb(expected), 0.01) << k.name << " " << f;
    EXPECT_NEAR(test::toDb(measuredGain(c, f)), test::toDb(expected), 0.1) << k.name << " " << f;
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllTypes, BiquadTypes,
    ::testing::Values(Case{BiquadType::Lowpass, "lowpass", 0.7071, 0.0},
                      Case{BiquadType::Lowpass, "lowpass_q4", 4.0, 0.0},
                      Case{BiquadType::Highpass, "highpass", 0.7071, 0.0},
                      Case{BiquadType::Bandpass, "bandpass", 2.0, 0.0},
                      Case{BiquadType::Notch, "notch", 2.0, 0.0},
                      Case{BiquadType::Allpass, "allpass", 1.0, 0.0},
                      Case{BiquadType::Peaking, "peaking_boost", 1.5, 9.0},
                      Case{BiquadType::Peaking, "peaking_cut", 0.7, -12.0},
                      Case{BiquadType::LowShelf, "lowshelf", 0.7071, 6.0},
                      Case{BiquadType::HighShelf, "highshelf", 0.7071, -8.0}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Biquad, KeyPointsOfTheCookbookDesigns) {
  const double fs = kSampleRate;
  EXPECT_NEAR(BiquadCoefficients::lowpass(fs, 1000, 0.70710678).magnitudeDb(1000, fs), -3.0103,
              1e-3);
  EXPECT_NEAR(BiquadCoefficients::bandpass(fs, 1000, 5).magnitudeDb(1000, fs), 0.0, 1e-6);
  EXPECT_NEAR(BiquadCoefficients::peaking(fs, 1000, 1, 6).magnitudeDb(1000, fs), 6.0, 1e-6);
  // Shelves are at half their gain (in dB) at f0, whatever the slope.
  for (double slope : {0.3, 1.0}) {
    const double q = qFromShelfSlope(slope, 12.0);
    EXPECT_NEAR(BiquadCoefficients::lowShelf(fs, 1000, q, 12).magnitudeDb(1000, fs), 6.0, 1e-6);
    EXPECT_NEAR(BiquadCoefficients::highShelf(fs, 1000, q, 12).magnitudeDb(1000, fs), 6.0, 1e-6);
    EXPECT_NEAR(BiquadCoefficients::lowShelf(fs, 1000, q, 12).magnitudeDb(20, fs), 12.0, 0.05);
  }
  // Allpass: unity everywhere.
  for (double f : {50.0, 1000.0, 15000.0}) {
    EXPECT_NEAR(BiquadCoefficients::allpass(fs, 1000, 3).magnitude(f, fs), 1.0, 1e-9);
  }
}

TEST(Biquad, BandwidthInOctavesSetsTheMinus3dBPoints) {
  // One octave wide band-pass at 1 kHz: -3.01 dB at 1000 / sqrt 2 and 1000 * sqrt 2, in the
  // analog sense; the cookbook's warped formula keeps the digital edges within 0.1 dB at 1 kHz.
  const double q = qFromBandwidth(1.0, 1000.0, kSampleRate);
  const auto c = BiquadCoefficients::bandpass(kSampleRate, 1000.0, q);
  EXPECT_NEAR(c.magnitudeDb(1000.0 / std::sqrt(2.0), kSampleRate), -3.0103, 0.1);
  EXPECT_NEAR(c.magnitudeDb(1000.0 * std::sqrt(2.0), kSampleRate), -3.0103, 0.1);
}

// Largest second difference |y[n] - 2 y[n-1] + y[n-2]| of a filtered 1 kHz sine around a
// coefficient change from +12 dB to -12 dB (peaking at 1 kHz). A steady sine of amplitude A has
// at most A w^2 = 0.017 A; a click shows up as a spike far above that.
float largestSecondDifference(int rampSamples) {
  Biquad filter;
  filter.setCoefficients(BiquadCoefficients::peaking(kSampleRate, 1000, 1.0, 12.0));
  const auto target = BiquadCoefficients::peaking(kSampleRate, 1000, 1.0, -12.0);
  const auto in = test::sine(1000.0, 48000, 0.25);
  float y1 = 0.0f, y2 = 0.0f, largest = 0.0f;
  for (std::size_t n = 0; n < in.size(); ++n) {
    if (n == 24000 + 7) {
      if (rampSamples > 0) {
        filter.rampTo(target, rampSamples);
      } else {
        filter.setCoefficients(target);
      }
    }
    const float y = filter.process(in[n]);
    if (n > 20000) largest = std::max(largest, std::fabs(y - 2.0f * y1 + y2));
    y2 = y1;
    y1 = y;
  }
  return largest;
}

TEST(Biquad, CoefficientRampRemovesTheClickOfAJump) {
  const float jump = largestSecondDifference(0);
  const float ramp = largestSecondDifference(64);
  EXPECT_LT(ramp, 0.25f * jump);
  EXPECT_LT(ramp, 2.0f * 1.0f * 0.017f);  // at most twice the steady sine's own (amplitude <= 1)
}

TEST(Biquad, RampLandsOnTheTarget) {
  const auto to = BiquadCoefficients::lowpass(kSampleRate, 4000, 0.7071);
  Biquad ramped, reference;
  ramped.setCoefficients(BiquadCoefficients::lowpass(kSampleRate, 500, 0.7071));
  reference.setCoefficients(to);
  ramped.rampTo(to, 64);
  const auto in = test::sine(1000.0, 4800);
  float maxDiff = 0.0f;
  for (std::size_t n = 0; n < in.size(); ++n) {
    const float a = ramped.process(in[n]);
    const float b = reference.process(in[n]);
    if (n == 62) {
      EXPECT_TRUE(ramped.isRamping());
    } else if (n == 63) {
      EXPECT_FALSE(ramped.isRamping());  // the 64th sample used the target coefficients
    }
    if (n > 2400) maxDiff = std::max(maxDiff, std::fabs(a - b));
  }
  // Same coefficients after the ramp: the outputs converge once the transient has decayed.
  EXPECT_LT(maxDiff, 1e-5f);
}

TEST(Biquad, SanitisesInsaneInputsIntoAStableFilter) {
  for (double f : {-5.0, 0.0, 1e9, std::nan("")}) {
    const auto c = BiquadCoefficients::design(BiquadType::Peaking, kSampleRate, f, 0.0, 1000.0);
    // Poles strictly inside the unit circle: |a2| < 1 and |a1| < 1 + a2.
    EXPECT_LT(std::fabs(c.a2), 1.0);
    EXPECT_LT(std::fabs(c.a1), 1.0 + c.a2);
  }
}

}  // namespace
}  // namespace wsp::dsp

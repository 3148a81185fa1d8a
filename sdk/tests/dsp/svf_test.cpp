// TPT state-variable filter: responses at the cutoff, and stability under per-sample modulation.
#include <gtest/gtest.h>

#include <cmath>

#include "signal_helpers.hpp"
#include "wsp/dsp/noise.hpp"
#include "wsp/dsp/svf.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

// Gain of one SVF output on a steady sine (1 s settle, 1 s measure).
template <typename Pick>
double svfGain(double cutoff, double q, double f, Pick pick) {
  StateVariableFilter svf;
  svf.setCutoff(kSampleRate, cutoff, q);
  const auto in = test::sine(f, 96000);
  const auto out = test::map(in, [&](float x) { return pick(svf.process(x)); });
  return test::amplitudeAt(out, f, 48000, 48000);
}

TEST(StateVariableFilter, ResponsesAtTheCutoff) {
  const double q = 0.70710678;
  // Lowpass and highpass: -3.01 dB at the cutoff for Q = 1/sqrt(2), within 0.1 dB.
  EXPECT_NEAR(test::toDb(svfGain(1000, q, 1000, [](SvfOutputs o) { return o.lowpass; })),
              -3.0103, 0.1);
  EXPECT_NEAR(test::toDb(svfGain(1000, q, 1000, [](SvfOutputs o) { return o.highpass; })),
              -3.0103, 0.1);
  // Bandpass: 0 dB peak at the cutoff whatever the Q; peak output: gain 2Q at the cutoff.
  EXPECT_NEAR(test::toDb(svfGain(2000, 5.0, 2000, [](SvfOutputs o) { return o.bandpass; })), 0.0,
              0.1);
  EXPECT_NEAR(svfGain(2000, 5.0, 2000, [](SvfOutputs o) { return o.peak; }), 10.0, 0.1);
  // Notch: deep at the cutoff; allpass: unity anywhere.
  EXPECT_LT(svfGain(1000, 2.0, 1000, [](SvfOutputs o) { return o.notch; }), 1e-3);
  EXPECT_NEAR(svfGain(1000, 2.0, 3000, [](SvfOutputs o) { return o.allpass; }), 1.0, 0.01);
  // Lowpass one decade above the cutoff: -40 dB (12 dB/oct), bilinear warping makes it steeper.
  EXPECT_LT(test::toDb(svfGain(1000, q, 10000, [](SvfOutputs o) { return o.lowpass; })), -39.0);
}

TEST(StateVariableFilter, StaysBoundedUnderAudioRateModulation) {
  // Cutoff swept between 50 Hz and 20 kHz at 200 Hz, resonance Q = 20, white noise in: a
  // direct-form biquad modulated like this can blow up; the TPT SVF must stay bounded.
  StateVariableFilter svf;
  WhiteNoise noise(7);
  float peak = 0.0f;
  for (int n = 0; n < 96000; ++n) {
    const double sweep = 0.5 + 0.5 * std::sin(2.0 * std::numbers::pi * 200.0 * n / kSampleRate);
    svf.setCutoff(kSampleRate, 50.0 * std::pow(400.0, sweep), 20.0);
    const float y = svf.process(noise.next()).lowpass;
    ASSERT_TRUE(std::isfinite(y));
    peak = std::max(peak, std::fabs(y));
  }
  // Resonance gain Q = 20 on a unit-range input bounds a stable output well below 100.
  EXPECT_LT(peak, 100.0f);
}

// The SVF and one-pole prewarp uses tanPi (math.hpp) instead of std::tan: relative error below
// 1e-12 over the whole clamped range [1e-5, 0.49] (measured max 2e-13).
TEST(StateVariableFilter, TanPiMatchesStdTan) {
  double worst = 0.0;
  for (int i = 0; i <= 490000; ++i) {
    const double x = clamp(i * 1e-6, 1e-5, 0.49);
    worst = std::fmax(worst, std::fabs(tanPi(x) / std::tan(kPi * x) - 1.0));
  }
  EXPECT_LT(worst, 1e-12);
}

}  // namespace
}  // namespace wsp::dsp

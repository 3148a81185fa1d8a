// Band-limited oscillators and white noise. Aliasing is measured as the amplitude at a frequency
// where only an alias can land: a 5 kHz saw at 48 kHz has its 9th harmonic at 45 kHz, which folds
// to 3 kHz, not a multiple of 5 kHz.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp/noise.hpp"
#include "wsp/dsp/oscillator.hpp"

namespace wsp::dsp {
namespace {

using test::kSampleRate;

std::vector<float> render(OscillatorWaveform waveform, double hz, std::size_t samples,
                          double pulseWidth = 0.5) {
  Oscillator osc;
  osc.prepare(kSampleRate);
  osc.setWaveform(waveform);
  osc.setFrequency(hz);
  osc.setPulseWidth(pulseWidth);
  std::vector<float> out(samples);
  for (float& s : out) s = osc.next();
  return out;
}

// The same shapes without band-limiting, for comparison.
std::vector<float> renderNaive(OscillatorWaveform waveform, double hz, std::size_t samples) {
  std::vector<float> out(samples);
  double p = 0.0;
  for (float& s : out) {
    switch (waveform) {
      case OscillatorWaveform::Saw: s = static_cast<float>(2.0 * p - 1.0); break;
      case OscillatorWaveform::Pulse: s = p < 0.5 ? 1.0f : -1.0f; break;
      case OscillatorWaveform::Triangle:
        s = static_cast<float>(p < 0.25 ? 4.0 * p : (p < 0.75 ? 2.0 - 4.0 * p : 4.0 * p - 4.0));
        break;
      case OscillatorWaveform::Sine: s = static_cast<float>(std::sin(2.0 * std::numbers::pi * p)); break;
    }
    p += hz / kSampleRate;
    if (p >= 1.0) p -= 1.0;
  }
  return out;
}

TEST(Oscillator, PolyBlepSawHasFarLessAliasingThanANaiveSaw) {
  const auto blep = render(OscillatorWaveform::Saw, 5000.0, 48000);
  const auto naive = renderNaive(OscillatorWaveform::Saw, 5000.0, 48000);
  // Fundamental: a saw's first harmonic is 2/pi; PolyBLEP softens the top end slightly only.
  EXPECT_NEAR(test::amplitudeAt(blep, 5000.0, 0, 48000), 2.0 / std::numbers::pi, 0.05);
  const double aliasBlep = test::amplitudeAt(blep, 3000.0, 0, 48000);
  const double aliasNaive = test::amplitudeAt(naive, 3000.0, 0, 48000);
  // Naive: the 9th harmonic, 2/(9 pi) = 0.071 (-23 dB). PolyBLEP must cut it by > 20 dB.
  EXPECT_NEAR(aliasNaive, 2.0 / (9.0 * std::numbers::pi), 0.01);
  EXPECT_LT(test::toDb(aliasBlep / aliasNaive), -20.0);
}

TEST(Oscillator, PulseAndTriangleAreBandLimitedToo) {
  // Square at 5 kHz: 9th harmonic 4/(9 pi) at 45 kHz folds to 3 kHz.
  const double squareBlep = test::amplitudeAt(render(OscillatorWaveform::Pulse, 5000.0, 48000), 3000.0, 0, 48000);
  const double squareNaive = test::amplitudeAt(renderNaive(OscillatorWaveform::Pulse, 5000.0, 48000), 3000.0, 0, 48000);
  EXPECT_LT(test::toDb(squareBlep / squareNaive), -20.0);
  // Triangle harmonics already fall at 12 dB/oct; PolyBLAMP cuts the alias further.
  const double triBlamp = test::amplitudeAt(render(OscillatorWaveform::Triangle, 5000.0, 48000), 3000.0, 0, 48000);
  const double triNaive = test::amplitudeAt(renderNaive(OscillatorWaveform::Triangle, 5000.0, 48000), 3000.0, 0, 48000);
  EXPECT_LT(test::toDb(triBlamp / triNaive), -15.0);
}

TEST(Oscillator, ShapesAndFrequency) {
  // Sine at 1 kHz: unit amplitude at 1 kHz, nothing at 2 kHz.
  const auto sine = render(OscillatorWaveform::Sine, 1000.0, 48000);
  EXPECT_NEAR(test::amplitudeAt(sine, 1000.0, 0, 48000), 1.0, 1e-6);
  EXPECT_LT(test::amplitudeAt(sine, 2000.0, 0, 48000), 1e-6);
  // A low saw away from its wrap equals the naive ramp exactly; square likewise.
  const auto saw = render(OscillatorWaveform::Saw, 100.0, 480);
  EXPECT_NEAR(saw[120], 2.0 * 0.25 - 1.0, 1e-6);
  const auto pulse = render(OscillatorWaveform::Pulse, 100.0, 480, 0.25);
  EXPECT_EQ(pulse[60], 1.0f);   // phase 0.125: high
  EXPECT_EQ(pulse[240], -1.0f); // phase 0.5: low (width 0.25)
  const auto tri = render(OscillatorWaveform::Triangle, 100.0, 480);
  EXPECT_NEAR(tri[60], 0.5f, 1e-6f);
  EXPECT_NEAR(tri[360], -1.0f, 0.01f);
  // Pulse width sets the duty cycle: mean = 2 * width - 1.
  double mean = 0.0;
  for (float s : render(OscillatorWaveform::Pulse, 1000.0, 48000, 0.25)) mean += s;
  EXPECT_NEAR(mean / 48000.0, -0.5, 1e-3);
}

TEST(WhiteNoise, SeededUniformAndDeterministic) {
  WhiteNoise a(123), b(123), c(124);
  double sum = 0.0, sumSquares = 0.0;
  bool differs = false;
  for (int n = 0; n < 480000; ++n) {
    const float x = a.next();
    ASSERT_EQ(x, b.next());
    differs = differs || x != c.next();
    ASSERT_GE(x, -1.0f);
    ASSERT_LT(x, 1.0f);
    sum += x;
    sumSquares += static_cast<double>(x) * x;
  }
  EXPECT_TRUE(differs);
  EXPECT_NEAR(sum / 480000.0, 0.0, 0.005);
  EXPECT_NEAR(sumSquares / 480000.0, 1.0 / 3.0, 0.005);  // uniform [-1, 1): variance 1/3
  // Seed 0 is remapped, not a stuck generator.
  WhiteNoise zero(0);
  EXPECT_NE(zero.next(), zero.next());
}

}  // namespace
}  // namespace wsp::dsp

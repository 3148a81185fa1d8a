// Reverb: decay time, pre-delay, tail, stability and hygiene against analytic expectations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>
#include <wsp/dsp/biquad.hpp>

#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_reverb(void);

namespace {

using namespace wstudio::testsupport;

enum : uint32_t { kPreDelay, kSize, kDecay, kDamping, kDiffusion, kLowCut, kHighCut, kWidth, kMix, kModulation };

// 100 % wet, wet filters open, then reset so every glide has arrived.
void setWet(NativePlugin& p, double decay, double damping, double preDelay = 0.0) {
  p.setParam(kMix, 100.0);
  p.setParam(kDecay, decay);
  p.setParam(kDamping, damping);
  p.setParam(kPreDelay, preDelay);
  p.setParam(kLowCut, 20.0);
  p.setParam(kHighCut, 20000.0);
  p.reset();
}

// RT60 of an impulse response in the octave band around centreHz: band-pass (RBJ, one octave,
// applied twice for steeper skirts), Schroeder backward integration of the energy, a least-squares
// line through the decay curve from -5 dB to -35 dB (T30), extrapolated to 60 dB.
double measureRt60(const std::vector<float>& ir, double centreHz, double sr) {
  const auto c = wsp::dsp::BiquadCoefficients::bandpass(sr, centreHz, wsp::dsp::qFromBandwidth(1.0, centreHz, sr));
  wsp::dsp::Biquad a, b;
  a.setCoefficients(c);
  b.setCoefficients(c);
  std::vector<double> energy(ir.size());
  for (size_t n = 0; n < ir.size(); ++n) {
    const double y = b.process(a.process(ir[n]));
    energy[n] = y * y;
  }
  std::vector<double> curve(ir.size());
  double sum = 0.0;
  for (size_t n = ir.size(); n-- > 0;) {
    sum += energy[n];
    curve[n] = sum;
  }
  const double total = curve[0];
  double sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
  for (size_t n = 0; n < ir.size(); ++n) {
    const double db = 10.0 * std::log10(curve[n] / total);
    if (db > -5.0) continue;
    if (db < -35.0) break;
    const double t = double(n) / sr;
    sx += t;
    sy += db;
    sxx += t * t;
    sxy += t * db;
    count += 1;
  }
  const double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);  // dB per second
  return -60.0 / slope;
}

std::vector<float> impulseResponse(NativePlugin& p, double seconds) {
  const auto out = p.render({impulse(size_t(seconds * p.sampleRate())), std::vector<float>(size_t(seconds * p.sampleRate()), 0.0f)});
  return out[0];
}

class ReverbAtRate : public ::testing::TestWithParam<double> {};

TEST_P(ReverbAtRate, Rt60MatchesDecaySetting) {
  const double sr = GetParam();
  for (double decay : {0.8, 2.5, 6.0}) {
    NativePlugin p(wsp_native_plugin_reverb(), sr);
    setWet(p, decay, 0.0);
    const auto ir = impulseResponse(p, 0.8 * decay + 0.4);
    for (double hz : {500.0, 1000.0, 2000.0}) {
      EXPECT_NEAR(measureRt60(ir, hz, sr), decay, 0.15 * decay) << "decay " << decay << " at " << hz << " Hz, " << sr;
    }
  }
}

TEST_P(ReverbAtRate, PreDelayPlacesTheFirstWetSample) {
  const double sr = GetParam();
  for (double ms : {0.0, 20.0, 100.0, 250.0}) {
    NativePlugin p(wsp_native_plugin_reverb(), sr);
    setWet(p, 2.0, 40.0, ms);
    const auto ir = impulseResponse(p, ms / 1000.0 + 0.1);
    // 20, 100 and 250 ms are whole numbers of samples at 44.1, 48 and 96 kHz: exact.
    EXPECT_EQ(firstAbove(ir, 1e-9f), size_t(std::lround(ms * sr / 1000.0))) << ms << " ms at " << sr;
  }
}

INSTANTIATE_TEST_SUITE_P(Rates, ReverbAtRate, ::testing::Values(44100.0, 48000.0, 96000.0));

TEST(Reverb, DampingShortensHighFrequencyDecay) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_reverb(), sr);
  setWet(p, 3.0, 100.0);
  const auto ir = impulseResponse(p, 2.8);
  // Mid band stays near the setting (the 3.5 kHz shelf takes a little off at 500 Hz) ...
  EXPECT_NEAR(measureRt60(ir, 500.0, sr), 3.0, 0.15 * 3.0);
  // ... while 8 kHz, above the shelf, decays several times faster (8 % of RT60 at Nyquist).
  EXPECT_LT(measureRt60(ir, 8000.0, sr), 0.35 * 3.0);
}

TEST(Reverb, TailMatchesMinus90dB) {
  const double sr = 48000.0;
  for (double decay : {1.0, 3.0, 8.0}) {
    NativePlugin p(wsp_native_plugin_reverb(), sr);
    setWet(p, decay, 0.0, 30.0);
    const uint32_t tail = p.tail();
    const auto ir = impulseResponse(p, tail / sr + 0.5);
    // Energy envelope in 10 ms windows; the tail ends when it falls 90 dB below its maximum.
    const size_t w = 480;
    std::vector<double> envelope;
    for (size_t n = 0; n + w <= ir.size(); n += w) envelope.push_back(rms(std::span<const float>(ir).subspan(n, w)));
    const double top = *std::max_element(envelope.begin(), envelope.end());
    size_t last = 0;
    for (size_t k = 0; k < envelope.size(); ++k)
      if (envelope[k] > top * std::pow(10.0, -90.0 / 20.0)) last = (k + 1) * w;
    EXPECT_LE(last, tail) << "decay " << decay;
    EXPECT_GE(double(last), 0.85 * tail) << "decay " << decay;
  }
}

TEST(Reverb, StableAtMaximumDecay) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_reverb(), sr);
  p.setParam(kSize, 200.0);
  p.setParam(kDiffusion, 100.0);
  p.setParam(kModulation, 100.0);
  setWet(p, 30.0, 0.0);
  const auto noise = whiteNoise(11, size_t(30.0 * sr), 0.5);
  const auto out = p.render({noise, whiteNoise(12, size_t(30.0 * sr), 0.5)});
  for (int c = 0; c < 2; ++c) {
    ASSERT_TRUE(allFiniteNormal(out[c]));
    const auto s = std::span<const float>(out[c]);
    // The field builds up toward a steady level (energy gain ~ RT60) and stays there.
    const double late = rms(s.subspan(size_t(25.0 * sr), size_t(5.0 * sr)));
    const double earlier = rms(s.subspan(size_t(15.0 * sr), size_t(5.0 * sr)));
    EXPECT_LT(late, 1.3 * earlier);
    EXPECT_LT(peak(s), 40.0);
  }
}

TEST(Reverb, WidthZeroIsMono) {
  NativePlugin p(wsp_native_plugin_reverb(), 48000.0);
  p.setParam(kWidth, 0.0);
  setWet(p, 2.0, 40.0);
  const auto out = p.render({whiteNoise(1, 24000, 0.5), whiteNoise(2, 24000, 0.5)});
  for (size_t n = 0; n < out[0].size(); ++n) ASSERT_NEAR(out[0][n], out[1][n], 1e-6f) << n;
  // and width 100 % is decorrelated stereo
  NativePlugin q(wsp_native_plugin_reverb(), 48000.0);
  setWet(q, 2.0, 40.0);
  const auto st = q.render({impulse(48000), impulse(48000)});
  double lr = 0, ll = 0, rr = 0;
  for (size_t n = 2400; n < 48000; ++n) {
    lr += double(st[0][n]) * st[1][n];
    ll += double(st[0][n]) * st[0][n];
    rr += double(st[1][n]) * st[1][n];
  }
  EXPECT_LT(std::fabs(lr) / std::sqrt(ll * rr), 0.3);
}

TEST(Reverb, FiniteAndNormalAtExtremes) {
  const double sr = 48000.0;
  const auto noise = whiteNoise(5, size_t(2.0 * sr), 4.0);  // +12 dBFS
  struct Setting {
    uint32_t id;
    double lo, hi;
  };
  const Setting extremes[] = {{kDecay, 0.2, 30.0},    {kSize, 25.0, 200.0},     {kDamping, 0.0, 100.0},
                              {kPreDelay, 0.0, 250.0}, {kDiffusion, 0.0, 100.0}, {kLowCut, 20.0, 1000.0},
                              {kHighCut, 1000.0, 20000.0}, {kModulation, 0.0, 100.0}, {kWidth, 0.0, 150.0}};
  for (int corner = 0; corner < 8; ++corner) {
    NativePlugin p(wsp_native_plugin_reverb(), sr);
    p.setParam(kMix, 100.0);
    for (size_t i = 0; i < std::size(extremes); ++i)
      p.setParam(extremes[i].id, ((corner >> (i % 3)) & 1) ? extremes[i].hi : extremes[i].lo);
    std::vector<float> input = noise;
    input.resize(input.size() + size_t(sr), 0.0f);  // and a second of silence: decay to zero, no denormals
    const auto out = p.render({input, input});
    for (int c = 0; c < 2; ++c) {
      EXPECT_TRUE(allFiniteNormal(out[c])) << "corner " << corner;
      EXPECT_LT(peak(out[c]), 100.0) << "corner " << corner;
    }
  }
}

TEST(Reverb, StateRoundTripGivesIdenticalOutput) {
  const double sr = 48000.0;
  NativePlugin a(wsp_native_plugin_reverb(), sr);
  a.setParam(kDecay, 4.0);
  a.setParam(kSize, 140.0);
  a.setParam(kDamping, 70.0);
  a.setParam(kPreDelay, 35.0);
  a.setParam(kWidth, 130.0);
  a.setParam(kMix, 60.0);
  a.reset();
  NativePlugin b(wsp_native_plugin_reverb(), sr);
  ASSERT_EQ(b.loadState(a.saveState()), WSP_OK);
  const auto in = std::vector<std::vector<float>>{whiteNoise(3, 48000, 0.5), whiteNoise(4, 48000, 0.5)};
  EXPECT_EQ(a.render(in), b.render(in));
}

TEST(Reverb, ReportedLatencyMatchesMeasured) {
  NativePlugin p(wsp_native_plugin_reverb(), 48000.0);
  const auto out = p.renderMono(impulse(48000));
  EXPECT_EQ(p.latency(), 0u);
  EXPECT_EQ(firstAbove(out[0], 1e-3f), size_t(p.latency()));
  EXPECT_EQ(argPeak(out[0]), size_t(p.latency()));
}

}  // namespace

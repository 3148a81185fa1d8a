// EQ: measured sine responses against the analytic cookbook response (product of the section
// magnitudes), transparency at defaults, the Butterworth low cut, click-free sweeps and switches,
// output hygiene, state and latency.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include <wsp/dsp/biquad.hpp>
#include <wstudio/testsupport/analysis.hpp>
#include <wstudio/testsupport/native_plugin.hpp>
#include <wstudio/testsupport/signals.hpp>

extern "C" const wsp_plugin_api* wsp_native_plugin_eq(void);

namespace {

using namespace wstudio::testsupport;
using wsp::dsp::BiquadCoefficients;
using wsp::dsp::BiquadType;

enum : uint32_t {
  kOutput, kLowCutOn, kLowCutFreq, kLowCutSlope, kHighCutOn, kHighCutFreq, kHighCutSlope,
  kBand1On, kBand1Type, kBand1Freq, kBand1Gain, kBand1Q,
  kBand2On, kBand2Freq, kBand2Gain, kBand2Q,
  kBand3On, kBand3Freq, kBand3Gain, kBand3Q,
  kBand4On, kBand4Type, kBand4Freq, kBand4Gain, kBand4Q,
};

// Measured gain (dB) of a steady sine at `hz`: 0.5 s settle, then a Goertzel over 0.5 s (a whole
// number of periods for even frequencies), relative to the same measurement on the input.
double measureDb(NativePlugin& eq, double hz) {
  const double sr = eq.sampleRate();
  const size_t settle = size_t(0.5 * sr), window = size_t(0.5 * sr);
  const auto in = sine(hz, sr, settle + window, 0.25);
  eq.reset();
  const auto out = eq.renderMono(in);
  const double ref = toneAmplitude({in.data() + settle, window}, hz, sr);
  const double left = toDb(toneAmplitude({out[0].data() + settle, window}, hz, sr) / ref);
  const double right = toDb(toneAmplitude({out[1].data() + settle, window}, hz, sr) / ref);
  EXPECT_NEAR(left, right, 1e-6) << "left and right differ at " << hz << " Hz";
  return left;
}

double butterworthQ(int order, int i) {
  return 1.0 / (2.0 * std::cos((2.0 * i + 1.0) * std::numbers::pi / (2.0 * order)));
}

// Analytic response: product of the cookbook sections' magnitudes, in dB.
double analyticDb(const std::vector<BiquadCoefficients>& sections, double outputDb, double hz,
                  double sr) {
  double db = outputDb;
  for (const auto& c : sections) db += c.magnitudeDb(hz, sr);
  return db;
}

TEST(Eq, DefaultsAreTransparent) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    NativePlugin eq(wsp_native_plugin_eq(), sr);
    for (double hz : {20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 16000.0,
                      20000.0})
      EXPECT_NEAR(measureDb(eq, hz), 0.0, 0.01) << hz << " Hz at " << sr;
    // Every section at its defaults is identity: noise passes bit-exactly.
    eq.reset();
    const auto noise = whiteNoise(7, 4096, 0.5);
    const auto out = eq.renderMono(noise);
    EXPECT_EQ(out[0], noise);
    EXPECT_EQ(out[1], noise);
  }
}

TEST(Eq, ResponseMatchesCookbookProduct) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    for (int variant = 0; variant < 2; ++variant) {
      NativePlugin eq(wsp_native_plugin_eq(), sr);
      const bool shelves = variant == 0;
      eq.setParam(kBand1Type, shelves ? 0 : 1);
      eq.setParam(kBand1Freq, 200), eq.setParam(kBand1Gain, 6), eq.setParam(kBand1Q, 0.7);
      eq.setParam(kBand2Freq, 1000), eq.setParam(kBand2Gain, -8), eq.setParam(kBand2Q, 2.0);
      eq.setParam(kBand3Freq, 3000), eq.setParam(kBand3Gain, 4), eq.setParam(kBand3Q, 0.5);
      eq.setParam(kBand4Type, shelves ? 0 : 1);
      eq.setParam(kBand4Freq, 10000), eq.setParam(kBand4Gain, -5), eq.setParam(kBand4Q, 1.2);
      eq.setParam(kLowCutOn, 1), eq.setParam(kLowCutFreq, 40), eq.setParam(kLowCutSlope, 1);
      eq.setParam(kHighCutOn, 1), eq.setParam(kHighCutFreq, 16000), eq.setParam(kHighCutSlope, 0);
      eq.setParam(kOutput, 2.0);

      std::vector<BiquadCoefficients> s;
      for (int i = 0; i < 2; ++i)
        s.push_back(BiquadCoefficients::highpass(sr, 40, butterworthQ(4, i)));
      s.push_back(shelves ? BiquadCoefficients::lowShelf(sr, 200, 0.7, 6)
                          : BiquadCoefficients::peaking(sr, 200, 0.7, 6));
      s.push_back(BiquadCoefficients::peaking(sr, 1000, 2.0, -8));
      s.push_back(BiquadCoefficients::peaking(sr, 3000, 0.5, 4));
      s.push_back(shelves ? BiquadCoefficients::highShelf(sr, 10000, 1.2, -5)
                          : BiquadCoefficients::peaking(sr, 10000, 1.2, -5));
      s.push_back(BiquadCoefficients::lowpass(sr, 16000, butterworthQ(2, 0)));

      for (double hz : {30.0, 60.0, 150.0, 200.0, 300.0, 700.0, 1000.0, 2000.0, 3000.0, 5000.0,
                        9000.0, 12000.0, 14000.0, 18000.0}) {
        EXPECT_NEAR(measureDb(eq, hz), analyticDb(s, 2.0, hz, sr), 0.1)
            << hz << " Hz at " << sr << (shelves ? " (shelves)" : " (bells)");
      }
    }
  }
}

TEST(Eq, LowCut24IsButterworth) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    NativePlugin eq(wsp_native_plugin_eq(), sr);
    eq.setParam(kLowCutOn, 1), eq.setParam(kLowCutFreq, 200), eq.setParam(kLowCutSlope, 1);
    EXPECT_NEAR(measureDb(eq, 200), -3.01, 0.1) << sr;
    // 4th-order Butterworth one octave below: -10 log10(1 + 2^8) = -24.1 dB.
    EXPECT_NEAR(measureDb(eq, 100), -24.1, 1.0) << sr;
    const double r = std::tan(std::numbers::pi * 200 / sr) / std::tan(std::numbers::pi * 100 / sr);
    EXPECT_NEAR(measureDb(eq, 100), -10.0 * std::log10(1.0 + std::pow(r, 8)), 0.1) << sr;
    EXPECT_NEAR(measureDb(eq, 2000), 0.0, 0.05) << sr;
    // The other slopes: order * 6 dB/oct far below the cutoff (two octaves below: 12 * order dB).
    for (int slope = 0; slope < 4; ++slope) {
      eq.setParam(kLowCutSlope, slope);
      const int order = 2 * (slope + 1);
      EXPECT_NEAR(measureDb(eq, 200), -3.01, 0.1) << "slope " << slope;
      EXPECT_NEAR(measureDb(eq, 50), -10.0 * std::log10(1.0 + std::pow(4.0, 2 * order)), 1.0)
          << "slope " << slope;
    }
    // High cut 24 dB/oct mirrors it.
    eq.setParam(kLowCutOn, 0);
    eq.setParam(kHighCutOn, 1), eq.setParam(kHighCutFreq, 4000), eq.setParam(kHighCutSlope, 1);
    // The digital (bilinear) Butterworth: |H|^2 = 1 / (1 + (tan(pi f/fs) / tan(pi fc/fs))^8).
    const auto warped = [&](double f, double fc) {
      const double r = std::tan(std::numbers::pi * f / sr) / std::tan(std::numbers::pi * fc / sr);
      return -10.0 * std::log10(1.0 + std::pow(r, 8));
    };
    EXPECT_NEAR(measureDb(eq, 4000), -3.01, 0.1) << sr;
    EXPECT_NEAR(measureDb(eq, 8000), warped(8000, 4000), 0.1) << sr;
    EXPECT_NEAR(measureDb(eq, 1000), warped(1000, 4000), 0.1) << sr;
  }
}

// Zipper metric of the conformance suite: the largest second difference with one parameter
// event per 128-frame block versus one event per frame. Smoothed coefficients give ~1.
double zipperRatio(uint32_t id, double from, double to, bool logScale,
                   const std::vector<std::pair<uint32_t, double>>& setup) {
  const double sr = 48000.0;
  const size_t half = size_t(0.5 * sr), pre = size_t(0.1 * sr);
  const auto tone = sine(110.0, sr, pre + 2 * half + pre, 0.25);
  double maxd[2];
  for (int way = 0; way < 2; ++way) {
    NativePlugin eq(wsp_native_plugin_eq(), sr);
    for (auto [pid, v] : setup) eq.setParam(pid, v);
    eq.setParam(id, from);
    eq.reset();
    std::vector<wsp_event> events;
    const size_t step = way == 0 ? 128 : 1;
    for (size_t n = pre; n <= pre + 2 * half; n += step) {
      const double t = double(n - pre) / double(half);
      const double pos = t <= 1.0 ? t : 2.0 - t;
      const double v = logScale ? from * std::pow(to / from, pos) : from + (to - from) * pos;
      events.push_back(paramEvent(uint32_t(n), id, v));
    }
    const auto out = eq.render({tone, tone}, events);
    maxd[way] = maxSecondDifference(out[0]);
  }
  return maxd[0] / maxd[1];
}

TEST(Eq, SweepsAreClickFree) {
  const std::vector<std::pair<uint32_t, double>> boost{{kBand2Gain, 12.0}, {kBand2Q, 4.0}};
  EXPECT_LT(zipperRatio(kBand2Freq, 20, 20000, true, boost), 2.0);
  EXPECT_LT(zipperRatio(kBand2Gain, -24, 24, false, {{kBand2Freq, 110.0}}), 2.0);
  EXPECT_LT(zipperRatio(kBand2Q, 0.1, 18, true, {{kBand2Freq, 150.0}, {kBand2Gain, 12.0}}), 2.0);
  EXPECT_LT(zipperRatio(kLowCutFreq, 10, 2000, true, {{kLowCutOn, 1}, {kLowCutSlope, 3}}), 2.0);
  EXPECT_LT(zipperRatio(kHighCutFreq, 500, 22000, true, {{kHighCutOn, 1}, {kHighCutSlope, 3}}), 2.0);
  EXPECT_LT(zipperRatio(kOutput, -24, 24, false, {}), 2.0);
}

// Switching a +12 dB band on and off crosses over: no step larger than the loud tone's own
// curvature (a hard switch would give a spike of ~ the amplitude difference, 100x larger).
TEST(Eq, SwitchesCrossOverSmoothly) {
  const double sr = 48000.0;
  const auto tone = sine(110.0, sr, size_t(sr), 0.25);
  NativePlugin eq(wsp_native_plugin_eq(), sr);
  eq.setParam(kBand2Freq, 110), eq.setParam(kBand2Gain, 12), eq.setParam(kBand2On, 0);
  eq.setParam(kLowCutFreq, 200), eq.setParam(kLowCutSlope, 3);
  eq.reset();
  const std::vector<wsp_event> events{paramEvent(12000, kBand2On, 1), paramEvent(24000, kBand2On, 0),
                                      paramEvent(36000, kLowCutOn, 1), paramEvent(44000, kLowCutOn, 0)};
  const auto out = eq.render({tone, tone}, events);
  const double w = 2.0 * std::numbers::pi * 110.0 / sr;
  const double loudCurvature = 0.25 * std::pow(10.0, 12.0 / 20.0) * w * w;
  EXPECT_LT(maxSecondDifference(out[0]), 3.0 * loudCurvature);
  EXPECT_TRUE(allFiniteNormal(out[0]));
}

TEST(Eq, FiniteAtExtremesWithHotNoise) {
  for (double sr : {8000.0, 44100.0, 96000.0, 384000.0}) {
    for (int corner = 0; corner < 3; ++corner) {
      NativePlugin eq(wsp_native_plugin_eq(), sr, 256);
      for (uint32_t b : {kBand1On, kBand2On, kBand3On, kBand4On, kLowCutOn, kHighCutOn})
        eq.setParam(b, 1);
      const bool max = corner == 1;
      for (uint32_t id : {kBand1Freq, kBand2Freq, kBand3Freq, kBand4Freq})
        eq.setParam(id, max ? 20000 : 20);
      for (uint32_t id : {kBand1Gain, kBand2Gain, kBand3Gain, kBand4Gain, kOutput})
        eq.setParam(id, corner == 2 ? -24 : 24);
      for (uint32_t id : {kBand1Q, kBand2Q, kBand3Q, kBand4Q}) eq.setParam(id, max ? 18 : 0.1);
      eq.setParam(kLowCutFreq, max ? 2000 : 10), eq.setParam(kHighCutFreq, max ? 22000 : 500);
      eq.setParam(kLowCutSlope, 3), eq.setParam(kHighCutSlope, 3);
      eq.setParam(kBand1Type, corner == 2), eq.setParam(kBand4Type, corner == 2);
      auto noise = whiteNoise(11, size_t(sr / 2), 3.98);
      noise.resize(noise.size() + size_t(sr / 2), 0.0f);  // then silence: decays must stay normal
      const auto out = eq.renderMono(noise, 256);
      EXPECT_TRUE(allFiniteNormal(out[0]) && allFiniteNormal(out[1])) << sr << " corner " << corner;
    }
  }
}

TEST(Eq, StateRoundTrip) {
  NativePlugin a(wsp_native_plugin_eq(), 48000.0);
  a.setParam(kBand1Gain, 5), a.setParam(kBand2Freq, 777), a.setParam(kBand2Gain, -9);
  a.setParam(kBand4Type, 1), a.setParam(kBand4Gain, 3), a.setParam(kLowCutOn, 1);
  a.setParam(kHighCutOn, 1), a.setParam(kHighCutSlope, 3), a.setParam(kOutput, -1.5);
  const auto bytes = a.saveState();
  NativePlugin b(wsp_native_plugin_eq(), 48000.0);
  ASSERT_EQ(b.loadState(bytes), WSP_OK);
  a.reset(), b.reset();
  const auto noise = whiteNoise(3, 20000, 0.5);
  EXPECT_EQ(a.renderMono(noise), b.renderMono(noise));
}

TEST(Eq, LatencyIsZeroAndMeasured) {
  NativePlugin eq(wsp_native_plugin_eq(), 48000.0);
  EXPECT_EQ(eq.latency(), 0u);
  const auto out = eq.renderMono(impulse(1024, 0));
  EXPECT_EQ(argPeak(out[0]), 0u);
  EXPECT_FLOAT_EQ(out[0][0], 1.0f);
}

}  // namespace

// Chorus / Flanger: LFO-driven delay, comb response, transparency and hygiene, against analytic
// expectations.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_chorus(void);

namespace {

using namespace wstudio::testsupport;

enum : uint32_t { kMode, kRate, kDepth, kDelay, kFeedback, kVoices, kSpread, kMix, kSync, kDivision, kShape };

void configure(NativePlugin& p, double mode, double rate, double depth, double delayMs, double feedback,
               double mix, double voices = 1.0) {
  p.setParam(kMode, mode);
  p.setParam(kRate, rate);
  p.setParam(kDepth, depth);
  p.setParam(kDelay, delayMs);
  p.setParam(kFeedback, feedback);
  p.setParam(kMix, mix);
  p.setParam(kVoices, voices);
  p.reset();  // glides arrive, LFO phase 0
}

// A slow ramp x(n) = n * eps: the cubic read reproduces straight lines exactly, so the wet output
// y(n) = (n - d(n)) eps reveals the instantaneous delay d(n) = n - y(n) / eps.
std::vector<double> measuredDelay(NativePlugin& p, size_t frames, int channel) {
  const double eps = 1.0 / 65536.0;
  std::vector<float> ramp(frames);
  for (size_t n = 0; n < frames; ++n) ramp[n] = float(double(n) * eps);
  const auto out = p.render({ramp, ramp});
  std::vector<double> d(frames);
  for (size_t n = 0; n < frames; ++n) d[n] = double(n) - double(out[channel][n]) / eps;
  return d;
}

TEST(Chorus, DelayFollowsAnalyticSineLfo) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    for (int mode : {0, 1}) {
      const double rate = 1.7, depth = 60.0, baseMs = 8.0;  // spread at its default, 100 %
      const size_t frames = size_t(1.3 * sr);  // 2.2 LFO cycles
      const double base = baseMs * sr / 1000.0;
      const double amplitude = depth / 100.0 * (mode == 1 ? 0.95 : 0.5) * base;
      for (int c = 0; c < 2; ++c) {
        NativePlugin q(wsp_native_plugin_chorus(), sr);
        configure(q, mode, rate, depth, baseMs, 0.0, 100.0);
        const auto d = measuredDelay(q, frames, c);
        double worst = 0.0;
        // Right channel: 90 degrees ahead at 100 % spread.
        const double offset = c == 1 ? 0.25 : 0.0;
        for (size_t n = size_t(base * 2) + 8; n < frames; ++n) {
          const double expected = base + amplitude * std::sin(2.0 * M_PI * (rate * double(n) / sr + offset));
          worst = std::max(worst, std::fabs(d[n] - expected));
        }
        // Float ramp resolution at 1.3 s is ~0.01 sample; the LFO itself is exact.
        EXPECT_LT(worst, 0.05) << "mode " << mode << " channel " << c << " at " << sr;
      }
    }
  }
}

TEST(Chorus, TriangleLfoAndVoicesSpreadPhases) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_chorus(), sr);
  p.setParam(kShape, 1.0);
  configure(p, 0, 2.0, 100.0, 10.0, 0.0, 100.0);
  const auto d = measuredDelay(p, 48000, 0);
  const double base = 480.0, amplitude = 0.5 * base;
  for (size_t n = 1000; n < 48000; n += 97) {
    double ph = 2.0 * double(n) / sr;
    ph -= std::floor(ph);
    const double tri = ph < 0.25 ? 4 * ph : (ph < 0.75 ? 2 - 4 * ph : 4 * ph - 4);
    ASSERT_NEAR(d[n], base + amplitude * tri, 0.05) << n;
  }
}

// 50 % mix, static delay D: H(f) = 0.5 + 0.5 e^{-j w D} / (1 - fb e^{-j w D}).
double combResponse(double f, double delaySeconds, double fb) {
  const std::complex<double> z = std::polar(1.0, -2.0 * M_PI * f * delaySeconds);
  return std::abs(0.5 + 0.5 * z / (1.0 - fb * z));
}

TEST(Chorus, FlangerCombMatchesAnalyticResponse) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    for (double fb : {0.0, 50.0, -50.0}) {
      const double delayMs = 1.0;
      for (double f : {250.0, 400.0, 700.0, 1000.0, 1250.0, 3300.0}) {
        NativePlugin p(wsp_native_plugin_chorus(), sr);
        configure(p, 1, 0.5, 0.0, delayMs, fb, 50.0);
        const auto tone = sine(f, sr, size_t(sr), 0.25);
        const auto out = p.renderMono(tone);
        // Skip 0.5 s of settling (feedback ring), then measure whole periods.
        const size_t start = size_t(0.5 * sr);
        const size_t periods = size_t(0.45 * f);
        const size_t len = size_t(std::lround(double(periods) * sr / f));
        const double measured = toneAmplitude(std::span<const float>(out[0]).subspan(start, len), f, sr) / 0.25;
        EXPECT_NEAR(toDb(measured), toDb(combResponse(f, delayMs / 1000.0, fb / 100.0)), 1.0)
            << f << " Hz, fb " << fb << ", " << sr;
      }
      if (fb == 0.0) {
        // Notches at odd multiples of 1 / (2 D) = 500 Hz.
        for (double f : {500.0, 1500.0, 2500.0}) {
          NativePlugin p(wsp_native_plugin_chorus(), sr);
          configure(p, 1, 0.5, 0.0, delayMs, 0.0, 50.0);
          const auto out = p.renderMono(sine(f, sr, size_t(sr), 0.25));
          const double a = toneAmplitude(std::span<const float>(out[0]).subspan(size_t(0.5 * sr), size_t(0.5 * sr)), f, sr);
          EXPECT_LT(toDb(a / 0.25), sr == 44100.0 ? -30.0 : -60.0) << "notch " << f << " at " << sr;
        }
      }
    }
  }
}

TEST(Chorus, MixZeroIsBitTransparent) {
  for (int mode : {0, 1}) {
    NativePlugin p(wsp_native_plugin_chorus(), 48000.0);
    configure(p, mode, 3.0, 100.0, 5.0, 90.0, 0.0, 4.0);
    const auto l = whiteNoise(9, 20000, 1.0), r = whiteNoise(10, 20000, 1.0);
    const auto out = p.render({l, r}, {}, 100);
    for (size_t n = 0; n < l.size(); ++n) {
      ASSERT_EQ(std::memcmp(&out[0][n], &l[n], sizeof(float)), 0) << n;
      ASSERT_EQ(std::memcmp(&out[1][n], &r[n], sizeof(float)), 0) << n;
    }
  }
}

TEST(Chorus, TempoSyncedRate) {
  // 120 BPM, one cycle per 1/4 note = 2 Hz: the delay repeats every 24000 samples.
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_chorus(), sr);
  p.setParam(kSync, 1.0);
  p.setParam(kDivision, 5.0);  // 1/4
  configure(p, 0, 0.1, 80.0, 10.0, 0.0, 100.0);
  const auto d = measuredDelay(p, 60000, 0);
  for (size_t n = 2000; n < 60000; n += 101) {
    ASSERT_NEAR(d[n], 480.0 + 0.8 * 0.5 * 480.0 * std::sin(2.0 * M_PI * 2.0 * double(n) / sr), 0.05) << n;
  }
}

TEST(Chorus, FiniteAndNormalAtExtremes) {
  const double sr = 48000.0;
  const auto noise = whiteNoise(5, size_t(1.5 * sr), 4.0);  // +12 dBFS
  for (int corner = 0; corner < 32; ++corner) {
    NativePlugin p(wsp_native_plugin_chorus(), sr);
    configure(p, corner & 1, (corner & 2) ? 10.0 : 0.01, (corner & 4) ? 100.0 : 0.0,
              (corner & 8) ? 30.0 : 0.1, (corner & 16) ? 95.0 : -95.0, 100.0, 4.0);
    std::vector<float> input = noise;
    input.resize(input.size() + size_t(sr), 0.0f);
    const auto out = p.render({input, input});
    for (int c = 0; c < 2; ++c) {
      EXPECT_TRUE(allFiniteNormal(out[c])) << "corner " << corner;
      EXPECT_LT(peak(out[c]), 8.0) << "corner " << corner;
    }
  }
}

TEST(Chorus, StateRoundTripGivesIdenticalOutput) {
  const double sr = 48000.0;
  NativePlugin a(wsp_native_plugin_chorus(), sr);
  configure(a, 0, 1.3, 70.0, 15.0, 30.0, 60.0, 3.0);
  a.setParam(kShape, 1.0);
  a.setParam(kSpread, 40.0);
  a.reset();
  NativePlugin b(wsp_native_plugin_chorus(), sr);
  ASSERT_EQ(b.loadState(a.saveState()), WSP_OK);
  const std::vector<std::vector<float>> in{whiteNoise(3, 48000, 0.5), whiteNoise(4, 48000, 0.5)};
  EXPECT_EQ(a.render(in), b.render(in));
}

TEST(Chorus, ReportedLatencyAndTail) {
  NativePlugin p(wsp_native_plugin_chorus(), 48000.0);
  const auto out = p.renderMono(impulse(4800));
  EXPECT_EQ(p.latency(), 0u);
  EXPECT_EQ(argPeak(out[0]), size_t(p.latency()));  // dry path undelayed
  EXPECT_EQ(firstAbove(out[0], 1e-3f), size_t(p.latency()));
  // Feedback 0: the tail is the longest read; after it, silence.
  const uint32_t tail = p.tail();
  EXPECT_LT(peak(std::span<const float>(out[0]).subspan(tail)), 1e-7);
  // Feedback 90 %: -90 dB after the tail.
  configure(p, 1, 0.5, 0.0, 5.0, 90.0, 100.0);
  const uint32_t ring = p.tail();
  const auto fbOut = p.renderMono(impulse(ring + 4800));
  EXPECT_LT(peak(std::span<const float>(fbOut[0]).subspan(ring)), 3.2e-5 * peak(fbOut[0]));
}

}  // namespace

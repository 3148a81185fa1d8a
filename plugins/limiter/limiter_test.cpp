// Limiter: the ceiling is never exceeded (noise, squares, transients, several rates, lookaheads
// and release times), latency is exact, signals below the ceiling pass bit-exactly, reduction
// ramps smoothly, release follows its time constant, lookahead changes are safe, the gain
// envelope reports allocation failure.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include <wstudio/testsupport/analysis.hpp>
#include <wstudio/testsupport/native_plugin.hpp>
#include <wstudio/testsupport/signals.hpp>

#include "gain_envelope.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_limiter(void);

namespace {

using namespace wstudio::testsupport;

enum : uint32_t { kInputGain, kCeiling, kLookahead, kRelease };

double dbToGain(double db) { return std::pow(10.0, db / 20.0); }

std::vector<float> square(double hz, double sr, size_t frames, double amplitude) {
  std::vector<float> out(frames);
  for (size_t n = 0; n < frames; ++n)
    out[n] = float(std::fmod(double(n) * hz / sr, 1.0) < 0.5 ? amplitude : -amplitude);
  return out;
}

// Silence, then isolated full-scale clicks and short bursts: the hardest case for a limiter.
std::vector<float> transients(double sr, size_t frames) {
  std::vector<float> out(frames, 0.0f);
  const auto noise = whiteNoise(21, frames, 1.0);
  for (size_t start = size_t(0.01 * sr); start + 200 < frames; start += size_t(0.037 * sr)) {
    out[start] = 4.0f;
    for (size_t k = 50; k < 200; ++k) out[start + k] = 4.0f * noise[start + k];
  }
  return out;
}

TEST(Limiter, CeilingIsNeverExceeded) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    const size_t frames = size_t(0.5 * sr);
    const std::vector<std::vector<float>> signals{
        whiteNoise(1, frames, 3.98), square(100.0, sr, frames, 1.0), square(3001.0, sr, frames, 1.0),
        transients(sr, frames), sine(997.0, sr, frames, 1.0)};
    for (double ceilingDb : {0.0, -0.3, -6.0}) {
      for (double lookahead : {1.0, 5.0, 10.0}) {
        for (double release : {1.0, 100.0}) {
          NativePlugin lim(wsp_native_plugin_limiter(), sr);
          lim.setParam(kCeiling, ceilingDb), lim.setParam(kLookahead, lookahead);
          lim.setParam(kRelease, release), lim.setParam(kInputGain, 12.0);
          const double ceiling = dbToGain(ceilingDb);
          for (size_t s = 0; s < signals.size(); ++s) {
            lim.reset();
            const auto out = lim.render({signals[s], signals[(s + 1) % signals.size()]}, {}, 128);
            for (const auto& ch : out)
              ASSERT_LE(peak(ch), ceiling + 1e-6)
                  << "signal " << s << " at " << sr << ", ceiling " << ceilingDb << ", lookahead "
                  << lookahead << ", release " << release;
          }
        }
      }
    }
  }
}

TEST(Limiter, LatencyIsExactAndQuietSignalsPassBitExactly) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    for (double lookahead : {1.0, 2.5, 5.0, 10.0}) {
      NativePlugin lim(wsp_native_plugin_limiter(), sr);
      lim.setParam(kLookahead, lookahead);
      const uint32_t d = lim.latency();
      EXPECT_EQ(d, uint32_t(std::lround(lookahead * 0.001 * sr)));
      EXPECT_EQ(lim.tail(), d);
      const auto out = lim.renderMono(impulse(8192, 0, 0.5f));
      EXPECT_EQ(argPeak(out[0]), d);
      EXPECT_EQ(out[0][d], 0.5f);
      EXPECT_EQ(peak(out[0]), 0.5);
      // -6 dBFS noise (ceiling -0.3 dBFS): exactly the input, d samples later.
      lim.reset();
      const auto noise = whiteNoise(4, 20000, 0.5);
      const auto got = lim.renderMono(noise);
      for (size_t n = 0; n + d < noise.size(); ++n) ASSERT_EQ(got[1][n + d], noise[n]) << n;
      for (size_t n = 0; n < d; ++n) ASSERT_EQ(got[0][n], 0.0f);
    }
  }
}

TEST(Limiter, SteadyToneIsScaledNotClipped) {
  // A 1 kHz sine 12 dB over the ceiling: the hold spans whole periods, so the gain settles to a
  // constant and the output is the same sine with its peak at the ceiling (no distortion).
  const double sr = 48000.0;
  NativePlugin lim(wsp_native_plugin_limiter(), sr);
  lim.setParam(kCeiling, -1.0), lim.setParam(kInputGain, 12.0);
  const auto out = lim.renderMono(sine(1000.0, sr, 48000, 1.0));
  const std::span<const float> tail(out[0].data() + 24000, 24000);
  EXPECT_NEAR(toneAmplitude(tail, 1000.0, sr), dbToGain(-1.0), 1e-4);
  EXPECT_LT(toneAmplitude(tail, 3000.0, sr), 1e-5);
}

TEST(Limiter, GainReductionRampsSmoothly) {
  // DC steps make the applied gain visible: 0.5 (below the 0 dBFS ceiling), then 4.0 from input
  // frame s on, which needs gain 1/4. The reduction must start exactly one lookahead (d frames)
  // before the loud sample leaves, reach exactly 1/4 on it, and follow the S curve of two moving
  // averages of lengths b1 = (d + 2) / 2, b2 = d + 2 - b1: piecewise quadratic, so its largest
  // second difference is 0.75 / (b1 b2).
  const double sr = 48000.0;
  NativePlugin lim(wsp_native_plugin_limiter(), sr);
  lim.setParam(kCeiling, 0.0), lim.setParam(kRelease, 500.0);
  lim.reset();
  const size_t s = 24000;
  std::vector<float> in(48000, 0.5f);
  std::fill(in.begin() + s, in.end(), 4.0f);
  const auto out = lim.renderMono(in);
  const size_t d = lim.latency(), b1 = (d + 2) / 2, b2 = d + 2 - b1;
  std::vector<float> gain;
  for (size_t n = d; n < out[0].size(); ++n) gain.push_back(out[0][n] / in[n - d]);
  for (size_t n = 0; n + d < s; ++n) ASSERT_EQ(gain[n], 1.0f) << n;  // untouched until s
  EXPECT_LT(gain[s - d + 1], 1.0f);                                  // then the ramp starts
  EXPECT_EQ(out[0][s + d], 1.0f);                                     // the loud sample: ceiling
  for (size_t n = s - d + 1; n <= s; ++n) EXPECT_LE(gain[n], gain[n - 1]);
  EXPECT_LT(maxSecondDifference(gain), 1.01 * 0.75 / double(b1 * b2));
  EXPECT_GT(maxSecondDifference(gain), 0.99 * 0.75 / double(b1 * b2));
}

TEST(Limiter, ReleaseFollowsItsTimeConstant) {
  // DC steps make the gain directly visible: 4.0 (needs gain 1/4 for a 0 dBFS ceiling) then 0.1.
  const double sr = 48000.0, releaseMs = 100.0;
  NativePlugin lim(wsp_native_plugin_limiter(), sr);
  lim.setParam(kCeiling, 0.0), lim.setParam(kRelease, releaseMs);
  lim.reset();
  const size_t loud = 24000, frames = 96000;
  std::vector<float> in(frames, 0.1f);
  std::fill(in.begin(), in.begin() + loud, 4.0f);
  const auto out = lim.renderMono(in);
  const size_t d = lim.latency();
  EXPECT_FLOAT_EQ(out[0][loud - 1 + d], 1.0f);  // the last loud sample: exactly at the ceiling
  // The envelope releases from 1/4 towards 1 with tau = release, starting once the last loud
  // sample has left (output frame loud + d), seen through the S smoothing (mean delay d/2).
  const auto reduction = [&](size_t n) { return 1.0 - double(out[0][n]) / 0.1; };
  const size_t at = loud + d + size_t(releaseMs * 0.001 * sr) + d / 2;
  EXPECT_NEAR(reduction(at) / 0.75, std::exp(-1.0), 0.02);
  EXPECT_NEAR(reduction(loud + d + size_t(3 * releaseMs * 0.001 * sr) + d / 2) / 0.75,
              std::exp(-3.0), 0.01);
  EXPECT_LT(reduction(frames - 1), 1e-6);
}

TEST(Limiter, LookaheadChangeIsSafeAndReported) {
  const double sr = 48000.0;
  NativePlugin lim(wsp_native_plugin_limiter(), sr);
  lim.setParam(kInputGain, 12.0);
  lim.reset();
  auto in = sine(220.0, sr, 48000, 1.0);
  const std::vector<wsp_event> events{paramEvent(10000, kLookahead, 1.0),
                                      paramEvent(20000, kLookahead, 10.0),
                                      paramEvent(20100, kLookahead, 3.0)};
  const auto out = lim.render({in, in}, events);
  const double ceiling = dbToGain(-0.3);
  EXPECT_LE(peak(out[0]), ceiling + 1e-6);
  const double w = 2.0 * std::numbers::pi * 220.0 / sr;
  // After the onset: the switches (at 10000 and 20000) fade, never click.
  EXPECT_LT(maxSecondDifference({out[0].data() + 2000, 46000}), 3.0 * ceiling * w * w);
  EXPECT_EQ(lim.latency(), 144u);
  EXPECT_NEAR(peak({out[0].data() + 40000, 8000}), ceiling, 1e-3);  // back to full level
}

TEST(Limiter, FiniteAtExtremesWithHotNoise) {
  for (double sr : {8000.0, 44100.0, 384000.0}) {
    for (int corner = 0; corner < 2; ++corner) {
      NativePlugin lim(wsp_native_plugin_limiter(), sr, 256);
      const bool max = corner == 1;
      lim.setParam(kInputGain, max ? 24 : -12), lim.setParam(kCeiling, max ? 0 : -24);
      lim.setParam(kLookahead, max ? 10 : 1), lim.setParam(kRelease, max ? 1000 : 1);
      auto noise = whiteNoise(8, size_t(sr / 2), 3.98);
      noise.resize(noise.size() + size_t(sr / 2), 0.0f);
      const auto out = lim.renderMono(noise, 256);
      EXPECT_TRUE(allFiniteNormal(out[0]) && allFiniteNormal(out[1])) << sr << " " << corner;
      EXPECT_LE(peak(out[0]), dbToGain(max ? 0 : -24) + 1e-6);
    }
  }
}

TEST(Limiter, StateRoundTrip) {
  NativePlugin a(wsp_native_plugin_limiter(), 48000.0);
  a.setParam(kInputGain, 9), a.setParam(kCeiling, -2), a.setParam(kLookahead, 3);
  a.setParam(kRelease, 30);
  const auto bytes = a.saveState();
  NativePlugin b(wsp_native_plugin_limiter(), 48000.0);
  ASSERT_EQ(b.loadState(bytes), WSP_OK);
  a.reset(), b.reset();
  EXPECT_EQ(a.latency(), b.latency());
  const auto noise = whiteNoise(2, 30000, 0.9);
  EXPECT_EQ(a.renderMono(noise), b.renderMono(noise));
}

// A lookahead no memory holds: prepare says so (the plugin's activate then returns
// WSP_ERR_OUT_OF_MEMORY instead of trapping), and a prepare that fits works afterwards.
TEST(LimiterGainEnvelope, PrepareReportsOutOfMemory) {
  wsp_limiter::GainEnvelope envelope;
  EXPECT_FALSE(envelope.prepare(SIZE_MAX / 16));
  ASSERT_TRUE(envelope.prepare(100));
  envelope.configure(10);
  EXPECT_TRUE(envelope.idle());
  EXPECT_EQ(envelope.process(1.0), 1.0);
  EXPECT_LT(envelope.process(0.5), 1.0);
}

}  // namespace

// Tremolo: modulation rate measured on the output envelope, tempo sync locked to the song
// position, depth 0 transparency, constant-power autopan, stereo phase, soft square edges,
// declicked switches, output hygiene, state and latency.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include <wstudio/testsupport/analysis.hpp>
#include <wstudio/testsupport/native_plugin.hpp>
#include <wstudio/testsupport/signals.hpp>

extern "C" const wsp_plugin_api* wsp_native_plugin_tremolo(void);

namespace {

using namespace wstudio::testsupport;

enum : uint32_t { kMode, kRate, kSync, kDivision, kDepth, kShape, kStereoPhase };
constexpr double kRate48 = 48000.0;
constexpr double kPi = std::numbers::pi;

// Gain curve seen through a DC input of 0.5.
std::vector<double> gainOf(const std::vector<float>& out) {
  std::vector<double> g(out.size());
  for (size_t n = 0; n < out.size(); ++n) g[n] = double(out[n]) / 0.5;
  return g;
}

// Mean period (samples) from upward crossings of `level`, interpolated between samples.
double meanPeriod(const std::vector<double>& g, double level) {
  std::vector<double> crossings;
  for (size_t n = 1; n < g.size(); ++n)
    if (g[n - 1] < level && g[n] >= level)
      crossings.push_back(double(n - 1) + (level - g[n - 1]) / (g[n] - g[n - 1]));
  if (crossings.size() < 2) return 0.0;
  return (crossings.back() - crossings.front()) / double(crossings.size() - 1);
}

TEST(Tremolo, ModulationFrequencyEqualsRate) {
  for (int shape = 0; shape < 3; ++shape) {
    for (double rate : {1.0, 4.0, 13.75}) {
      NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
      trem.setParam(kRate, rate), trem.setParam(kDepth, 100), trem.setParam(kShape, shape);
      trem.reset();
      const auto out = trem.renderMono(std::vector<float>(size_t(4 * kRate48), 0.5f));
      const auto g = gainOf(out[0]);
      EXPECT_NEAR(kRate48 / meanPeriod(g, 0.5), rate, 1e-4 * rate) << "shape " << shape;
      if (shape == 0) {
        // Sine at depth 100 %: g = 0.5 + 0.5 sin(2 pi rate t), so the envelope's component at
        // the rate has amplitude 0.5 (x 0.5 input) = 0.25. 4 s holds whole periods of each rate.
        EXPECT_NEAR(toneAmplitude(out[0], rate, kRate48), 0.25, 1e-3) << rate;
        EXPECT_NEAR(*std::max_element(g.begin(), g.end()), 1.0, 1e-4);
        EXPECT_NEAR(*std::min_element(g.begin(), g.end()), 0.0, 1e-4);
      }
    }
  }
}

TEST(Tremolo, SyncLocksToSongPosition) {
  NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
  trem.setParam(kSync, 1), trem.setParam(kDivision, 6);  // 1/4
  trem.setParam(kDepth, 100), trem.setParam(kRate, 0.37);  // the free rate must not matter
  trem.reset();
  const size_t frames = 96000, jump = 60000;
  const std::vector<wsp_event> events{transportEvent(0, 120.0, 3.1, true),
                                      transportEvent(uint32_t(jump), 120.0, 10.0, true)};
  const auto out = trem.render({std::vector<float>(frames, 0.5f)}, events, 128);
  const auto g = gainOf(out[0]);
  // One cycle per beat: g = 0.5 + 0.5 sin(2 pi (position in beats)), 2 beats per second.
  const auto expected = [](double beats) { return 0.5 + 0.5 * std::sin(2 * kPi * beats); };
  double worst = 0.0;
  for (size_t n = 0; n < jump; ++n) worst = std::max(worst, std::fabs(g[n] - expected(3.1 + n / 24000.0)));
  EXPECT_LT(worst, 2e-5);
  // Period exactly 0.5 s = 24000 frames.
  EXPECT_NEAR(meanPeriod({g.begin(), g.begin() + jump}, 0.5), 24000.0, 0.01);
  // After a jump to beat 10, the phase follows at once (after the 5 ms declick).
  worst = 0.0;
  for (size_t n = jump + 240; n < frames; ++n)
    worst = std::max(worst, std::fabs(g[n] - expected(10.0 + (n - jump) / 24000.0)));
  EXPECT_LT(worst, 2e-5);
  // 1/8 dotted at 90 BPM: 0.75 beats per cycle = 0.5 s as well, on the same grid.
  trem.setParam(kDivision, 10);
  trem.reset();
  const auto out2 = trem.render({std::vector<float>(48000, 0.5f)},
                                std::vector<wsp_event>{transportEvent(0, 90.0, 1.0, true)}, 128);
  const auto g2 = gainOf(out2[0]);
  worst = 0.0;
  for (size_t n = 0; n < g2.size(); ++n)
    worst = std::max(worst, std::fabs(g2[n] - expected((1.0 + n * 1.5 / 48000.0) / 0.75)));
  EXPECT_LT(worst, 2e-5);
}

TEST(Tremolo, DepthZeroIsTransparent) {
  for (int mode = 0; mode < 2; ++mode) {
    for (int shape = 0; shape < 3; ++shape) {
      NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
      trem.setParam(kDepth, 0), trem.setParam(kMode, mode), trem.setParam(kShape, shape);
      trem.setParam(kStereoPhase, 90);
      trem.reset();
      const auto noise = whiteNoise(12, 20000, 0.8);
      const auto out = trem.renderMono(noise);
      EXPECT_EQ(out[0], noise);
      EXPECT_EQ(out[1], noise);
    }
  }
}

TEST(Tremolo, AutopanKeepsConstantPower) {
  for (int shape = 0; shape < 3; ++shape) {
    NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
    trem.setParam(kMode, 1), trem.setParam(kDepth, 100), trem.setParam(kShape, shape);
    trem.setParam(kRate, 3.0);
    trem.reset();
    const auto out = trem.renderMono(std::vector<float>(48000, 0.5f));
    double worst = 0.0, maxL = 0.0, minL = 1.0;
    for (size_t n = 0; n < out[0].size(); ++n) {
      const double power = double(out[0][n]) * out[0][n] + double(out[1][n]) * out[1][n];
      worst = std::max(worst, std::fabs(power / (2 * 0.25) - 1.0));  // centre: 0.25 + 0.25
      maxL = std::max(maxL, double(out[0][n]));
      minL = std::min(minL, double(out[0][n]));
    }
    EXPECT_LT(worst, 1e-5) << "shape " << shape;
    // It really pans, hard left to hard right: 0.5 * sqrt(2) down to 0.
    EXPECT_NEAR(maxL, 0.5 * std::sqrt(2.0), 1e-4);
    EXPECT_NEAR(minL, 0.0, 1e-4);
  }
}

TEST(Tremolo, StereoPhaseOffsetsTheRightChannel) {
  NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
  trem.setParam(kDepth, 60), trem.setParam(kStereoPhase, 180), trem.setParam(kRate, 5.0);
  trem.reset();
  const auto out = trem.renderMono(std::vector<float>(24000, 0.5f));
  // Opposite sine LFOs: gL + gR = 2 - depth.
  for (size_t n = 0; n < out[0].size(); n += 7)
    ASSERT_NEAR(gainOf(out[0])[n] + gainOf(out[1])[n], 2.0 - 0.6, 1e-5) << n;
  // 90 degrees: the right channel runs a quarter cycle ahead: g_R(n) = g_L(n + period / 4).
  trem.setParam(kStereoPhase, 90);
  trem.reset();
  const auto q = trem.renderMono(std::vector<float>(24000, 0.5f));
  for (size_t n = 0; n + 2400 < q[0].size(); n += 11) ASSERT_NEAR(q[1][n], q[0][n + 2400], 1e-5);
}

TEST(Tremolo, SquareEdgesAreSoft) {
  NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
  trem.setParam(kShape, 2), trem.setParam(kDepth, 100), trem.setParam(kRate, 2.0);
  trem.reset();
  const auto g = gainOf(trem.renderMono(std::vector<float>(48000, 0.5f))[0]);
  // Full swing, flat tops...
  EXPECT_NEAR(*std::max_element(g.begin(), g.end()), 1.0, 1e-6);
  EXPECT_NEAR(*std::min_element(g.begin(), g.end()), 0.0, 1e-6);
  size_t flat = 0;
  for (double v : g) flat += (v > 1.0 - 1e-6 || v < 1e-6);
  EXPECT_GT(flat, g.size() * 9 / 10);
  // ...and 4 ms edges shaped by 1.5 t - 0.5 t^3: steepest step 1.5 / (4 ms * 48 kHz) per sample.
  double steepest = 0.0;
  for (size_t n = 1; n < g.size(); ++n) steepest = std::max(steepest, std::fabs(g[n] - g[n - 1]));
  EXPECT_LT(steepest, 1.5 / 192.0 * 1.02);
  EXPECT_GT(steepest, 1.5 / 192.0 * 0.9);
}

TEST(Tremolo, SwitchesAreDeclicked) {
  NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
  trem.setParam(kDepth, 100), trem.setParam(kRate, 1.0);
  trem.reset();
  const std::vector<wsp_event> events{paramEvent(6000, kShape, 2), paramEvent(12000, kMode, 1),
                                      paramEvent(18000, kSync, 1), paramEvent(20000, kShape, 1),
                                      transportEvent(30000, 100.0, 7.3, true),
                                      paramEvent(36000, kDivision, 12)};
  const auto out = trem.render({std::vector<float>(48000, 0.5f)}, events, 128);
  for (const auto& ch : out) {
    double steepest = 0.0;
    for (size_t n = 1; n < ch.size(); ++n) steepest = std::max(steepest, std::fabs(double(ch[n]) - ch[n - 1]));
    // A 5 ms smoothstep glide over at most the full swing (0.5 * sqrt(2) here): 1.5 x / 240.
    EXPECT_LT(steepest, 1.5 * 0.5 * std::sqrt(2.0) / 240.0 * 1.05);
  }
}

TEST(Tremolo, FiniteAtExtremesWithHotNoise) {
  for (double sr : {8000.0, 44100.0, 384000.0}) {
    for (int corner = 0; corner < 4; ++corner) {
      NativePlugin trem(wsp_native_plugin_tremolo(), sr, 256);
      const bool max = corner & 1;
      trem.setParam(kMode, corner >> 1), trem.setParam(kRate, max ? 20 : 0.05);
      trem.setParam(kDepth, max ? 100 : 0), trem.setParam(kShape, max ? 2 : 0);
      trem.setParam(kStereoPhase, max ? 180 : 0), trem.setParam(kSync, max);
      trem.setParam(kDivision, max ? 15 : 0);
      const auto noise = whiteNoise(3, size_t(sr / 2), 3.98);
      const std::vector<wsp_event> events{transportEvent(100, 999.0, 12345.678, true)};
      const auto out = trem.render({noise, noise}, events, 256);
      EXPECT_TRUE(allFiniteNormal(out[0]) && allFiniteNormal(out[1])) << sr << " " << corner;
    }
  }
}

TEST(Tremolo, StateRoundTrip) {
  NativePlugin a(wsp_native_plugin_tremolo(), kRate48);
  a.setParam(kMode, 1), a.setParam(kRate, 7.5), a.setParam(kDepth, 80), a.setParam(kShape, 1);
  a.setParam(kStereoPhase, 45), a.setParam(kDivision, 9);
  const auto bytes = a.saveState();
  NativePlugin b(wsp_native_plugin_tremolo(), kRate48);
  ASSERT_EQ(b.loadState(bytes), WSP_OK);
  a.reset(), b.reset();
  const auto noise = whiteNoise(6, 30000, 0.5);
  EXPECT_EQ(a.renderMono(noise), b.renderMono(noise));
}

TEST(Tremolo, NoLatency) {
  NativePlugin trem(wsp_native_plugin_tremolo(), kRate48);
  EXPECT_EQ(trem.latency(), 0u);
  trem.setParam(kDepth, 0);
  trem.reset();
  const auto out = trem.renderMono(impulse(512, 0, 0.5f));
  EXPECT_EQ(argPeak(out[0]), 0u);
  EXPECT_EQ(out[0][0], 0.5f);
}

}  // namespace

// Delay: behaviour on real signals against analytic expectations.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_delay(void);

namespace {

using namespace wstudio::testsupport;
using Channels = std::vector<std::vector<float>>;

enum : uint32_t {
  kTimeL, kTimeR, kLink, kSync, kDivisionL, kDivisionR, kFeedback, kMode, kLowCut, kHighCut, kMix,
  kWowDepth, kWowRate,
};
constexpr uint32_t kDiv8th = 8, kDiv4thDotted = 13;

// 100 % wet, no feedback, filters wide open, then reset so every glide has arrived.
void setOpenWet(NativePlugin& p, double timeMs, double feedback = 0.0) {
  p.setParam(kMix, 100.0);
  p.setParam(kFeedback, feedback);
  p.setParam(kLowCut, 20.0);
  p.setParam(kHighCut, 20000.0);
  p.setParam(kTimeL, timeMs);
  p.reset();
}

void sendTempo(NativePlugin& p, double bpm) {
  wsp_event* events = p.api().event_buffer(p.instance());
  events[0] = transportEvent(0, bpm, 0.0, true);
  ASSERT_EQ(p.api().process(p.instance(), 0, 1), WSP_OK);
}

class DelayAtRate : public ::testing::TestWithParam<double> {};

TEST_P(DelayAtRate, ImpulseArrivesAtRoundedDelayTime) {
  const double sr = GetParam();
  for (double ms : {1.0, 123.4, 250.0, 1000.0, 4999.0}) {
    NativePlugin p(wsp_native_plugin_delay(), sr);
    setOpenWet(p, ms);
    const size_t expected = size_t(std::lround(ms * sr / 1000.0));
    const auto out = p.renderMono(impulse(expected + 2000));
    for (int c = 0; c < 2; ++c) {
      EXPECT_EQ(argPeak(out[c]), expected) << "ms=" << ms << " sr=" << sr << " channel " << c;
      EXPECT_GT(peak(out[c]), 0.5) << "ms=" << ms;
      // Nothing before the echo: the cubic read of a fractional delay d spans samples
      // floor(d) - 1 .. floor(d) + 2, so it may start up to 2 samples before round(d).
      EXPECT_GE(firstAbove(out[c], 1e-6f) + 2, expected) << "ms=" << ms;
    }
  }
}

TEST_P(DelayAtRate, TempoSyncedLengths) {
  const double sr = GetParam();
  struct Case {
    double bpm;
    uint32_t division;
    double seconds;
  };
  for (const Case& k : {Case{120.0, kDiv8th, 0.25}, Case{90.0, kDiv4thDotted, 1.0},
                        Case{140.0, kDiv8th, 60.0 / 140.0 / 2.0}}) {
    NativePlugin p(wsp_native_plugin_delay(), sr);
    p.setParam(kSync, 1.0);
    p.setParam(kDivisionL, k.division);
    sendTempo(p, k.bpm);
    setOpenWet(p, 10.0);  // the ms time is ignored while synced
    const size_t expected = size_t(std::lround(k.seconds * sr));
    const auto out = p.renderMono(impulse(expected + 1000));
    EXPECT_EQ(argPeak(out[0]), expected) << k.bpm << " BPM";
    EXPECT_EQ(argPeak(out[1]), expected) << k.bpm << " BPM";
  }
}

INSTANTIATE_TEST_SUITE_P(Rates, DelayAtRate, ::testing::Values(44100.0, 48000.0, 96000.0));

TEST(Delay, TempoChangeRetimesSyncedDelay) {
  NativePlugin p(wsp_native_plugin_delay(), 48000.0);
  p.setParam(kSync, 1.0);
  p.setParam(kDivisionL, kDiv8th);
  setOpenWet(p, 10.0);
  // 120 BPM at first; a transport event sets 100 BPM, after the glide 1/8 = 0.3 s.
  sendTempo(p, 100.0);
  p.render({std::vector<float>(48000, 0.0f)});  // let the glide arrive
  const auto out = p.renderMono(impulse(20000));
  EXPECT_EQ(argPeak(out[0]), 14400u);
}

TEST(Delay, RepeatsDecayByFeedbackFactor) {
  const double sr = 48000.0;
  for (double feedback : {30.0, 50.0, 80.0}) {
    NativePlugin p(wsp_native_plugin_delay(), sr);
    setOpenWet(p, 200.0, feedback);
    // 1 kHz burst, 20 ms (20 whole periods) at -12 dBFS: below the limiter's knee.
    std::vector<float> input(size_t(1.2 * sr), 0.0f);
    const auto burst = sine(1000.0, sr, 960, 0.25);
    std::copy(burst.begin(), burst.end(), input.begin());
    const auto out = p.renderMono(input);
    const double expectedDb = 20.0 * std::log10(feedback / 100.0);
    double previous = 0.0;
    for (int k = 1; k <= 4; ++k) {
      // The middle 16 periods of echo k, away from the filters' edge transients.
      const size_t start = size_t(k) * 9600 + 96;
      const double a = toneAmplitude(std::span<const float>(out[0]).subspan(start, 768), 1000.0, sr);
      if (k == 1) {
        EXPECT_NEAR(toDb(a), toDb(0.25), 0.1);  // the first echo is the input, unscaled
      } else {
        EXPECT_NEAR(toDb(a) - toDb(previous), expectedDb, 0.1) << "feedback " << feedback << " repeat " << k;
      }
      previous = a;
    }
  }
}

TEST(Delay, FiltersDarkenEachRepeat) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_delay(), sr);
  setOpenWet(p, 100.0, 90.0);
  p.setParam(kHighCut, 2000.0);
  p.reset();
  // 6 kHz, an octave and a half above the 12 dB/oct high cut: each pass loses ~19 dB there.
  std::vector<float> input(size_t(0.5 * sr), 0.0f);
  const auto burst = sine(6000.0, sr, 960, 0.25);
  std::copy(burst.begin(), burst.end(), input.begin());
  const auto out = p.renderMono(input);
  const auto window = [&](int k) {
    return toneAmplitude(std::span<const float>(out[0]).subspan(size_t(k) * 4800 + 96, 768), 6000.0, sr);
  };
  // Analytic 2-pole Butterworth (bilinear) at 6 kHz with fc 2 kHz, times the feedback.
  const double g = std::tan(M_PI * 2000.0 / sr), w = std::tan(M_PI * 6000.0 / sr) / g;
  const double lpDb = -10.0 * std::log10(1.0 + std::pow(w, 4.0));
  EXPECT_NEAR(toDb(window(2)) - toDb(window(1)), lpDb + toDb(0.9), 0.3);
}

TEST(Delay, PingPongAlternatesChannels) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_delay(), sr);
  p.setParam(kMode, 1.0);
  setOpenWet(p, 100.0, 50.0);
  // A 1 kHz burst (20 ms) in both inputs. The mono sum (L+R)/2 enters the left line: echoes at
  // L 100 ms, R 200 ms, L 300 ms, R 400 ms, each 6.02 dB below the one before.
  std::vector<float> input(size_t(0.5 * sr), 0.0f);
  const auto burst = sine(1000.0, sr, 960, 0.25);
  std::copy(burst.begin(), burst.end(), input.begin());
  const auto out = p.renderMono(input);
  const size_t t = 4800;
  auto amplitude = [&](int c, size_t k) {
    return toneAmplitude(std::span<const float>(out[c]).subspan(k * t + 96, 768), 1000.0, sr);
  };
  for (size_t k = 1; k <= 4; ++k) {
    const int hot = k % 2 == 1 ? 0 : 1;
    const double expected = 0.25 * std::pow(0.5, double(k - 1));
    EXPECT_NEAR(toDb(amplitude(hot, k)), toDb(expected), 0.1) << "echo " << k;
    EXPECT_LT(amplitude(1 - hot, k), 1e-4 * expected) << "echo " << k;
  }
}

TEST(Delay, TimeChangeGlidesWithoutClicks) {
  const double sr = 48000.0;
  const auto tone = sine(220.0, sr, size_t(1.5 * sr), 0.5);
  auto render = [&](double newTime) {
    NativePlugin p(wsp_native_plugin_delay(), sr);
    setOpenWet(p, 300.0);
    const wsp_event change = paramEvent(uint32_t(0.5 * sr) + 37, kTimeL, newTime);
    const auto out = p.render({tone, tone}, std::span<const wsp_event>(&change, 1));
    return std::vector<float>(out[0].begin() + size_t(0.45 * sr), out[0].end());
  };
  const double still = maxSecondDifference(render(300.0));
  // 300 -> 330 ms: the read position glides (a brief pitch bend of a few %), no step.
  const double moved = maxSecondDifference(render(330.0));
  // Static curvature of a 220 Hz sine at 0.5: 0.5 (2 pi 220 / 48000)^2 = 4.1e-4. A jump of the
  // read position would give a spike up to 2 (the full peak-to-peak).
  EXPECT_NEAR(still, 0.5 * std::pow(2.0 * M_PI * 220.0 / sr, 2.0), 2e-5);
  // A glide is a brief pitch bend (the read position moves at most ~0.32 x the change in
  // samples per 1000 samples): curvature scales with the square of the playback speed.
  EXPECT_LT(moved, 1.2 * still);
  EXPECT_LT(maxSecondDifference(render(270.0)), 2.0 * still);
  // Doubling the time: a tape-like swoop, still a smooth curve far below a click's spike.
  EXPECT_LT(maxSecondDifference(render(600.0)), 10.0 * still);
}

TEST(Delay, OverUnityFeedbackSelfOscillatesBounded) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_delay(), sr);
  setOpenWet(p, 50.0, 110.0);
  EXPECT_EQ(p.tail(), UINT32_MAX);
  std::vector<float> input(size_t(10.0 * sr), 0.0f);
  const auto burst = sine(440.0, sr, 480, 0.1);
  std::copy(burst.begin(), burst.end(), input.begin());
  const auto out = p.renderMono(input);
  const auto last = std::span<const float>(out[0]).last(size_t(sr));
  EXPECT_LT(peak(out[0]), 1.5);   // the limiter holds it
  EXPECT_GT(rms(last), 0.1);      // and it keeps going: self-oscillation
  EXPECT_TRUE(allFiniteNormal(out[0]));
}

TEST(Delay, TailCoversTheRepeats) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_delay(), sr);
  setOpenWet(p, 100.0, 50.0);
  const uint32_t tail = p.tail();
  // -90 dB at 0.5 per repeat: 15 repeats of 100 ms, plus 0.2 s of filter ring.
  EXPECT_EQ(tail, uint32_t(16 * 4800 + 9600));
  const auto out = p.renderMono(impulse(tail + 4800));
  const double first = peak(std::span<const float>(out[0]).first(4900));
  EXPECT_LT(peak(std::span<const float>(out[0]).subspan(tail)), first * std::pow(10.0, -90.0 / 20.0));
  p.setParam(kFeedback, 0.0);
  EXPECT_EQ(p.tail(), uint32_t(4800 + 9600));
}

TEST(Delay, FiniteAndNormalAtExtremes) {
  const double sr = 48000.0;
  const auto noise = whiteNoise(7, size_t(2.0 * sr), 4.0);  // +12 dBFS
  struct Setting {
    uint32_t id;
    double lo, hi;
  };
  const Setting extremes[] = {{kTimeL, 1.0, 5000.0}, {kFeedback, 0.0, 110.0}, {kLowCut, 20.0, 2000.0},
                              {kHighCut, 500.0, 20000.0}, {kWowDepth, 0.0, 100.0}, {kWowRate, 0.1, 5.0},
                              {kMode, 0.0, 1.0}};
  for (int corner = 0; corner < 8; ++corner) {
    NativePlugin p(wsp_native_plugin_delay(), sr);
    p.setParam(kMix, 100.0);
    for (size_t i = 0; i < std::size(extremes); ++i)
      p.setParam(extremes[i].id, ((corner >> (i % 3)) & 1) ? extremes[i].hi : extremes[i].lo);
    const auto out = p.render({noise, noise});
    for (int c = 0; c < 2; ++c) {
      EXPECT_TRUE(allFiniteNormal(out[c])) << "corner " << corner;
      EXPECT_LT(peak(out[c]), 12.0) << "corner " << corner;
    }
  }
}

TEST(Delay, StateRoundTripGivesIdenticalOutput) {
  const double sr = 48000.0;
  NativePlugin a(wsp_native_plugin_delay(), sr);
  a.setParam(kTimeL, 210.0);
  a.setParam(kTimeR, 333.0);
  a.setParam(kLink, 0.0);
  a.setParam(kFeedback, 70.0);
  a.setParam(kMode, 1.0);
  a.setParam(kHighCut, 3000.0);
  a.setParam(kWowDepth, 40.0);
  a.reset();
  NativePlugin b(wsp_native_plugin_delay(), sr);
  ASSERT_EQ(b.loadState(a.saveState()), WSP_OK);
  // Loaded state sounds like the original at once: no reset needed, no glide from the defaults.
  const auto noise = whiteNoise(3, 48000, 0.5);
  const auto oa = a.render({noise, whiteNoise(4, 48000, 0.5)});
  const auto ob = b.render({noise, whiteNoise(4, 48000, 0.5)});
  EXPECT_EQ(oa, ob);
}

// Steady delay times take the block path (echoes read a chunk at a time), single frames and
// short delays the per-sample path: both interpolate and filter identically, so the output
// does not depend on the host's block size. Stereo and ping-pong, a fractional delay time
// (9.99 ms = 479.52 samples), 1-frame delays below a chunk, and a time change mid-way (a
// glide: per sample) included.
TEST(Delay, OutputIsIndependentOfBlockSize) {
  const double sr = 48000.0;
  for (double mode : {0.0, 1.0}) {
    for (double ms : {9.99, 1.0}) {
      auto render = [&](uint32_t blockSize) {
        NativePlugin p(wsp_native_plugin_delay(), sr, 512);
        p.setParam(kTimeL, ms);
        p.setParam(kTimeR, 2.0 * ms);
        p.setParam(kLink, 0.0);
        p.setParam(kMode, mode);
        p.setParam(kFeedback, 80.0);
        p.reset();
        const std::vector<wsp_event> events = {paramEvent(30000, kTimeL, 3.0 * ms)};
        return p.render({whiteNoise(5, 60000, 0.5), whiteNoise(6, 60000, 0.5)}, events, blockSize);
      };
      const auto reference = render(1);
      EXPECT_EQ(render(512), reference) << mode << " " << ms;
      EXPECT_EQ(render(67), reference) << mode << " " << ms;
    }
  }
}

TEST(Delay, ReportedLatencyMatchesMeasured) {
  NativePlugin p(wsp_native_plugin_delay(), 48000.0);
  const auto out = p.renderMono(impulse(48000));
  EXPECT_EQ(p.latency(), 0u);
  EXPECT_EQ(firstAbove(out[0], 1e-3f), size_t(p.latency()));
  EXPECT_EQ(argPeak(out[0]), size_t(p.latency()));  // the dry path, undelayed
}

}  // namespace

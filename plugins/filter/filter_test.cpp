// Filter: analytic responses (LP 12 -3 dB at the cutoff, 24 dB/oct slopes against the bilinear
// Butterworth), LFO rate (free and tempo-synced) measured from the level of a tone near the
// cutoff, stability at maximum resonance, ABI hygiene (finite/denormal-free outputs at extremes,
// zero latency, state round trip).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "filter_params.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_filter(void);

namespace {

using namespace wstudio::testsupport;

using namespace wsp_filter;  // parameter ids
enum : uint32_t { kLp12, kLp24, kHp12, kHp24, kBp12, kBp24, kNotch12, kNotch24, kPeak12, kPeak24 };
constexpr uint32_t kSyncQuarter = 3, kSyncEighth = 4;
constexpr uint32_t kShapeSquare = 4;

// Gain (dB) of a steady sine through the plugin, measured over the second half of 1 s.
double gainDb(NativePlugin& p, double hz) {
  const double sr = p.sampleRate();
  p.reset();
  const size_t n = size_t(sr);
  const auto in = sine(hz, sr, n, 0.25);
  const auto out = p.renderMono(in)[0];
  const std::vector<float> settled(out.begin() + long(n / 2), out.end());
  return toDb(toneAmplitude(settled, hz, sr) / 0.25);
}

// Magnitude (dB) of the bilinear transform of a 4th-order Butterworth lowpass (or highpass) with
// prewarped cutoff fc, at f: 1 / sqrt(1 + W^8) with W = tan(pi f / fs) / tan(pi fc / fs).
double butterworth4Db(double f, double fc, double sr, bool highpass) {
  double w = std::tan(std::numbers::pi * f / sr) / std::tan(std::numbers::pi * fc / sr);
  if (highpass) w = 1.0 / w;
  return -10.0 * std::log10(1.0 + std::pow(w, 8.0));
}

// Period (s) of the level of `x`, a tone whose period is `window` samples: the RMS of each tone
// period forms an envelope whose autocorrelation peaks at the modulation period (searched in
// [minSeconds, maxSeconds], refined by parabolic interpolation).
double levelPeriodSeconds(const std::vector<float>& x, size_t window, double sr, double minSeconds,
                          double maxSeconds) {
  std::vector<double> level;
  for (size_t start = 0; start + window <= x.size(); start += window)
    level.push_back(rms(std::span<const float>(x.data() + start, window)));
  double mean = 0.0;
  for (double v : level) mean += v;
  mean /= double(level.size());
  for (double& v : level) v -= mean;
  auto correlation = [&](size_t lag) {
    double sum = 0.0;
    for (size_t i = 0; i + lag < level.size(); ++i) sum += level[i] * level[i + lag];
    return sum / double(level.size() - lag);
  };
  const double perWindow = double(window) / sr;
  const size_t lo = size_t(minSeconds / perWindow), hi = size_t(maxSeconds / perWindow);
  size_t best = lo;
  for (size_t lag = lo; lag <= hi; ++lag)
    if (correlation(lag) > correlation(best)) best = lag;
  const double a = correlation(best - 1), b = correlation(best), c = correlation(best + 1);
  const double offset = 0.5 * (a - c) / (a - 2.0 * b + c);
  return (double(best) + offset) * perWindow;
}

class FilterRates : public ::testing::TestWithParam<double> {};

TEST_P(FilterRates, Lp12AtCutoffIsMinusThreeDecibels) {
  NativePlugin p(wsp_native_plugin_filter(), GetParam());
  p.setParam(kMode, kLp12);
  p.setParam(kCutoff, 1000.0);
  p.setParam(kResonance, std::sqrt(0.5));
  EXPECT_NEAR(gainDb(p, 1000.0), -3.0103, 0.2);
  // And flat well below the cutoff.
  EXPECT_NEAR(gainDb(p, 50.0), 0.0, 0.05);
}

TEST_P(FilterRates, TwentyFourDbSlopesMatchTheButterworth) {
  const double sr = GetParam();
  NativePlugin p(wsp_native_plugin_filter(), sr);
  p.setParam(kMode, kLp24);
  p.setParam(kCutoff, 1000.0);
  p.setParam(kResonance, std::sqrt(0.5));
  // -3 dB at the cutoff, about -48 dB two octaves above.
  EXPECT_NEAR(gainDb(p, 1000.0), -3.0103, 0.2);
  EXPECT_NEAR(gainDb(p, 4000.0), butterworth4Db(4000.0, 1000.0, sr, false), 1.5);
  EXPECT_NEAR(gainDb(p, 8000.0), butterworth4Db(8000.0, 1000.0, sr, false), 1.5);
  // The slope between 4 and 8 kHz: 24 dB per octave in the analog prototype, steeper here as the
  // bilinear transform squeezes the octave towards Nyquist (27 dB at 48 kHz).
  EXPECT_NEAR(gainDb(p, 4000.0) - gainDb(p, 8000.0),
              butterworth4Db(4000.0, 1000.0, sr, false) - butterworth4Db(8000.0, 1000.0, sr, false),
              0.3);
  p.setParam(kMode, kHp24);
  EXPECT_NEAR(gainDb(p, 1000.0), -3.0103, 0.2);
  EXPECT_NEAR(gainDb(p, 250.0), butterworth4Db(250.0, 1000.0, sr, true), 1.5);
}

TEST_P(FilterRates, OtherModesHaveTheirAnalyticValuesAtTheCutoff) {
  NativePlugin p(wsp_native_plugin_filter(), GetParam());
  p.setParam(kCutoff, 2000.0);
  p.setParam(kResonance, 4.0);
  p.setParam(kMode, kHp12);
  EXPECT_NEAR(gainDb(p, 2000.0), 20.0 * std::log10(4.0), 0.2);  // |H(j)| = Q
  p.setParam(kMode, kBp12);
  EXPECT_NEAR(gainDb(p, 2000.0), 0.0, 0.2);  // constant 0 dB peak
  p.setParam(kMode, kBp24);
  EXPECT_NEAR(gainDb(p, 2000.0), 0.0, 0.2);
  p.setParam(kMode, kPeak12);
  EXPECT_NEAR(gainDb(p, 2000.0), 20.0 * std::log10(8.0), 0.2);  // 2Q
  p.setParam(kMode, kPeak24);
  EXPECT_NEAR(gainDb(p, 2000.0), 20.0 * std::log10(8.0), 0.2);
  p.setParam(kMode, kNotch12);
  EXPECT_LT(gainDb(p, 2000.0), -40.0);
  EXPECT_NEAR(gainDb(p, 200.0), 0.0, 0.1);
}

TEST_P(FilterRates, ReportsZeroLatencyAndHasNone) {
  NativePlugin p(wsp_native_plugin_filter(), GetParam());
  // A 20 Hz highpass is an impulse followed by a small slow negative tail: no delay, no
  // lookahead.
  p.setParam(kMode, kHp12);
  p.setParam(kCutoff, 20.0);
  p.reset();
  EXPECT_EQ(p.latency(), 0u);
  const auto out = p.renderMono(impulse(256, 0, 1.0f))[0];
  EXPECT_EQ(argPeak(out), size_t(p.latency()));
}

INSTANTIATE_TEST_SUITE_P(Filter, FilterRates, ::testing::Values(44100.0, 48000.0, 96000.0));

TEST(Filter, LfoMovesTheCutoffAtTheSetRate) {
  const double sr = 48000.0;
  for (double rate : {2.0, 5.0}) {
    NativePlugin p(wsp_native_plugin_filter(), sr);
    p.setParam(kMode, kLp24);
    p.setParam(kCutoff, 1000.0);
    p.setParam(kLfoRate, rate);
    p.setParam(kLfoDepth, 1.0);
    p.reset();
    const auto out = p.renderMono(sine(1000.0, sr, size_t(4 * sr), 0.25))[0];
    // The level swings by ~20 dB (cutoff 500 Hz .. 2 kHz).
    const double period = levelPeriodSeconds(out, 48, sr, 0.6 / rate, 1.4 / rate);
    EXPECT_NEAR(period, 1.0 / rate, 0.01 / rate) << rate;
  }
}

TEST(Filter, SyncedLfoFollowsTheTransportTempo) {
  const double sr = 48000.0;
  for (auto [sync, expected] : {std::pair{kSyncQuarter, 0.5}, std::pair{kSyncEighth, 0.25}}) {
    NativePlugin p(wsp_native_plugin_filter(), sr);
    p.setParam(kMode, kLp24);
    p.setParam(kCutoff, 1000.0);
    p.setParam(kLfoRate, 3.0);  // ignored while synced
    p.setParam(kLfoSync, sync);
    p.setParam(kLfoDepth, 1.0);
    p.reset();
    const auto in = sine(1000.0, sr, size_t(4 * sr), 0.25);
    const wsp_event events[] = {transportEvent(0, 120.0, 0.0, true)};
    const auto out = p.render({in, in}, events)[0];
    EXPECT_NEAR(levelPeriodSeconds(out, 48, sr, 0.6 * expected, 1.4 * expected), expected,
                0.01 * expected);
  }
}

TEST(Filter, SyncedLfoLocksItsPhaseToTheSongPosition) {
  // Two renders whose transports say the same song position at different frames give the same
  // LFO phase from there on.
  const double sr = 48000.0;
  auto render = [&](uint32_t frame, double beats) {
    NativePlugin p(wsp_native_plugin_filter(), sr);
    p.setParam(kLfoSync, kSyncQuarter);
    p.setParam(kLfoDepth, 2.0);
    p.reset();
    const auto in = sine(1000.0, sr, 48000, 0.25);
    const wsp_event events[] = {transportEvent(frame, 120.0, beats, true)};
    return p.render({in, in}, events)[0];
  };
  const auto a = render(0, 0.0);
  const auto b = render(12000, 0.5);  // 12000 frames = 0.25 s = 0.5 beat at 120 BPM
  // The 200 Hz LFO smoother settles within ~10 ms; compare after that.
  for (size_t n = 12000 + 1000; n < 48000; ++n) ASSERT_NEAR(a[n], b[n], 1e-3f) << n;
}

TEST(Filter, StableAtMaximumResonanceWithHotNoiseAndFastModulation) {
  const double sr = 48000.0;
  std::vector<float> in = whiteNoise(9, 48000, 3.98);  // +12 dBFS
  in.resize(in.size() + 96000, 0.0f);                    // ring-out must decay cleanly
  for (uint32_t mode = kLp12; mode <= kPeak24; ++mode) {
    for (uint32_t shape : {0u, kShapeSquare, 5u}) {
      NativePlugin p(wsp_native_plugin_filter(), sr);
      p.setParam(kMode, mode);
      p.setParam(kResonance, 25.0);
      p.setParam(kCutoff, 2000.0);
      p.setParam(kLfoDepth, 4.0);
      p.setParam(kLfoRate, 20.0);
      p.setParam(kLfoShape, shape);
      p.setParam(kEnvAmount, 4.0);
      p.setParam(kDrive, 24.0);
      p.reset();
      const auto out = p.renderMono(in);
      ASSERT_TRUE(allFiniteNormal(out[0]) && allFiniteNormal(out[1])) << mode << " " << shape;
      // Bounded: the drive limits the input to +-1 and the largest gain is the Peak's 2Q = 50.
      EXPECT_LT(peak(out[0]), 2.0 * 50.0) << mode << " " << shape;
      // And silent again after the ring-out.
      EXPECT_LT(peak(std::span<const float>(out[0]).subspan(out[0].size() - 4800)), 1e-4);
    }
  }
}

TEST(Filter, FiniteAndDenormalFreeAtParameterExtremes) {
  const double sr = 44100.0;
  std::vector<float> in = whiteNoise(4, 22050, 3.98);
  in.resize(in.size() + 44100, 0.0f);
  for (uint32_t mode = kLp12; mode <= kPeak24; ++mode) {
    for (double cutoff : {20.0, 20000.0}) {
      for (double q : {0.5, 25.0}) {
        for (double env : {-4.0, 4.0}) {
          NativePlugin p(wsp_native_plugin_filter(), sr, 64);
          p.setParam(kMode, mode);
          p.setParam(kCutoff, cutoff);
          p.setParam(kResonance, q);
          p.setParam(kEnvAmount, env);
          p.setParam(kLfoDepth, 4.0);
          p.setParam(kLfoRate, 0.01);
          p.setParam(kEnvAttack, 0.1);
          p.setParam(kEnvRelease, 5000.0);
          p.setParam(kOutput, 24.0);
          const auto out = p.renderMono(in, 64);
          ASSERT_TRUE(allFiniteNormal(out[0]) && allFiniteNormal(out[1]))
              << mode << " " << cutoff << " " << q << " " << env;
        }
      }
    }
  }
}

TEST(Filter, CutoffSweepAtHighResonanceIsClickFree) {
  // A full-range cutoff jump glides (20 ms) and moves the coefficients every sample: the output
  // of a quiet tone through a Q = 10 lowpass has no step, i.e. its second difference stays at
  // the size of the resonant signal's own (bounded by (2 pi f / fs)^2 times its amplitude).
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_filter(), sr);
  p.setParam(kMode, kLp24);
  p.setParam(kResonance, 10.0);
  p.setParam(kCutoff, 20.0);
  p.reset();
  const auto in = sine(100.0, sr, 48000, 0.1);
  const wsp_event events[] = {paramEvent(12000, kCutoff, 20000.0), paramEvent(30000, kCutoff, 20.0)};
  const auto out = p.render({in, in}, events)[0];
  ASSERT_TRUE(allFiniteNormal(out));
  // The output never exceeds the resonant peak gain (2 x 1.85 x Q ~ 37) times the input.
  EXPECT_LT(peak(out), 0.1 * 37.0);
}

TEST(Filter, EnvelopeFollowerOpensTheCutoff) {
  // +2 octaves per unit level: a 0.5-peak tone (after the 5 ms attack) raises a 500 Hz cutoff by
  // 1 octave to 1 kHz, where the LP 12 passes the 1 kHz tone at -3 dB... up to the follower's
  // ripple on a sine (peak detector with 150 ms release).
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_filter(), sr);
  p.setParam(kMode, kLp12);
  p.setParam(kCutoff, 500.0);
  p.setParam(kEnvAmount, 2.0);
  p.reset();
  const auto out = p.renderMono(sine(1000.0, sr, 48000, 0.5))[0];
  const std::vector<float> settled(out.begin() + 24000, out.end());
  const double db = toDb(toneAmplitude(settled, 1000.0, sr) / 0.5);
  EXPECT_NEAR(db, -3.0, 1.0);
  // Without the follower the same tone is an octave above the cutoff: -12.3 dB.
  p.setParam(kEnvAmount, 0.0);
  EXPECT_NEAR(gainDb(p, 1000.0), -12.3, 0.5);
}

TEST(Filter, MixZeroIsDryAndOutputGainScales) {
  const double sr = 48000.0;
  NativePlugin p(wsp_native_plugin_filter(), sr);
  p.setParam(kMix, 0.0);
  p.setParam(kMode, kHp24);
  p.setParam(kCutoff, 5000.0);
  p.reset();
  const auto in = whiteNoise(2, 4096, 0.5);
  EXPECT_EQ(p.renderMono(in)[0], in);
  p.setParam(kMix, 100.0);
  p.setParam(kMode, kLp12);
  p.setParam(kCutoff, 20000.0);
  p.setParam(kOutput, -12.0);
  EXPECT_NEAR(gainDb(p, 100.0), -12.0, 0.05);
}

TEST(Filter, StateRoundTripGivesIdenticalOutput) {
  const double sr = 48000.0;
  NativePlugin a(wsp_native_plugin_filter(), sr);
  a.setParam(kMode, kBp24);
  a.setParam(kCutoff, 700.0);
  a.setParam(kResonance, 3.0);
  a.setParam(kDrive, 6.0);
  a.setParam(kLfoRate, 3.3);
  a.setParam(kLfoDepth, 1.5);
  a.setParam(kLfoShape, 1.0);
  a.setParam(kEnvAmount, -1.0);
  a.setParam(kMix, 80.0);
  const auto state = a.saveState();
  NativePlugin b(wsp_native_plugin_filter(), sr);
  ASSERT_EQ(b.loadState(state), WSP_OK);
  a.reset();
  const auto in = whiteNoise(11, 20000, 0.7);
  EXPECT_EQ(a.renderMono(in), b.renderMono(in));
}

TEST(Filter, DeterministicAcrossBlockSizes) {
  const double sr = 48000.0;
  const auto in = whiteNoise(5, 6000, 0.8);
  auto make = [&](NativePlugin& p) {
    p.setParam(kLfoDepth, 2.0);
    p.setParam(kLfoShape, 5.0);
    p.setParam(kLfoRate, 15.0);
    p.reset();
  };
  NativePlugin a(wsp_native_plugin_filter(), sr, 4096);
  NativePlugin b(wsp_native_plugin_filter(), sr, 4096);
  make(a);
  make(b);
  const auto x = a.renderMono(in, 4096)[0];
  const auto y = b.renderMono(in, 1)[0];
  ASSERT_EQ(x.size(), y.size());
  for (size_t n = 0; n < x.size(); ++n) ASSERT_NEAR(x[n], y[n], 1e-5f) << n;
}

}  // namespace

// The sound of corpus plugins, measured on the native build of the very source the WebAssembly
// modules are compiled from (build/wasm/forge/corpus/src/<id>.cpp), at the plan's defaults,
// i.e. at what the prompt asked for.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <wsp/dsp/biquad.hpp>
#include <wstudio/testsupport/analysis.hpp>
#include <wstudio/testsupport/native_plugin.hpp>
#include <wstudio/testsupport/signals.hpp>

#define FORGE_PLUGIN(id) extern "C" const wsp_plugin_api* wsp_native_plugin_forge_##id(void);
FORGE_PLUGIN(highpass_500)
FORGE_PLUGIN(lowpass_2k)
FORGE_PLUGIN(gain_minus_12)
FORGE_PLUGIN(delay_300ms)
FORGE_PLUGIN(eighth_note_delay)
FORGE_PLUGIN(pingpong_synced_ducking)
FORGE_PLUGIN(tremolo_5hz)
FORGE_PLUGIN(compressor_4_1)
FORGE_PLUGIN(limiter_ceiling)
FORGE_PLUGIN(bitcrusher_8bit)
FORGE_PLUGIN(ring_mod)
FORGE_PLUGIN(stereo_widener)
FORGE_PLUGIN(notch_hum)
FORGE_PLUGIN(tape_saturator_hp)
FORGE_PLUGIN(synth_bass)

namespace {

using namespace wstudio::testsupport;

constexpr double kRate = 48000.0;

// Output level relative to input level of a steady sine, after the filters have settled.
double sineGainDb(const wsp_plugin_api* api, double hz, double amplitude = 0.25) {
  NativePlugin plugin(api, kRate);
  const auto in = sine(hz, kRate, size_t(kRate), amplitude);
  const auto out = plugin.renderMono(in);
  const size_t from = size_t(0.5 * kRate);
  const std::span<const float> settledOut(out[0].data() + from, out[0].size() - from);
  const std::span<const float> settledIn(in.data() + from, in.size() - from);
  return toDb(toneAmplitude(settledOut, hz, kRate) / toneAmplitude(settledIn, hz, kRate));
}

TEST(ForgeCorpusAudio, HighPassAt500HzAttenuates100HzAsDesigned) {
  // A 2nd-order Butterworth (Q 0.7071), bilinear with the cutoff prewarped, like the RBJ design.
  const auto design = wsp::dsp::BiquadCoefficients::highpass(kRate, 500.0, 0.7071);
  EXPECT_NEAR(design.magnitudeDb(100.0, kRate), -27.96, 0.05);  // (f/fc)^2 / sqrt(1 + (f/fc)^4)
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_highpass_500(), 100.0), design.magnitudeDb(100.0, kRate), 0.1);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_highpass_500(), 500.0), -3.01, 0.05);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_highpass_500(), 5000.0), 0.0, 0.05);
}

TEST(ForgeCorpusAudio, LowPassAt2kHzHasItsCutoffThere) {
  const auto design = wsp::dsp::BiquadCoefficients::lowpass(kRate, 2000.0, 0.7071);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_lowpass_2k(), 2000.0), -3.01, 0.05);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_lowpass_2k(), 8000.0), design.magnitudeDb(8000.0, kRate), 0.1);
  EXPECT_LT(sineGainDb(wsp_native_plugin_forge_lowpass_2k(), 8000.0), -24.0);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_lowpass_2k(), 200.0), 0.0, 0.05);
}

TEST(ForgeCorpusAudio, NotchRemovesHum) {
  EXPECT_LT(sineGainDb(wsp_native_plugin_forge_notch_hum(), 60.0), -40.0);
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_notch_hum(), 1000.0), 0.0, 0.1);
}

TEST(ForgeCorpusAudio, GainOfMinus12dB) {
  EXPECT_NEAR(sineGainDb(wsp_native_plugin_forge_gain_minus_12(), 440.0), -12.0, 0.01);
}

// The frame an echo arrives: the first sample after `from` above -80 dBFS (the echo path's tone
// filter spreads the echo after that sample, never before it).
size_t echoAt(const std::vector<float>& out, size_t from) {
  return from + firstAbove(std::span<const float>(out.data() + from, out.size() - from), 1e-4f);
}

// The area of the echo starting at `at` (the tone filter has unity gain at DC, so the area is
// the echo's gain whatever the filter's shape).
double echoArea(const std::vector<float>& out, size_t at) {
  double sum = 0.0;
  for (size_t k = at; k < at + 2000; ++k) sum += out[k];
  return sum;
}

TEST(ForgeCorpusAudio, DelayEchoComesAt300ms) {
  NativePlugin delay(wsp_native_plugin_forge_delay_300ms(), kRate);
  const auto out = delay.renderMono(impulse(size_t(kRate)));
  const size_t first = echoAt(out[0], 10);
  EXPECT_EQ(first, size_t(0.3 * kRate));
  // The second echo 300 ms later, 40 % (the asked feedback) of the first.
  const size_t second = echoAt(out[0], first + 2000);
  EXPECT_EQ(second, size_t(0.6 * kRate));
  EXPECT_NEAR(echoArea(out[0], first), 0.35, 1e-3);  // the default 35 % mix
  EXPECT_NEAR(echoArea(out[0], second) / echoArea(out[0], first), 0.4, 1e-3);
}

TEST(ForgeCorpusAudio, SyncedDelayFollowsTheTempo) {
  for (double bpm : {120.0, 100.0}) {
    NativePlugin delay(wsp_native_plugin_forge_eighth_note_delay(), kRate);
    const std::vector<wsp_event> events{transportEvent(0, bpm, 0.0, true)};
    const auto out = delay.render({impulse(size_t(kRate)), impulse(size_t(kRate))}, events);
    // An eighth note is half a beat: 60 / bpm / 2 seconds.
    EXPECT_EQ(echoAt(out[0], 10), size_t(std::lround(30.0 / bpm * kRate))) << bpm;
  }
}

TEST(ForgeCorpusAudio, PingPongEchoesAlternate) {
  NativePlugin delay(wsp_native_plugin_forge_pingpong_synced_ducking(), kRate);
  const std::vector<wsp_event> events{transportEvent(0, 120.0, 0.0, true)};
  const auto out = delay.render({impulse(size_t(kRate)), impulse(size_t(kRate))}, events);
  const size_t eighth = size_t(0.25 * kRate);
  EXPECT_EQ(echoAt(out[0], 10), eighth);       // first echo on the left
  EXPECT_EQ(echoAt(out[1], 10), 2 * eighth);   // the next on the right
  EXPECT_EQ(echoAt(out[0], eighth + 2000), 3 * eighth);  // and the left again
  EXPECT_LT(std::fabs(out[1][eighth]), 1e-6f);
}

TEST(ForgeCorpusAudio, TremoloAt5HzAnd80PercentDepth) {
  NativePlugin trem(wsp_native_plugin_forge_tremolo_5hz(), kRate);
  const auto out = trem.renderMono(std::vector<float>(size_t(2 * kRate), 0.5f));
  // The gain is 1 - 0.8 (1 - sin) / 2: between 0.2 and 1, a component of 0.4 at 5 Hz.
  EXPECT_NEAR(toneAmplitude(out[0], 5.0, kRate) / 0.5, 0.4, 0.002);
  EXPECT_NEAR(peak(out[0]) / 0.5, 1.0, 1e-3);
  EXPECT_NEAR(*std::min_element(out[0].begin(), out[0].end()) / 0.5, 0.2, 1e-3);
  EXPECT_LT(toneAmplitude(out[0], 4.0, kRate), 0.01);
  EXPECT_LT(toneAmplitude(out[0], 6.0, kRate), 0.01);
}

TEST(ForgeCorpusAudio, CompressorRatio4To1AboveMinus30dB) {
  // Steady sines above the threshold: every 4 dB more in gives 1 dB more out.
  std::vector<double> outDb;
  for (double inDb : {-18.0, -10.0}) {
    NativePlugin comp(wsp_native_plugin_forge_compressor_4_1(), kRate);
    const double amplitude = std::sqrt(2.0) * std::pow(10.0, inDb / 20.0);  // RMS = inDb
    const auto out = comp.renderMono(sine(1000.0, kRate, size_t(kRate), amplitude));
    const std::span<const float> settled(out[0].data() + size_t(0.5 * kRate), size_t(0.5 * kRate));
    outDb.push_back(toDb(rms(settled)));
    EXPECT_NEAR(outDb.back(), -30.0 + (inDb + 30.0) / 4.0, 0.3) << inDb;
  }
  EXPECT_NEAR((outDb[1] - outDb[0]), 8.0 / 4.0, 0.1);
}

TEST(ForgeCorpusAudio, LimiterHoldsItsCeiling) {
  NativePlugin limiter(wsp_native_plugin_forge_limiter_ceiling(), kRate);
  const auto out = limiter.renderMono(sine(200.0, kRate, size_t(kRate), 1.0));
  const double ceiling = std::pow(10.0, -3.0 / 20.0);
  EXPECT_LE(peak(out[0]), ceiling + 1e-6);
  EXPECT_GT(peak(out[0]), ceiling - 0.01);
}

TEST(ForgeCorpusAudio, BitcrusherHas8BitResolution) {
  NativePlugin crusher(wsp_native_plugin_forge_bitcrusher_8bit(), kRate);
  const auto out = crusher.renderMono(sine(440.0, kRate, 4800, 0.9));
  std::set<float> levels(out[0].begin(), out[0].end());
  for (float v : levels) EXPECT_EQ(v * 128.0f, std::round(v * 128.0f)) << v;  // steps of 2^-7
  EXPECT_GT(levels.size(), 200u);  // and it uses them: nearly all 231 steps within +-0.9
  EXPECT_LE(levels.size(), 256u);
}

TEST(ForgeCorpusAudio, RingModulatorAt300HzMovesATone) {
  NativePlugin ring(wsp_native_plugin_forge_ring_mod(), kRate);
  const auto out = ring.renderMono(sine(1000.0, kRate, size_t(kRate), 0.5));
  // sin(a) sin(b) = (cos(a - b) - cos(a + b)) / 2: 700 and 1300 Hz, nothing left at 1000 Hz.
  EXPECT_NEAR(toneAmplitude(out[0], 700.0, kRate), 0.25, 0.005);
  EXPECT_NEAR(toneAmplitude(out[0], 1300.0, kRate), 0.25, 0.005);
  EXPECT_LT(toneAmplitude(out[0], 1000.0, kRate), 0.002);
}

TEST(ForgeCorpusAudio, WidenerAt160Percent) {
  NativePlugin widener(wsp_native_plugin_forge_stereo_widener(), kRate);
  const auto in = sine(440.0, kRate, 4800, 0.5);
  const auto out = widener.render({in, std::vector<float>(in.size(), 0.0f)});
  // Left only: mid = side = x / 2; side x 1.6 gives L = 1.3 x and R = -0.3 x.
  for (size_t n = 0; n < in.size(); n += 97) {
    EXPECT_NEAR(out[0][n], 1.3f * in[n], 1e-5);
    EXPECT_NEAR(out[1][n], -0.3f * in[n], 1e-5);
  }
}

TEST(ForgeCorpusAudio, TapeSaturatorAddsHarmonicsAndCutsLows) {
  // 1 kHz through the saturator: odd harmonics appear (tanh is symmetric).
  NativePlugin sat(wsp_native_plugin_forge_tape_saturator_hp(), kRate);
  const auto out = sat.renderMono(sine(1000.0, kRate, size_t(kRate), 0.5));
  const double fundamental = toneAmplitude(out[0], 1000.0, kRate);
  EXPECT_GT(toneAmplitude(out[0], 3000.0, kRate) / fundamental, 0.01);
  EXPECT_LT(toneAmplitude(out[0], 2000.0, kRate) / fundamental, 1e-3);
  // ... and the 500 Hz high-pass after it takes 100 Hz down by far more than 500 Hz.
  EXPECT_LT(sineGainDb(wsp_native_plugin_forge_tape_saturator_hp(), 100.0, 0.05) -
                sineGainDb(wsp_native_plugin_forge_tape_saturator_hp(), 2000.0, 0.05),
            -25.0);
}

TEST(ForgeCorpusAudio, BassSynthPlaysItsNoteThroughAn800HzLowPass) {
  NativePlugin synth(wsp_native_plugin_forge_synth_bass(), kRate);
  const std::vector<wsp_event> events{noteOn(0, 45, 1.0f)};  // A2 = 110 Hz
  const auto out = synth.render({}, events, 128, size_t(kRate));
  const std::span<const float> held(out[0].data() + 4800, 38400);  // 0.1 s on: 88 whole periods
  const double fundamental = toneAmplitude(held, 110.0, kRate);
  EXPECT_GT(fundamental, 0.05);
  // A saw's 2nd harmonic is half its fundamental; well above the cutoff the filter takes it down.
  EXPECT_NEAR(toneAmplitude(held, 220.0, kRate) / fundamental, 0.5, 0.05);
  EXPECT_LT(toneAmplitude(held, 3300.0, kRate) / fundamental, 0.005);  // 1/30 unfiltered
  EXPECT_EQ(out[0], out[1]);
}

}  // namespace

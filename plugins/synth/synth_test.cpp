// Synth: sample-exact note onset, pitch (440 Hz for A4, +2 semitones of bend), 16-voice
// polyphony and stealing (oldest released, then oldest), release to silence, sustain pedal,
// velocity scaling, all 128 keys finite, reset, ABI hygiene (parameter extremes, state round trip,
// tail, latency).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "synth_params.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

extern "C" const wsp_plugin_api* wsp_native_plugin_synth(void);

namespace {

using namespace wstudio::testsupport;

using namespace wsp_synth;  // parameter ids
constexpr uint32_t kSine = 3;
constexpr uint32_t kLp12 = 0;
constexpr double kSr = 48000.0;
constexpr double kVoiceGain = 0.5;  // documented: one full-level voice peaks at 0.5 x volume

double midiHz(double key) { return 440.0 * std::exp2((key - 69.0) / 12.0); }

// A clean measuring patch: osc 1 sine only, filter wide open and unmodulated, sustain 100 %, fast
// attack: a held note is kVoiceGain * sin.
void sinePatch(NativePlugin& p) {
  p.setParam(kOsc1Wave, kSine);
  p.setParam(kOsc2Level, 0.0);
  p.setParam(kFilterType, kLp12);
  p.setParam(kCutoff, 20000.0);
  p.setParam(kFilterEnvAmount, 0.0);
  p.setParam(kKeyTrack, 0.0);
  p.setParam(kAmpAttack, 1.0);
  p.setParam(kAmpSustain, 100.0);
  p.reset();
}

// Frequency from interpolated rising zero crossings.
double zeroCrossingHz(const std::vector<float>& x, double sr) {
  double first = -1.0, last = -1.0;
  int count = 0;
  for (size_t n = 1; n < x.size(); ++n) {
    if (x[n - 1] < 0.0f && x[n] >= 0.0f) {
      const double t = double(n - 1) + double(x[n - 1]) / double(x[n - 1] - x[n]);
      if (first < 0.0) first = t;
      last = t;
      ++count;
    }
  }
  return count > 1 ? double(count - 1) * sr / (last - first) : 0.0;
}

std::vector<float> slice(const std::vector<float>& x, size_t from, size_t to) {
  return std::vector<float>(x.begin() + long(from), x.begin() + long(to));
}

TEST(Synth, NoteStartsOnItsEventFrameExactly) {
  for (uint32_t frame : {0u, 1000u, 1023u, 1024u}) {
    NativePlugin p(wsp_native_plugin_synth(), kSr);
    p.reset();
    const wsp_event events[] = {noteOn(frame, 60, 1.0f)};
    const auto out = p.render({}, events, 128, 4096);
    for (size_t n = 0; n < frame; ++n) ASSERT_EQ(out[0][n], 0.0f) << frame << " " << n;
    EXPECT_NE(out[0][frame], 0.0f) << frame;
    EXPECT_NE(out[1][frame], 0.0f) << frame;
    // Instruments add no latency: the onset is the event frame.
    EXPECT_EQ(firstAbove(out[0], 0.0f), size_t(frame));
    EXPECT_EQ(p.latency(), 0u);
  }
}

TEST(Synth, KeySixtyNineIsFourFortyHertz) {
  for (double sr : {44100.0, 48000.0, 96000.0}) {
    NativePlugin p(wsp_native_plugin_synth(), sr);
    sinePatch(p);
    const wsp_event events[] = {noteOn(0, 69, 1.0f)};
    const auto out = p.render({}, events, 128, size_t(sr));
    const auto held = slice(out[0], size_t(sr / 10), out[0].size());
    EXPECT_NEAR(zeroCrossingHz(held, sr), 440.0, 0.44) << sr;
    // A sine voice: everything at the fundamental, at kVoiceGain.
    EXPECT_NEAR(toneAmplitude(held, 440.0, sr), kVoiceGain, 0.01 * kVoiceGain);
  }
}

TEST(Synth, PitchBendOfTwoSemitones) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kBendRange, 2);
  // 14-bit bend 16383 = full up (+1); data1 = LSB, data2 = MSB.
  const wsp_event events[] = {midiEvent(0, 0xE0, 0x7F, 0x7F), noteOn(0, 69, 1.0f)};
  const auto out = p.render({}, events, 128, 48000);
  EXPECT_NEAR(zeroCrossingHz(slice(out[0], 4800, 48000), kSr), 493.883, 0.494);
  // Centre again: back to 440 Hz.
  const wsp_event centre[] = {midiEvent(0, 0xE0, 0x00, 0x40)};
  const auto back = p.render({}, centre, 128, 48000);
  EXPECT_NEAR(zeroCrossingHz(slice(back[0], 4800, 48000), kSr), 440.0, 0.44);
}

TEST(Synth, OscillatorTuningControls) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kOsc1Octave, -1);
  p.setParam(kOsc1Semi, 7);
  p.setParam(kOsc1Fine, 50.0);
  p.reset();
  const wsp_event events[] = {noteOn(0, 69, 1.0f)};
  const auto out = p.render({}, events, 128, 48000);
  EXPECT_NEAR(zeroCrossingHz(slice(out[0], 4800, 48000), kSr), midiHz(69 - 12 + 7 + 0.5),
              0.001 * midiHz(69 - 12 + 7 + 0.5));
}

// 16 notes a minor third apart (keys 36..81), each started 10 frames after the previous.
std::vector<wsp_event> sixteenNotes() {
  std::vector<wsp_event> events;
  for (int i = 0; i < 16; ++i) events.push_back(noteOn(uint32_t(10 * i), uint16_t(36 + 3 * i), 1.0f));
  return events;
}

// Amplitude of one key's sine among many: Hann-windowed (coherent gain 1/2), so that the
// neighbours' leakage (the sidelobes of a rectangular window fall only as 1/distance) stays below
// -100 dB.
double amplitudeOfKey(const std::vector<float>& x, int key) {
  std::vector<float> windowed(x.size());
  const double step = 2.0 * 3.14159265358979 / double(x.size());
  for (size_t n = 0; n < x.size(); ++n)
    windowed[n] = float(x[n] * (0.5 - 0.5 * std::cos(step * double(n))));
  return 2.0 * toneAmplitude(windowed, midiHz(key), kSr);
}

TEST(Synth, SixteenNotesAllSoundAndASeventeenthStealsTheOldest) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  auto events = sixteenNotes();
  events.push_back(noteOn(48000, 84, 1.0f));
  const auto out = p.render({}, events, 128, 4 * 48000)[0];
  // Before the 17th: all 16 at kVoiceGain.
  const auto window1 = slice(out, 4800, 4800 + 2 * 19200);
  for (int i = 0; i < 16; ++i)
    EXPECT_NEAR(toDb(amplitudeOfKey(window1, 36 + 3 * i) / kVoiceGain), 0.0, 0.5) << 36 + 3 * i;
  // After: key 36 (the oldest, all are held) is gone; the other 15 and key 84 sound.
  const auto window2 = slice(out, 48000 + 4800, 4 * 48000);
  EXPECT_LT(toDb(amplitudeOfKey(window2, 36) / kVoiceGain), -60.0);
  for (int i = 1; i < 16; ++i)
    EXPECT_NEAR(toDb(amplitudeOfKey(window2, 36 + 3 * i) / kVoiceGain), 0.0, 0.5) << 36 + 3 * i;
  EXPECT_NEAR(toDb(amplitudeOfKey(window2, 84) / kVoiceGain), 0.0, 0.5);
  // The stolen voice fades out over 5 ms instead of stopping dead: no click above the chord's
  // own curvature.
  EXPECT_TRUE(allFiniteNormal(out));
}

TEST(Synth, StealingPrefersTheOldestReleasedVoice) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kAmpRelease, 10000.0);  // released notes keep sounding
  auto events = sixteenNotes();
  events.push_back(noteOff(24000, 51));  // i = 5
  events.push_back(noteOff(24010, 45));  // i = 3, released later but started earlier
  events.push_back(noteOn(48000, 84, 1.0f));
  const auto out = p.render({}, events, 128, 3 * 48000)[0];
  const auto after = slice(out, 48000 + 4800, 3 * 48000);
  // Key 45 (oldest among the released) was stolen; key 36 (oldest overall, still held) and key
  // 51 (released, younger) still sound.
  EXPECT_LT(toDb(amplitudeOfKey(after, 45) / kVoiceGain), -60.0);
  EXPECT_GT(toDb(amplitudeOfKey(after, 36) / kVoiceGain), -1.0);
  EXPECT_GT(toDb(amplitudeOfKey(after, 51) / kVoiceGain), -20.0);
  EXPECT_NEAR(toDb(amplitudeOfKey(after, 84) / kVoiceGain), 0.0, 0.5);
}

TEST(Synth, NoteOffDecaysToSilenceWithinTheRelease) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  p.setParam(kAmpRelease, 200.0);
  p.reset();
  const size_t releaseSamples = 9600;
  EXPECT_EQ(p.tail(), releaseSamples + 240);  // release + 5 ms steal fade
  const wsp_event events[] = {noteOn(0, 57, 1.0f), noteOff(24000, 57)};
  const auto out = p.render({}, events, 128, 48000)[0];
  EXPECT_GT(peak(slice(out, 22000, 24000)), 0.05);
  // Half-way through the release it is quieter, but not silent.
  const double mid = peak(slice(out, 24000 + releaseSamples / 2, 24000 + releaseSamples / 2 + 480));
  EXPECT_LT(mid, peak(slice(out, 22000, 24000)));
  EXPECT_GT(mid, 1e-5);
  // Below -90 dBFS from the end of the release + 1 ms on (in fact exactly 0).
  EXPECT_LT(toDb(peak(slice(out, 24000 + releaseSamples + 48, out.size()))), -90.0);
}

TEST(Synth, SustainPedalHoldsNotesUntilReleased) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kAmpRelease, 100.0);
  p.reset();
  const wsp_event events[] = {midiEvent(0, 0xB0, 64, 127), noteOn(0, 69, 1.0f),
                              noteOff(4800, 69), midiEvent(48000, 0xB0, 64, 0)};
  const auto out = p.render({}, events, 128, 72000)[0];
  // Held by the pedal long after the note-off, at the full sustain level.
  EXPECT_NEAR(toneAmplitude(slice(out, 38400, 48000), 440.0, kSr), kVoiceGain, 0.01);
  // Pedal up: released, silent after 100 ms (+1 ms).
  EXPECT_LT(toDb(peak(slice(out, 48000 + 4800 + 48, out.size()))), -90.0);
}

TEST(Synth, VelocityScalesTheLevelAsDocumented) {
  auto level = [](float velocity, double sensitivity) {
    NativePlugin p(wsp_native_plugin_synth(), kSr);
    sinePatch(p);
    p.setParam(kVelocitySensitivity, sensitivity);
    p.reset();
    const wsp_event events[] = {noteOn(0, 69, velocity)};
    const auto out = p.render({}, events, 128, 48000)[0];
    return toneAmplitude(slice(out, 4800, 48000), 440.0, kSr);
  };
  // amplitude = (1 - s) + s v.
  EXPECT_NEAR(toDb(level(0.5f, 100.0) / level(1.0f, 100.0)), -6.0206, 0.05);
  EXPECT_NEAR(level(0.25f, 100.0) / level(1.0f, 100.0), 0.25, 0.005);
  EXPECT_NEAR(level(0.25f, 50.0) / level(1.0f, 50.0), 0.625, 0.005);
  EXPECT_NEAR(level(0.1f, 0.0) / level(1.0f, 0.0), 1.0, 0.005);
}

TEST(Synth, AllKeysProduceFiniteOutput) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  p.setParam(kResonance, 20.0);
  p.setParam(kOsc1Octave, 3);
  p.setParam(kOsc2Octave, -3);
  p.setParam(kNoiseLevel, 100.0);
  p.setParam(kUnison, 4);
  p.setParam(kFilterEnvAmount, 6.0);
  p.setParam(kKeyTrack, 100.0);
  p.reset();
  std::vector<wsp_event> events;
  for (int key = 0; key < 128; ++key) {
    events.push_back(noteOn(uint32_t(key * 600), uint16_t(key), 1.0f));
    events.push_back(noteOff(uint32_t(key * 600 + 400), uint16_t(key)));
  }
  const auto out = p.render({}, events, 128, 128 * 600 + 48000);
  EXPECT_TRUE(allFiniteNormal(out[0]));
  EXPECT_TRUE(allFiniteNormal(out[1]));
  EXPECT_EQ(out[0], out[1]);
  // Every key sounds: each 600-frame slot has signal.
  for (int key = 0; key < 128; ++key)
    EXPECT_GT(peak(slice(out[0], size_t(key * 600), size_t(key * 600 + 400))), 1e-3) << key;
}

TEST(Synth, FiniteAndDenormalFreeAtParameterExtremes) {
  for (double cutoff : {20.0, 20000.0}) {
    for (double q : {0.5, 20.0}) {
      for (double env : {-6.0, 6.0}) {
        for (uint32_t type : {0u, 1u, 2u, 3u}) {
          NativePlugin p(wsp_native_plugin_synth(), 44100.0, 64);
          p.setParam(kCutoff, cutoff);
          p.setParam(kResonance, q);
          p.setParam(kFilterEnvAmount, env);
          p.setParam(kFilterType, type);
          p.setParam(kAmpAttack, 0.1);
          p.setParam(kAmpRelease, 1.0);
          p.setParam(kFilterAttack, 0.1);
          p.setParam(kNoiseLevel, 100.0);
          p.setParam(kVolume, 12.0);
          p.setParam(kWheelCutoff, 4.0);
          p.setParam(kGlide, 2000.0);
          const wsp_event events[] = {
              midiEvent(0, 0xB0, 1, 127),  noteOn(0, 0, 1.0f),     noteOn(10, 127, 1.0f),
              noteOn(20, 64, 0.0f),        midiEvent(30, 0xE0, 0, 0), noteOff(20000, 0),
              noteOff(20000, 127),         noteOff(20000, 64)};
          const auto out = p.render({}, events, 64, 44100);
          ASSERT_TRUE(allFiniteNormal(out[0])) << cutoff << " " << q << " " << env << " " << type;
          // All released (1 ms): silent at the end.
          EXPECT_EQ(peak(slice(out[0], 30000, 44100)), 0.0);
        }
      }
    }
  }
}

TEST(Synth, ResetSilencesEverything) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  p.setParam(kAmpRelease, 5000.0);
  p.reset();
  const wsp_event events[] = {noteOn(0, 60, 1.0f), noteOn(0, 64, 1.0f), noteOn(0, 67, 1.0f),
                              midiEvent(0, 0xB0, 64, 127), noteOff(100, 60)};
  const auto loud = p.render({}, events, 128, 4800);
  EXPECT_GT(peak(loud[0]), 0.1);
  p.reset();
  const auto silent = p.render({}, {}, 128, 48000);
  EXPECT_EQ(peak(silent[0]), 0.0);
  EXPECT_EQ(peak(silent[1]), 0.0);
}

TEST(Synth, GlideSlidesBetweenNotes) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kGlide, 100.0);
  p.reset();
  const wsp_event events[] = {noteOn(0, 57, 1.0f), noteOff(24000, 57), noteOn(24000, 69, 1.0f)};
  const auto out = p.render({}, events, 128, 72000)[0];
  // The first note has nothing to glide from; the second starts at 220 Hz and reaches 440 Hz
  // after 100 ms.
  EXPECT_NEAR(zeroCrossingHz(slice(out, 4800, 24000), kSr), 220.0, 0.22);
  const double early = zeroCrossingHz(slice(out, 24000, 24000 + 960), kSr);
  EXPECT_GT(early, 220.0);
  EXPECT_LT(early, 300.0);
  EXPECT_NEAR(zeroCrossingHz(slice(out, 24000 + 4800 + 480, 72000), kSr), 440.0, 0.44);
}

TEST(Synth, ModWheelVibratoAndCutoff) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  sinePatch(p);
  p.setParam(kWheelVibrato, 1.0);
  p.setParam(kVibratoRate, 5.0);
  p.reset();
  const wsp_event events[] = {noteOn(0, 69, 1.0f), midiEvent(0, 0xB0, 1, 127)};
  const auto out = p.render({}, events, 128, 48000)[0];
  // +-1 semitone of vibrato: zero-crossing frequency over 20 ms windows spans ~415..466 Hz.
  double lo = 1e9, hi = 0.0;
  for (size_t start = 4800; start + 960 <= out.size(); start += 960) {
    const double hz = zeroCrossingHz(slice(out, start, start + 960), kSr);
    lo = std::min(lo, hz);
    hi = std::max(hi, hz);
  }
  EXPECT_LT(lo, 425.0);
  EXPECT_GT(hi, 455.0);
  EXPECT_GT(lo, 410.0);
  EXPECT_LT(hi, 470.0);
}

TEST(Synth, StateRoundTripGivesIdenticalOutput) {
  NativePlugin a(wsp_native_plugin_synth(), kSr);
  a.setParam(kOsc1Wave, 1.0);
  a.setParam(kOsc2Semi, 7);
  a.setParam(kCutoff, 800.0);
  a.setParam(kResonance, 4.0);
  a.setParam(kUnison, 3);
  a.setParam(kNoiseLevel, 20.0);
  a.setParam(kGlide, 50.0);
  const auto state = a.saveState();
  NativePlugin b(wsp_native_plugin_synth(), kSr);
  ASSERT_EQ(b.loadState(state), WSP_OK);
  a.reset();
  const wsp_event events[] = {noteOn(5, 60, 0.8f), noteOn(300, 67, 0.6f), noteOff(9000, 60),
                              midiEvent(100, 0xE0, 0, 0x50)};
  EXPECT_EQ(a.render({}, events, 128, 20000), b.render({}, events, 128, 20000));
}

TEST(Synth, OutputDoesNotDependOnBlockSplits) {
  // ABI-18, and more: the control-rate grid runs on absolute sample time, so block sizes and
  // event splits (even events the synth ignores) leave the output bit-identical.
  NativePlugin p(wsp_native_plugin_synth(), kSr, 512);
  p.setParam(kGlide, 30.0);
  p.setParam(kFilterEnvAmount, 4.0);
  p.reset();
  const wsp_event events[] = {noteOn(0, 60, 1.0f), noteOn(333, 64, 0.7f), noteOff(3000, 60),
                              noteOff(7001, 64)};
  const auto reference = p.render({}, events, 128, 12000);
  for (uint32_t block : {1u, 37u, 512u}) {
    p.reset();
    EXPECT_EQ(p.render({}, events, block, 12000), reference) << block;
  }
  p.reset();
  std::vector<wsp_event> withNoise(std::begin(events), std::end(events));
  withNoise.insert(withNoise.begin() + 1, paramEvent(101, 999, 1.0));  // unknown id
  withNoise.insert(withNoise.begin() + 3, midiEvent(1234, 0xB0, 7, 3));  // unused controller
  EXPECT_EQ(p.render({}, withNoise, 128, 12000), reference);
}

TEST(Synth, ResetRestoresTheFreshSound) {
  NativePlugin p(wsp_native_plugin_synth(), kSr);
  const wsp_event events[] = {noteOn(0, 60, 0.8f)};
  const auto first = p.render({}, events, 512, 4096);
  p.reset();
  EXPECT_EQ(p.render({}, events, 512, 4096), first);
}

}  // namespace

// LFO: waveform values at known phases, frequency, tempo sync, phase offset, seeded S&H.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "signal_helpers.hpp"
#include "wsp/dsp/lfo.hpp"

namespace wsp::dsp {
namespace {

float valueAtPhase(LfoWaveform waveform, double phase) {
  Lfo lfo;
  lfo.prepare(test::kSampleRate);
  lfo.setWaveform(waveform);
  lfo.resetPhase(phase);
  return lfo.next();
}

TEST(Lfo, WaveformsAtKnownPhases) {
  EXPECT_NEAR(valueAtPhase(LfoWaveform::Sine, 0.0), 0.0f, 1e-7f);
  EXPECT_NEAR(valueAtPhase(LfoWaveform::Sine, 0.25), 1.0f, 1e-7f);
  EXPECT_NEAR(valueAtPhase(LfoWaveform::Sine, 0.75), -1.0f, 1e-7f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Triangle, 0.0), 0.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Triangle, 0.125), 0.5f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Triangle, 0.25), 1.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Triangle, 0.5), 0.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Triangle, 0.75), -1.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::SawUp, 0.0), -1.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::SawUp, 0.75), 0.5f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::SawDown, 0.0), 1.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::SawDown, 0.75), -0.5f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Square, 0.49), 1.0f);
  EXPECT_FLOAT_EQ(valueAtPhase(LfoWaveform::Square, 0.51), -1.0f);
  // resetPhase wraps: 1.25 cycles is 0.25.
  EXPECT_NEAR(valueAtPhase(LfoWaveform::Sine, 1.25), 1.0f, 1e-7f);
}

TEST(Lfo, FrequencyInHz) {
  // 3 Hz for 10 s: 30 rising zero crossings of the sine, and the phase is back at 0.
  Lfo lfo;
  lfo.prepare(test::kSampleRate);
  lfo.setRateHz(3.0);
  int rising = 0;
  float previous = lfo.next();
  for (int n = 1; n < 480000; ++n) {
    const float v = lfo.next();
    if (previous < 0.0f && v >= 0.0f) ++rising;
    previous = v;
  }
  EXPECT_EQ(rising, 29);  // the 30th cycle starts at sample 480000, not yet produced
  EXPECT_NEAR(std::min(lfo.phase(), 1.0 - lfo.phase()), 0.0, 1e-6);
}

TEST(Lfo, TempoSyncPeriod) {
  // 120 BPM, one cycle per quarter note: 2 Hz, a period of 24000 samples at 48 kHz.
  EXPECT_DOUBLE_EQ(Lfo::tempoToHz(120.0, 1.0), 2.0);
  EXPECT_DOUBLE_EQ(Lfo::tempoToHz(90.0, 4.0), 0.375);
  Lfo lfo;
  lfo.prepare(test::kSampleRate);
  lfo.setWaveform(LfoWaveform::SawUp);
  lfo.setRateTempo(120.0, 1.0);
  std::vector<float> cycle;
  for (int n = 0; n < 24000 * 2; ++n) cycle.push_back(lfo.next());
  EXPECT_FLOAT_EQ(cycle[0], -1.0f);
  EXPECT_NEAR(cycle[12000], 0.0f, 1e-6f);
  // The saw drops back to -1 one period later (the phase is accumulated in double, so rounding
  // may put the wrap one sample either side of the ideal one).
  std::size_t wrap = 1;
  while (wrap < cycle.size() && cycle[wrap] >= cycle[wrap - 1]) ++wrap;
  EXPECT_NEAR(static_cast<double>(wrap), 24000.0, 1.0);
  EXPECT_NEAR(cycle[wrap], -1.0f, 1e-4f);
  // Locking to the song: beat 2.5 of a one-bar (4 beats) cycle is phase 0.625.
  lfo.syncToSongPosition(2.5, 4.0);
  EXPECT_DOUBLE_EQ(lfo.phase(), 0.625);
}

TEST(Lfo, PhaseOffsetShiftsTheWave) {
  // Autopan: right channel 90 degrees ahead; at running phase 0 it reads the sine's peak.
  Lfo right;
  right.prepare(test::kSampleRate);
  right.setPhaseOffset(0.25);
  EXPECT_NEAR(right.next(), 1.0f, 1e-7f);
  EXPECT_DOUBLE_EQ(right.phase(), 1.0 / test::kSampleRate);  // the running phase is unaffected
}

TEST(Lfo, SampleAndHoldIsSeededHeldAndRepeatable) {
  auto run = [](std::uint32_t seed) {
    Lfo lfo(seed);
    lfo.prepare(test::kSampleRate);
    lfo.setWaveform(LfoWaveform::SampleAndHold);
    lfo.setRateHz(100.0);  // 480 samples per step
    std::vector<float> out;
    for (int n = 0; n < 4800; ++n) out.push_back(lfo.next());
    return out;
  };
  const auto a = run(42);
  EXPECT_EQ(a, run(42));
  EXPECT_NE(a, run(43));
  // Held for one period (480 samples; the double phase accumulator may put a wrap one sample
  // early or late), every value in [-1, 1).
  std::vector<int> runs{1};
  for (std::size_t n = 1; n < a.size(); ++n) {
    if (a[n] == a[n - 1]) {
      ++runs.back();
    } else {
      runs.push_back(1);
    }
    EXPECT_GE(a[n], -1.0f);
    EXPECT_LT(a[n], 1.0f);
  }
  ASSERT_EQ(runs.size(), 10u);
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) EXPECT_NEAR(runs[i], 480, 1) << i;
  EXPECT_NE(a.front(), a.back());
}

}  // namespace
}  // namespace wsp::dsp

// Low-frequency oscillator for modulation: bipolar output in [-1, 1], rate in Hz or synced to the
// tempo, phase offset (e.g. 0.25 between channels for autopan), seeded sample-and-hold.
// Not band-limited: use Oscillator for audible tones.
#pragma once

#include <cmath>
#include <cstdint>

#include "math.hpp"
#include "random.hpp"

namespace wsp::dsp {

// Shapes over one cycle, phase p in [0, 1):
enum class LfoWaveform {
  Sine,          // sin(2 pi p): 0 at p = 0, +1 at 0.25
  Triangle,      // 0 at p = 0, +1 at 0.25, -1 at 0.75 (in phase with Sine)
  SawUp,         // -1 at p = 0 rising to +1
  SawDown,       // +1 at p = 0 falling to -1
  Square,        // +1 for p < 0.5, -1 after
  SampleAndHold  // a new uniform random value in [-1, 1) each time the running phase wraps
};

class Lfo {
 public:
  explicit Lfo(std::uint32_t seed = 1) noexcept : random_(seed), seed_(seed) {
    held_ = random_.nextBipolar();
  }

  // The deterministic value of a waveform at phase p (wrapped into [0, 1)). SampleAndHold has no
  // fixed shape and returns 0 here.
  static float shape(LfoWaveform waveform, double phase) noexcept {
    const double p = phase - std::floor(phase);
    switch (waveform) {
      case LfoWaveform::Sine:
        return static_cast<float>(std::sin(kTwoPi * p));
      case LfoWaveform::Triangle:
        return static_cast<float>(p < 0.25 ? 4.0 * p : (p < 0.75 ? 2.0 - 4.0 * p : 4.0 * p - 4.0));
      case LfoWaveform::SawUp:
        return static_cast<float>(2.0 * p - 1.0);
      case LfoWaveform::SawDown:
        return static_cast<float>(1.0 - 2.0 * p);
      case LfoWaveform::Square:
        return p < 0.5 ? 1.0f : -1.0f;
      case LfoWaveform::SampleAndHold:
        return 0.0f;
    }
    return 0.0f;
  }

  // Rate of a tempo-synced LFO: one cycle every beatsPerCycle quarter notes (1 = a quarter note,
  // 0.5 = an eighth, 4 = a bar of 4/4).
  static double tempoToHz(double bpm, double beatsPerCycle) noexcept {
    return beatsPerCycle > 0.0 ? bpm / 60.0 / beatsPerCycle : 0.0;
  }

  void prepare(double sampleRate) noexcept {
    sampleRate_ = sampleRate > 0.0 ? sampleRate : 48000.0;
    setRateHz(rateHz_);
  }

  void setWaveform(LfoWaveform waveform) noexcept { waveform_ = waveform; }

  // Free-running rate; negative rates are clamped to 0 (a frozen LFO).
  void setRateHz(double hz) noexcept {
    rateHz_ = hz > 0.0 ? hz : 0.0;
    increment_ = clamp(rateHz_ / sampleRate_, 0.0, 0.5);
  }

  // Tempo sync: see tempoToHz. Call again when the tempo changes; pair with
  // syncToSongPosition() to lock the phase to the bar.
  void setRateTempo(double bpm, double beatsPerCycle) noexcept {
    setRateHz(tempoToHz(bpm, beatsPerCycle));
  }

  // Sets the phase so that cycles start on multiples of beatsPerCycle in song time (from a
  // transport event's position_beats).
  void syncToSongPosition(double positionBeats, double beatsPerCycle) noexcept {
    if (beatsPerCycle > 0.0) resetPhase(positionBeats / beatsPerCycle);
  }

  // Added to the running phase, in cycles (0.25 = 90 degrees); does not move the running phase.
  void setPhaseOffset(double cycles) noexcept { offset_ = cycles - std::floor(cycles); }

  // Restarts the cycle at `phase` (cycles); also restarts the random sequence, so a reset LFO
  // repeats itself exactly.
  void resetPhase(double phase = 0.0) noexcept {
    phase_ = phase - std::floor(phase);
    random_.setSeed(seed_);
    held_ = random_.nextBipolar();
  }

  double phase() const noexcept { return phase_; }

  // The value at the current phase, then advances by one sample.
  float next() noexcept {
    double p = phase_ + offset_;
    p -= std::floor(p);
    const float value = waveform_ == LfoWaveform::SampleAndHold ? held_ : shape(waveform_, p);
    phase_ += increment_;
    if (phase_ >= 1.0) {
      phase_ -= 1.0;
      held_ = random_.nextBipolar();
    }
    return value;
  }

 private:
  Xorshift32 random_;
  std::uint32_t seed_;
  LfoWaveform waveform_ = LfoWaveform::Sine;
  double sampleRate_ = 48000.0;
  double rateHz_ = 1.0;
  double increment_ = 1.0 / 48000.0;
  double phase_ = 0.0;  // double: stays exact over hours at low rates
  double offset_ = 0.0;
  float held_ = 0.0f;
};

}  // namespace wsp::dsp

// Band-limited audio oscillators: sine, and PolyBLEP saw / pulse plus PolyBLAMP triangle.
//
// A naive saw or square has a step every cycle whose harmonics above Nyquist fold back as
// inharmonic aliases. PolyBLEP subtracts a 2-sample polynomial approximation of the step's
// aliasing residue around each step (PolyBLAMP does the same for the triangle's slope corners);
// this removes most audible aliasing for a few operations per sample. Output range is about
// [-1, 1] (the corrections may overshoot by a few percent near Nyquist).
#pragma once

#include <cmath>

#include "math.hpp"

namespace wsp::dsp {

// Shapes over one cycle, phase p in [0, 1), before band-limiting:
enum class OscillatorWaveform {
  Sine,      // sin(2 pi p)
  Saw,       // 2p - 1: rises from -1, drops at the cycle end
  Pulse,     // +1 for p < pulseWidth, -1 after (pulseWidth 0.5: square)
  Triangle,  // 0 at p = 0, +1 at 0.25, -1 at 0.75 (in phase with Sine)
};

namespace detail {

// Band-limiting residue of a unit step (height +1) at distance t samples from it (|t| < 1):
// the integral of a triangular (2-sample) band-limited impulse, minus the ideal step.
inline double polyBlepStep(double t) noexcept {
  if (t < 0.0) return 0.5 * (1.0 + t) * (1.0 + t);  // just before the step
  return -0.5 * (1.0 - t) * (1.0 - t);              // just after it
}

// Residue of a unit slope change (slope +1 per sample) at distance t samples (|t| < 1): the
// integral of polyBlepStep.
inline double polyBlampCorner(double t) noexcept {
  const double u = 1.0 - std::fabs(t);
  return u * u * u / 6.0;
}

// Signed distance, in samples, from phase p to a discontinuity at phase `at`, if within one
// sample (dt = cycles per sample); otherwise returns false.
inline bool nearDiscontinuity(double p, double at, double dt, double& distance) noexcept {
  double d = p - at;  // in cycles, wrapped into [-0.5, 0.5)
  d -= std::floor(d + 0.5);
  if (std::fabs(d) >= dt) return false;
  distance = d / dt;
  return true;
}

}  // namespace detail

class Oscillator {
 public:
  void prepare(double sampleRate) noexcept {
    sampleRate_ = sampleRate > 0.0 ? sampleRate : 48000.0;
    setFrequency(frequencyHz_);
  }

  void setWaveform(OscillatorWaveform waveform) noexcept { waveform_ = waveform; }

  // Clamped to [0, 0.45 * sampleRate]: PolyBLEP needs less than one discontinuity per sample.
  void setFrequency(double hz) noexcept {
    frequencyHz_ = clamp(hz, 0.0, 0.45 * sampleRate_);
    increment_ = frequencyHz_ / sampleRate_;
  }

  // Fraction of the cycle spent high, clamped to [0.01, 0.99].
  void setPulseWidth(double width) noexcept { pulseWidth_ = clamp(width, 0.01, 0.99); }

  // Restarts the cycle (hard sync, note start) at `phase` in cycles.
  void resetPhase(double phase = 0.0) noexcept { phase_ = phase - std::floor(phase); }

  double phase() const noexcept { return phase_; }

  // The sample at the current phase, then advances by one sample.
  float next() noexcept {
    const double p = phase_;
    const double dt = increment_;
    double y = 0.0;
    double t = 0.0;
    switch (waveform_) {
      case OscillatorWaveform::Sine:
        y = std::sin(kTwoPi * p);
        break;
      case OscillatorWaveform::Saw:
        y = 2.0 * p - 1.0;
        if (detail::nearDiscontinuity(p, 0.0, dt, t)) y -= 2.0 * detail::polyBlepStep(t);
        break;
      case OscillatorWaveform::Pulse:
        y = p < pulseWidth_ ? 1.0 : -1.0;
        if (detail::nearDiscontinuity(p, 0.0, dt, t)) y += 2.0 * detail::polyBlepStep(t);
        if (detail::nearDiscontinuity(p, pulseWidth_, dt, t)) y -= 2.0 * detail::polyBlepStep(t);
        break;
      case OscillatorWaveform::Triangle:
        y = p < 0.25 ? 4.0 * p : (p < 0.75 ? 2.0 - 4.0 * p : 4.0 * p - 4.0);
        // Slope changes by -8 (per cycle) at 0.25 and +8 at 0.75; per sample that is 8 dt.
        if (detail::nearDiscontinuity(p, 0.25, dt, t)) y -= 8.0 * dt * detail::polyBlampCorner(t);
        if (detail::nearDiscontinuity(p, 0.75, dt, t)) y += 8.0 * dt * detail::polyBlampCorner(t);
        break;
    }
    phase_ += dt;
    if (phase_ >= 1.0) phase_ -= 1.0;
    return static_cast<float>(y);
  }

 private:
  OscillatorWaveform waveform_ = OscillatorWaveform::Saw;
  double sampleRate_ = 48000.0;
  double frequencyHz_ = 440.0;
  double increment_ = 440.0 / 48000.0;
  double pulseWidth_ = 0.5;
  double phase_ = 0.0;  // double: no pitch drift from accumulated rounding
};

}  // namespace wsp::dsp

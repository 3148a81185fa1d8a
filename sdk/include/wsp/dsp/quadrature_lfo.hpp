// Sine LFO by complex rotation: a unit phasor (cos, sin) turned by a fixed angle each sample.
// Exact in exact arithmetic and costs four multiplies per sample instead of a sin() (the
// rotation is recomputed only when the rate changes). A phase accumulator runs alongside for
// shapes that need the phase (triangle) and for tempo-synced phase locking; renormalize() once
// per block keeps the phasor on the unit circle.
//
// Used by the chorus, delay (wow) and reverb (line modulation) factory plugins.
#pragma once

#include <cmath>

#include "wsp/dsp/math.hpp"

namespace wsp::dsp {

class QuadratureLfo {
 public:
  // Rate in cycles per sample (hz / sampleRate); clamped to [0, 0.5].
  void setIncrement(double cyclesPerSample) noexcept {
    const double inc = wsp::dsp::clamp(cyclesPerSample, 0.0, 0.5);
    if (inc == increment_) return;
    increment_ = inc;
    rotCos_ = std::cos(wsp::dsp::kTwoPi * inc);
    rotSin_ = std::sin(wsp::dsp::kTwoPi * inc);
  }
  double increment() const noexcept { return increment_; }

  // Restarts at `phase` cycles: sin() = sin(2 pi phase).
  void resetPhase(double phase) noexcept {
    phase_ = phase - std::floor(phase);
    cos_ = std::cos(wsp::dsp::kTwoPi * phase_);
    sin_ = std::sin(wsp::dsp::kTwoPi * phase_);
  }

  double phase() const noexcept { return phase_; }
  double sin() const noexcept { return sin_; }
  double cos() const noexcept { return cos_; }

  // Value of sin(2 pi (phase + offset)) given cos/sin of 2 pi offset.
  double sinShifted(double offsetCos, double offsetSin) const noexcept {
    return sin_ * offsetCos + cos_ * offsetSin;
  }

  // Triangle in phase with the sine (0 at phase 0, +1 at 0.25, -1 at 0.75), at phase + offset.
  double triangle(double offset) const noexcept {
    double p = phase_ + offset;
    p -= std::floor(p);
    return p < 0.25 ? 4.0 * p : (p < 0.75 ? 2.0 - 4.0 * p : 4.0 * p - 4.0);
  }

  void advance() noexcept {
    phase_ += increment_;
    if (phase_ >= 1.0) phase_ -= 1.0;
    const double c = cos_ * rotCos_ - sin_ * rotSin_;
    sin_ = sin_ * rotCos_ + cos_ * rotSin_;
    cos_ = c;
  }

  // Pulls the phasor back to unit length (first-order Newton step; call once per block).
  void renormalize() noexcept {
    const double k = 1.5 - 0.5 * (cos_ * cos_ + sin_ * sin_);
    cos_ *= k;
    sin_ *= k;
  }

 private:
  double phase_ = 0.0;
  double increment_ = -1.0;
  double cos_ = 1.0;
  double sin_ = 0.0;
  double rotCos_ = 1.0;
  double rotSin_ = 0.0;
};

}  // namespace wsp::dsp

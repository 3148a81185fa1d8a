// Level detector for dynamics (compressor, limiter, gate, ducking) and meters.
//
// Time constants: attack and release are one-pole time constants tau. After a step up from 0 to
// level L, the detector reads L (1 - 1/e) = 63.2 % of L after `attackMs`; after a step down from L
// to 0 it reads L / e = 36.8 % of L after `releaseMs`. (10-90 % rise time = 2.197 tau.)
// Peak mode applies this to |x|. Rms mode applies it to x^2 (the mean square) and returns the
// square root, so a sine of amplitude A settles at A / sqrt(2).
#pragma once

#include <cmath>
#include <span>

#include "math.hpp"

namespace wsp::dsp {

enum class EnvelopeDetector { Peak, Rms };

class EnvelopeFollower {
 public:
  EnvelopeFollower() noexcept { updateCoefficients(); }

  void prepare(double sampleRate) noexcept {
    sampleRate_ = sampleRate > 0.0 ? sampleRate : 48000.0;
    updateCoefficients();
    reset();
  }

  void setDetector(EnvelopeDetector detector) noexcept { detector_ = detector; }

  // Times <= 0 mean instant.
  void setAttackMs(double ms) noexcept {
    attackMs_ = ms;
    updateCoefficients();
  }
  void setReleaseMs(double ms) noexcept {
    releaseMs_ = ms;
    updateCoefficients();
  }

  void reset() noexcept { state_ = 0.0; }

  // Feeds one sample, returns the level (linear amplitude, >= 0).
  float process(float x) noexcept {
    const double in = detector_ == EnvelopeDetector::Peak ? std::fabs(static_cast<double>(x))
                                                          : static_cast<double>(x) * x;
    const double c = in > state_ ? attack_ : release_;
    state_ = flushDenormal(in + c * (state_ - in));
    return level();
  }

  // Feeds a block, returns the level after its last sample.
  float process(std::span<const float> samples) noexcept {
    for (float s : samples) process(s);
    return level();
  }

  float level() const noexcept {
    return static_cast<float>(detector_ == EnvelopeDetector::Peak ? state_ : std::sqrt(state_));
  }

 private:
  void updateCoefficients() noexcept {
    attack_ = timeConstantCoefficient(attackMs_, sampleRate_);
    release_ = timeConstantCoefficient(releaseMs_, sampleRate_);
  }

  EnvelopeDetector detector_ = EnvelopeDetector::Peak;
  double sampleRate_ = 48000.0;
  double attackMs_ = 10.0;
  double releaseMs_ = 100.0;
  // Double state: in float, y += (1 - c)(x - y) stalls once (1 - c)(x - y) drops below half an
  // ulp of y, e.g. 1.4e-5 short of the target for a 10 ms attack at 48 kHz.
  double attack_ = 0.0;
  double release_ = 0.0;
  double state_ = 0.0;
};

}  // namespace wsp::dsp

// First-order (6 dB/oct) lowpass and highpass, topology-preserving (trapezoidal) form: the cutoff
// is exactly -3 dB after bilinear prewarping, and the cutoff may change every sample without
// instability.
#pragma once

#include <cmath>
#include <span>

#include "math.hpp"

namespace wsp::dsp {

class OnePoleLowpass {
 public:
  // cutoffHz is clamped to [1e-5, 0.49] * sampleRate. No tan() (tanPi, math.hpp): cheap enough
  // to call per sample.
  void setCutoff(double sampleRate, double cutoffHz) noexcept {
    const double g = tanPi(clamp(cutoffHz / sampleRate, 1e-5, 0.49));
    gain_ = static_cast<float>(g / (1.0 + g));
  }

  void reset(float value = 0.0f) noexcept { state_ = value; }

  float process(float x) noexcept {
    const float v = (x - state_) * gain_;
    const float y = v + state_;
    state_ = flushDenormal(y + v);
    return y;
  }

  void process(std::span<float> samples) noexcept {
    for (float& s : samples) s = process(s);
  }

 private:
  float gain_ = 0.5f;  // cutoff at fs/4 until set
  float state_ = 0.0f;
};

// Complement of the lowpass (x - lowpass(x)): -3 dB at the cutoff, 0 dB at Nyquist.
class OnePoleHighpass {
 public:
  void setCutoff(double sampleRate, double cutoffHz) noexcept {
    lowpass_.setCutoff(sampleRate, cutoffHz);
  }
  void reset() noexcept { lowpass_.reset(); }
  float process(float x) noexcept { return x - lowpass_.process(x); }
  void process(std::span<float> samples) noexcept {
    for (float& s : samples) s = process(s);
  }

 private:
  OnePoleLowpass lowpass_;
};

// Removes DC (e.g. after an asymmetric shaper): y = x - x[-1] + r y[-1], a zero at DC and a pole
// just inside it, about -3 dB at cutoffHz (default 10 Hz: -0.26 dB at 40 Hz).
class DcBlocker {
 public:
  DcBlocker() noexcept { prepare(48000.0); }

  void prepare(double sampleRate, double cutoffHz = 10.0) noexcept {
    r_ = static_cast<float>(std::exp(-kTwoPi * clamp(cutoffHz / sampleRate, 1e-6, 0.1)));
    reset();
  }

  void reset() noexcept { x1_ = y1_ = 0.0f; }

  float process(float x) noexcept {
    const float y = x - x1_ + r_ * y1_;
    x1_ = x;
    y1_ = flushDenormal(y);
    return y;
  }

  void process(std::span<float> samples) noexcept {
    for (float& s : samples) s = process(s);
  }

 private:
  float r_ = 0.0f;
  float x1_ = 0.0f;
  float y1_ = 0.0f;
};

}  // namespace wsp::dsp

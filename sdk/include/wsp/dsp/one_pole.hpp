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
    twiceGain_ = 2.0f * gain_;
  }

  void reset(float value = 0.0f) noexcept { state_ = value; }

  // y = s + G (x - s), s' = s + 2 G (x - s) (trapezoidal integrator). The new state is computed
  // straight from the old one (subtract, multiply, add) rather than through y: the recursion's
  // latency, which bounds a per-sample loop, is three operations instead of four.
  float process(float x) noexcept {
    const float d = x - state_;
    const float y = state_ + gain_ * d;
    state_ = flushDenormal(state_ + twiceGain_ * d);
    return y;
  }

  // In place, through a local copy: its state then stays in a register (a member would have to
  // be stored and reloaded every sample, since `samples` might alias it).
  void process(std::span<float> samples) noexcept {
    OnePoleLowpass f = *this;
    for (float& s : samples) s = f.process(s);
    *this = f;
  }

 private:
  float gain_ = 0.5f;  // cutoff at fs/4 until set
  float twiceGain_ = 1.0f;
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

  // In place, through a local copy (see OnePoleLowpass::process(span)).
  void process(std::span<float> samples) noexcept {
    DcBlocker f = *this;
    for (float& s : samples) s = f.process(s);
    *this = f;
  }

 private:
  float r_ = 0.0f;
  float x1_ = 0.0f;
  float y1_ = 0.0f;
};

}  // namespace wsp::dsp

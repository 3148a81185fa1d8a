// State-variable filter, topology-preserving trapezoidal form (Zavalishin; Simper's "SVF linear
// trapezoidal" equations). One step gives every response at once. Unlike a biquad it stays
// stable and artefact-free when cutoff and Q are modulated every sample (filter sweeps, LFOs).
#pragma once

#include <cmath>

#include "math.hpp"

namespace wsp::dsp {

// All responses of one SVF step. Each is the analog prototype through the bilinear transform,
// with k = 1/Q, s normalised to the cutoff:
struct SvfOutputs {
  float lowpass;   // 1 / (s^2 + k s + 1)         -3 dB at cutoff for Q = 0.7071
  float highpass;  // s^2 / (s^2 + k s + 1)
  float bandpass;  // k s / (s^2 + k s + 1)       0 dB peak at cutoff (constant peak gain)
  float notch;     // (s^2 + 1) / (s^2 + k s + 1)
  float peak;      // lowpass - highpass: resonant peak, gain 2Q at cutoff
  float allpass;   // (s^2 - k s + 1) / (s^2 + k s + 1)
};

class StateVariableFilter {
 public:
  // An unconfigured filter is still sane: 1 kHz at 48 kHz, Q 0.7071.
  StateVariableFilter() noexcept { setCutoff(48000.0, 1000.0, 0.70710678); }

  // cutoffHz clamped to [1e-5, 0.49] * sampleRate, q to [0.025, 200]. Costs a few divisions (no
  // tan(): tanPi, math.hpp); fine per sample for audio-rate modulation.
  void setCutoff(double sampleRate, double cutoffHz, double q) noexcept {
    const double g = tanPi(clamp(cutoffHz / sampleRate, 1e-5, 0.49));
    const double k = 1.0 / clamp(q, 0.025, 200.0);
    const double a1 = 1.0 / (1.0 + g * (g + k));
    k_ = static_cast<float>(k);
    a1_ = static_cast<float>(a1);
    a2_ = static_cast<float>(g * a1);
    a3_ = static_cast<float>(g * g * a1);
  }

  void reset() noexcept { ic1_ = ic2_ = 0.0f; }

  SvfOutputs process(float x) noexcept {
    const float v3 = x - ic2_;
    const float v1 = a1_ * ic1_ + a2_ * v3;  // bandpass state (peak gain Q)
    const float v2 = ic2_ + a2_ * ic1_ + a3_ * v3;  // lowpass
    ic1_ = flushDenormal(2.0f * v1 - ic1_);
    ic2_ = flushDenormal(2.0f * v2 - ic2_);
    const float high = x - k_ * v1 - v2;
    return {v2, high, k_ * v1, x - k_ * v1, v2 - high, x - 2.0f * k_ * v1};
  }

 private:
  float k_ = 0.0f;
  float a1_ = 0.0f;
  float a2_ = 0.0f;
  float a3_ = 0.0f;
  float ic1_ = 0.0f;
  float ic2_ = 0.0f;
};

}  // namespace wsp::dsp

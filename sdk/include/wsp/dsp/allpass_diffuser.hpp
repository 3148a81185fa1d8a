// Schroeder allpass (delay-line allpass), the building block of reverb diffusers: it smears
// transients in time while keeping a flat magnitude response. Chain 4..8 with mutually prime
// delays (e.g. 142, 107, 379, 277 samples at 29.7 kHz, Schroeder/Moorer) for an input diffuser.
//   H(z) = (-g + z^-D) / (1 - g z^-D)
#pragma once

#include <cstddef>

#include "delay_line.hpp"
#include "math.hpp"

namespace wsp::dsp {

class SchroederAllpass {
 public:
  // [main] Allocates the delay line. False when out of memory (the allpass then outputs 0).
  [[nodiscard]] bool prepare(std::size_t maxDelaySamples) {
    delay_ = clamp<std::size_t>(delay_, 1, maxDelaySamples < 1 ? 1 : maxDelaySamples);
    return line_.prepare(maxDelaySamples);
  }

  // Delay in samples, clamped to [1, max]; gain g clamped to [-0.98, 0.98] (|g| < 1 is stable;
  // 0.5..0.7 is typical).
  void setDelay(std::size_t samples) noexcept {
    delay_ = clamp<std::size_t>(samples, 1, line_.maxDelay());
  }
  void setGain(float g) noexcept { gain_ = clamp(g, -0.98f, 0.98f); }

  void reset() noexcept { line_.reset(); }

  float process(float x) noexcept {
    const float delayed = line_.read(delay_);  // v[n - D]
    const float v = x + gain_ * delayed;       // v[n] = x[n] + g v[n - D]
    line_.write(v);                            // flushed there: denormal-safe feedback
    return delayed - gain_ * v;                // y[n] = -g v[n] + v[n - D]
  }

 private:
  DelayLine line_;
  std::size_t delay_ = 1;
  float gain_ = 0.6f;
};

}  // namespace wsp::dsp

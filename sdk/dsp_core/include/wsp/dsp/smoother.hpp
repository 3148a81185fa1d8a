// Parameter smoothing (ABI-16): a linear ramp from the current value to the target.
//
// Why a linear ramp and not a one-pole lowpass: a ramp arrives in exactly the configured time
// and then stops (no asymptotic tail that keeps a plugin on its per-sample path forever, no
// denormal creeping toward the target), its largest per-sample step is known in advance
// (|target - start| / rampSamples, which tests and hosts can check), and it costs a multiply and
// a subtraction per sample. A new target mid-ramp starts a fresh ramp from wherever the value is,
// so the output stays continuous.
#pragma once

#include <cmath>
#include <cstdint>

namespace wsp::dsp {

class LinearSmoother {
 public:
  // Ramp time in ms at the given sample rate; 0 ms makes every change a jump. [main]
  void setup(double sampleRate, double rampMs) {
    const double samples = std::round(sampleRate * rampMs / 1000.0);
    rampSamples_ = samples < 1.0 ? 0u : uint32_t(samples);
    snap();
  }

  // Glide to `target` from the current value.
  void setTarget(float target) {
    target_ = target;
    if (rampSamples_ == 0 || target == current_) {
      snap();
      return;
    }
    remaining_ = rampSamples_;
    step_ = (target_ - current_) / float(rampSamples_);
  }

  // Jump to the target now (reset, state load, activation).
  void snap() {
    current_ = target_;
    remaining_ = 0;
    step_ = 0.0f;
  }
  void snapTo(float value) {
    target_ = value;
    snap();
  }

  // The value for the next sample. Computed from the distance left rather than by adding step
  // after step, so float rounding cannot accumulate over a long ramp into a final jump.
  float next() {
    if (remaining_ == 0) return current_;
    --remaining_;
    current_ = target_ - step_ * float(remaining_);
    return current_;
  }

  // Advances `frames` samples at once and returns the value reached, for plugins that read a
  // parameter once per (sub-)block.
  float skip(uint32_t frames) {
    remaining_ = frames >= remaining_ ? 0u : remaining_ - frames;
    current_ = remaining_ == 0 ? target_ : target_ - step_ * float(remaining_);
    return current_;
  }

  float current() const { return current_; }
  float target() const { return target_; }
  bool isSmoothing() const { return remaining_ != 0; }
  uint32_t rampSamples() const { return rampSamples_; }

 private:
  float current_ = 0.0f;
  float target_ = 0.0f;
  float step_ = 0.0f;
  uint32_t remaining_ = 0;
  uint32_t rampSamples_ = 0;
};

}  // namespace wsp::dsp

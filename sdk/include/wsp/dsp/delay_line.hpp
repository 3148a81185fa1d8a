// A delay line on a power-of-two ring buffer, with integer, linear and cubic (Hermite) reads.
//
// Convention, the one feedback loops need: read first, then write. A delay of d samples returns
// the sample written d writes ago, so in
//     const float delayed = line.read(d);   // x[n - d]
//     line.write(x + feedback * delayed);   // x[n]
// the loop delay is exactly d. The smallest delay is therefore 1 (the last write).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "math.hpp"

namespace wsp::dsp {

class DelayLine {
 public:
  // [main] Allocates room for delays up to maxDelaySamples and clears it. The only call that
  // allocates.
  void prepare(std::size_t maxDelaySamples) {
    maxDelay_ = maxDelaySamples < 1 ? 1 : maxDelaySamples;
    // +3: the cubic read needs one sample beyond the longest delay, and one slot is the write head.
    std::size_t size = 4;
    while (size < maxDelay_ + 3) size <<= 1;
    buffer_.assign(size, 0.0f);
    mask_ = size - 1;
    writeIndex_ = 0;
  }

  std::size_t maxDelay() const noexcept { return maxDelay_; }

  // Clears the content without reallocating.
  void reset() noexcept {
    for (float& s : buffer_) s = 0.0f;
  }

  // Stores one sample. Values are denormal-flushed here, which makes every feedback loop that
  // passes through the line denormal-safe.
  void write(float x) noexcept {
    if (buffer_.empty()) return;
    buffer_[writeIndex_] = flushDenormal(x);
    writeIndex_ = (writeIndex_ + 1) & mask_;
  }

  // The sample written `delay` writes ago; delay is clamped to [1, maxDelay()].
  float read(std::size_t delay) const noexcept {
    if (buffer_.empty()) return 0.0f;
    return at(clamp<std::size_t>(delay, 1, maxDelay_));
  }

  // Linear interpolation between the two neighbouring samples; delay clamped to [1, maxDelay()].
  // Cheap, but a moving fractional delay dulls highs (it is a varying lowpass).
  float readLinear(float delay) const noexcept {
    if (buffer_.empty()) return 0.0f;
    const float d = clamp(delay, 1.0f, static_cast<float>(maxDelay_));
    const auto i = static_cast<std::size_t>(d);
    const float frac = d - static_cast<float>(i);
    const float x0 = at(i);
    return x0 + frac * (at(i + 1) - x0);
  }

  // 4-point, 3rd-order Hermite (Catmull-Rom) interpolation; delay clamped to [1, maxDelay()].
  // Flatter than linear up to ~fs/4: use it for chorus, flanger and pitch modulation. Between
  // delays 1 and 2 the newer neighbour does not exist yet and the newest sample stands in.
  // A float delay has 24 significant bits: past 2^17 samples (2.7 s at 48 kHz) fewer than 7 bits
  // are left for the fraction, and a slowly gliding long delay moves in audible steps. Pass a
  // double (the overload below) for long delays.
  float readCubic(float delay) const noexcept {
    if (buffer_.empty()) return 0.0f;
    const float d = clamp(delay, 1.0f, static_cast<float>(maxDelay_));
    const auto i = static_cast<std::size_t>(d);
    return cubicAt(i, d - static_cast<float>(i));
  }

  // The same with a double delay: the integer part and the fraction are split in double, so the
  // fraction keeps full float precision at any delay length.
  float readCubic(double delay) const noexcept {
    if (buffer_.empty()) return 0.0f;
    const double d = clamp(delay, 1.0, static_cast<double>(maxDelay_));
    const auto i = static_cast<std::size_t>(d);
    return cubicAt(i, static_cast<float>(d - static_cast<double>(i)));
  }

 private:
  float cubicAt(std::size_t i, float t) const noexcept {
    const float xm1 = at(i > 1 ? i - 1 : 1);  // newer neighbour
    const float x0 = at(i);
    const float x1 = at(i + 1);
    const float x2 = at(i + 2);  // older neighbour
    const float c1 = 0.5f * (x1 - xm1);
    const float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    const float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * t + c2) * t + c1) * t + x0;
  }

  float at(std::size_t delay) const noexcept { return buffer_[(writeIndex_ - delay) & mask_]; }

  std::vector<float> buffer_;
  std::size_t mask_ = 0;
  std::size_t writeIndex_ = 0;
  std::size_t maxDelay_ = 1;
};

}  // namespace wsp::dsp

// A delay line on a power-of-two ring buffer, with integer, linear and cubic (Hermite) reads.
//
// Convention, the one feedback loops need: read first, then write. A delay of d samples returns
// the sample written d writes ago, so in
//     const float delayed = line.read(d);   // x[n - d]
//     line.write(x + feedback * delayed);   // x[n]
// the loop delay is exactly d. The smallest delay is therefore 1 (the last write).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "heap_array.hpp"
#include "math.hpp"

namespace wsp::dsp {

class DelayLine {
 public:
  // [main] Allocates room for delays up to maxDelaySamples and clears it. The only call that
  // allocates. False when out of memory: the line is then empty (reads return 0, writes are
  // ignored) until a prepare succeeds.
  [[nodiscard]] bool prepare(std::size_t maxDelaySamples) {
    buffer_.release();
    maxDelay_ = 1;
    writeIndex_ = 0;
    // Past this the ring's size would overflow: no memory holds such a line anyway.
    if (maxDelaySamples > SIZE_MAX / 4) return false;
    const std::size_t maxDelay = maxDelaySamples < 1 ? 1 : maxDelaySamples;
    // +3: the cubic read needs one sample beyond the longest delay, and one slot is the write head.
    std::size_t size = 4;
    while (size < maxDelay + 3) size <<= 1;
    if (!buffer_.allocate(size)) return false;
    maxDelay_ = maxDelay;
    mask_ = size - 1;
    return true;
  }

  std::size_t maxDelay() const noexcept { return maxDelay_; }

  // Clears the content without reallocating.
  void reset() noexcept { std::fill_n(buffer_.data(), buffer_.size(), 0.0f); }

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

  // A block of reads at one fixed delay: out[j] = what readCubic(delay) returns after j more
  // writes, for j < frames, bit for bit. Requires delay >= frames + 1 (after clamping), so that
  // every sample read was written before the block (read the block, then write it with
  // write(const float*, n)). The interpolation runs over contiguous memory and vectorises: the
  // ring itself, or a copy of the neighbours when they wrap around its end (rarely: a piece
  // in every buffer-length of samples). Not copying every piece matters most in WebAssembly,
  // where a copy is a memory.copy that V8 runs as a call out to the C library's memmove.
  void readCubicBlock(double delay, float* out, std::size_t frames) const noexcept {
    if (buffer_.empty()) {
      for (std::size_t j = 0; j < frames; ++j) out[j] = 0.0f;
      return;
    }
    const double d = clamp(delay, 1.0, static_cast<double>(maxDelay_));
    const auto i = static_cast<std::size_t>(d);
    const float t = static_cast<float>(d - static_cast<double>(i));
    std::size_t ahead = 0;  // writes between the first read and this piece's first read
    while (frames > 0) {
      const std::size_t n = frames < kReadPiece ? frames : kReadPiece;
      // window[k] = the sample written i + 2 - k writes before the first read: oldest first,
      // so output j uses window[j .. j + 3] (x2, x1, x0, xm1).
      const std::size_t first = (writeIndex_ + ahead - i - 2) & mask_;
      const float* window = buffer_.data() + first;
      float wrapped[kReadPiece + 3];
      if (n + 3 > buffer_.size() - first) {
        const std::size_t run = buffer_.size() - first;
        std::copy_n(window, run, wrapped);
        std::copy_n(buffer_.data(), n + 3 - run, wrapped + run);
        window = wrapped;
      }
      if (t == 0.0f) {
        // A whole number of samples: the curve passes through x0 there (c1 t + c2 t^2 + c3 t^3
        // is zero), so the read is a copy (the same bits but for the sign of a zero).
        for (std::size_t j = 0; j < n; ++j) out[j] = window[j + 2];
      } else {
        for (std::size_t j = 0; j < n; ++j)
          out[j] = cubic(window[j + 3], window[j + 2], window[j + 1], window[j], t);
      }
      out += n;
      frames -= n;
      ahead += n;
    }
  }

  // Stores a block (as `frames` calls of write(x), denormals flushed).
  void write(const float* x, std::size_t frames) noexcept {
    if (buffer_.empty()) return;
    while (frames > 0) {
      const std::size_t run = frames < buffer_.size() - writeIndex_ ? frames : buffer_.size() - writeIndex_;
      float* dst = buffer_.data() + writeIndex_;
      for (std::size_t j = 0; j < run; ++j) dst[j] = flushDenormal(x[j]);
      writeIndex_ = (writeIndex_ + run) & mask_;
      x += run;
      frames -= run;
    }
  }

 private:
  static constexpr std::size_t kReadPiece = 64;

  // Hermite through xm1 (newer), x0, x1, x2 (older) at fraction t from x0 towards x1.
  static float cubic(float xm1, float x0, float x1, float x2, float t) noexcept {
    const float c1 = 0.5f * (x1 - xm1);
    const float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    const float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * t + c2) * t + c1) * t + x0;
  }

  float cubicAt(std::size_t i, float t) const noexcept {
    const float xm1 = at(i > 1 ? i - 1 : 1);  // newer neighbour
    return cubic(xm1, at(i), at(i + 1), at(i + 2), t);
  }

  float at(std::size_t delay) const noexcept { return buffer_[(writeIndex_ - delay) & mask_]; }

  HeapArray<float> buffer_;
  std::size_t mask_ = 0;
  std::size_t writeIndex_ = 0;
  std::size_t maxDelay_ = 1;
};

}  // namespace wsp::dsp

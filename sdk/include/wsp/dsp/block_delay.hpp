// A fixed delay of Delay samples applied a block at a time, e.g. a dry path kept in step with a
// latency (oversampler, lookahead). A linear history instead of a ring buffer: each block is
// three contiguous copies, with no per-sample index arithmetic, and the same output for any
// split of the signal into blocks. No allocation.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>

namespace wsp::dsp {

template <std::size_t Delay, std::size_t MaxBlock>
class BlockDelay {
 public:
  void reset() noexcept { buffer_.fill(0.0f); }

  // out[i] = the input Delay samples before in[i], for i < frames (frames <= MaxBlock). out may
  // be in (the block is taken in before any output is written), but not otherwise overlap it.
  void process(const float* in, float* out, std::size_t frames) noexcept {
    if (frames == 0) return;
    // buffer_ = [the last Delay inputs | this block]: the output is its first `frames` samples,
    // the history for the next block its last Delay samples.
    std::copy(in, in + frames, buffer_.begin() + Delay);
    std::copy(buffer_.begin(), buffer_.begin() + frames, out);
    std::copy(buffer_.begin() + frames, buffer_.begin() + frames + Delay, buffer_.begin());
  }

 private:
  std::array<float, Delay + MaxBlock> buffer_{};
};

}  // namespace wsp::dsp

// White noise: uniform in [-1, 1), flat spectrum, RMS 1/sqrt(3) (-4.77 dBFS). Same seed, same
// sequence.
#pragma once

#include <cstdint>
#include <span>

#include "random.hpp"

namespace wsp::dsp {

class WhiteNoise {
 public:
  explicit WhiteNoise(std::uint32_t seed = 1) noexcept : random_(seed) {}

  void setSeed(std::uint32_t seed) noexcept { random_.setSeed(seed); }

  float next() noexcept { return random_.nextBipolar(); }

  void fill(std::span<float> out) noexcept {
    for (float& s : out) s = next();
  }

 private:
  Xorshift32 random_;
};

}  // namespace wsp::dsp

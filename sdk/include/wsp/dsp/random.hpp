// Deterministic pseudo-random numbers (Marsaglia xorshift32). Plugins must be deterministic
// (ABI-18) and may not ask the host for entropy, so every random source is seeded explicitly.
#pragma once

#include <cstdint>

namespace wsp::dsp {

class Xorshift32 {
 public:
  explicit Xorshift32(std::uint32_t seed = 1) noexcept { setSeed(seed); }

  // Seed 0 would lock xorshift at 0 forever; it is replaced by a fixed non-zero constant.
  void setSeed(std::uint32_t seed) noexcept { state_ = seed != 0 ? seed : 0x9E3779B9u; }

  std::uint32_t nextUint() noexcept {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }

  // Uniform in [-1, 1): the top 24 bits, exactly representable in float.
  float nextBipolar() noexcept {
    return static_cast<float>(nextUint() >> 8) * (2.0f / 16777216.0f) - 1.0f;
  }

 private:
  std::uint32_t state_ = 1;
};

}  // namespace wsp::dsp

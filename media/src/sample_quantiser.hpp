// Float samples to PCM words. 16 bits are TPDF-dithered: the rounding error becomes a constant,
// signal-independent noise floor (about -96 dBFS), so quiet passages and fades keep their detail
// instead of turning into distortion. 24 bits are only rounded, their error being far below
// the noise of any converter.
#pragma once

#include <cstdint>

namespace wstudio::media {

// Stateful because dither needs a random sequence; seeded the same for every file, so that a
// render written twice gives identical files.
class SampleQuantiser {
 public:
  // Full scale [-1, 1) to a 16-bit word, with triangular (TPDF) dither of ±1 LSB, clipped.
  std::int16_t toPcm16(float sample);
  // To a 24-bit value (-2^23 .. 2^23 - 1), rounded and clipped.
  static std::int32_t toPcm24(float sample);

 private:
  // Uniform in [0, 1) from a xorshift64* generator: fast, and the same on every platform
  // (unlike std:: distributions).
  double nextUniform();
  std::uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace wstudio::media

#include "sample_quantiser.hpp"

#include <algorithm>
#include <cmath>

namespace wstudio::media {

double SampleQuantiser::nextUniform() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return static_cast<double>((state_ * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
}

std::int16_t SampleQuantiser::toPcm16(float sample) {
  // The sum of two independent uniform values minus one is triangular on (-1, 1) LSB.
  const double dither = nextUniform() + nextUniform() - 1.0;
  const double word = std::nearbyint(static_cast<double>(sample) * 32768.0 + dither);
  return static_cast<std::int16_t>(std::clamp(word, -32768.0, 32767.0));
}

std::int32_t SampleQuantiser::toPcm24(float sample) {
  const double word = std::nearbyint(static_cast<double>(sample) * 8388608.0);
  return static_cast<std::int32_t>(std::clamp(word, -8388608.0, 8388607.0));
}

}  // namespace wstudio::media

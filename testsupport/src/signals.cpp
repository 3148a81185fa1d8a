#include "wstudio/testsupport/signals.hpp"

#include <cmath>
#include <numbers>

namespace wstudio::testsupport {

std::vector<float> sine(double frequencyHz, double sampleRate, size_t frames, double amplitude,
                        double phaseRadians) {
  std::vector<float> out(frames);
  const double w = 2.0 * std::numbers::pi * frequencyHz / sampleRate;
  for (size_t n = 0; n < frames; ++n) out[n] = static_cast<float>(amplitude * std::sin(w * double(n) + phaseRadians));
  return out;
}

std::vector<float> whiteNoise(uint64_t seed, size_t frames, double amplitude) {
  std::vector<float> out(frames);
  uint64_t s = seed ? seed : 0x9E3779B97F4A7C15ull;
  for (size_t n = 0; n < frames; ++n) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    const double u = double(s >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
    out[n] = static_cast<float>(amplitude * (2.0 * u - 1.0));
  }
  return out;
}

std::vector<float> impulse(size_t frames, size_t at, float value) {
  std::vector<float> out(frames, 0.0f);
  if (at < frames) out[at] = value;
  return out;
}

std::vector<float> sweep(double f0, double f1, double sampleRate, size_t frames, double amplitude) {
  std::vector<float> out(frames);
  const double duration = double(frames) / sampleRate;
  const double k = std::log(f1 / f0);
  for (size_t n = 0; n < frames; ++n) {
    const double t = double(n) / sampleRate;
    const double phase = 2.0 * std::numbers::pi * f0 * duration / k * (std::exp(t / duration * k) - 1.0);
    out[n] = static_cast<float>(amplitude * std::sin(phase));
  }
  return out;
}

}  // namespace wstudio::testsupport

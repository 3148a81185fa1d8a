#include "signals.hpp"

#include <cmath>
#include <numbers>

namespace wstudio::conformance {

uint64_t Random::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Random::uniform(double low, double high) { return low + (high - low) * uniform(); }

uint32_t Random::below(uint32_t bound) {
  return static_cast<uint32_t>((next() >> 32) * bound >> 32);
}

double dbToGain(double db) { return std::pow(10.0, db / 20.0); }

Audio whiteNoise(size_t channelCount, size_t frames, double peak, Random& random) {
  Audio audio(channelCount, frames);
  for (auto& channel : audio.channels) {
    for (auto& sample : channel) sample = static_cast<float>(random.uniform(-peak, peak));
  }
  return audio;
}

Audio sine(size_t channelCount, size_t frames, double sampleRate, double frequency, double peak) {
  Audio audio(channelCount, frames);
  const double step = 2.0 * std::numbers::pi * frequency / sampleRate;
  for (size_t i = 0; i < frames; ++i) {
    const auto value = static_cast<float>(peak * std::sin(step * static_cast<double>(i)));
    for (auto& channel : audio.channels) channel[i] = value;
  }
  return audio;
}

Audio sineSweep(size_t channelCount, size_t frames, double sampleRate, double from, double to,
                double peak) {
  Audio audio(channelCount, frames);
  // Phase of an exponential chirp: 2 pi f0 T / ln(f1/f0) * (exp(t/T ln(f1/f0)) - 1).
  const double duration = static_cast<double>(frames) / sampleRate;
  const double rate = std::log(to / from);
  for (size_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / sampleRate;
    const double phase =
        2.0 * std::numbers::pi * from * duration / rate * (std::exp(t / duration * rate) - 1.0);
    const auto value = static_cast<float>(peak * std::sin(phase));
    for (auto& channel : audio.channels) channel[i] = value;
  }
  return audio;
}

Audio impulse(size_t channelCount, size_t frames, size_t frame) {
  Audio audio(channelCount, frames);
  for (auto& channel : audio.channels) channel[frame] = 1.0f;
  return audio;
}

}  // namespace wstudio::conformance

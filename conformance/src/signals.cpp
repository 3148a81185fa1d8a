#include "wstudio/conformance/signals.hpp"

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

void fillSine(std::span<float> out, double sampleRate, double frequency, double peak,
              double phaseRadians) {
  const double step = 2.0 * std::numbers::pi * frequency / sampleRate;
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<float>(peak * std::sin(step * static_cast<double>(i) + phaseRadians));
}

void fillSineSweep(std::span<float> out, double sampleRate, double from, double to,
                   double peak) {
  // Phase of an exponential chirp: 2 pi f0 T / ln(f1/f0) * (exp(t/T ln(f1/f0)) - 1).
  const double duration = static_cast<double>(out.size()) / sampleRate;
  const double rate = std::log(to / from);
  for (size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / sampleRate;
    const double phase =
        2.0 * std::numbers::pi * from * duration / rate * (std::exp(t / duration * rate) - 1.0);
    out[i] = static_cast<float>(peak * std::sin(phase));
  }
}

void fillWhiteNoise(std::span<float> out, double peak, Random& random) {
  for (auto& sample : out) sample = static_cast<float>(random.uniform(-peak, peak));
}

Audio whiteNoise(size_t channelCount, size_t frames, double peak, Random& random) {
  Audio audio(channelCount, frames);
  for (auto& channel : audio.channels) fillWhiteNoise(channel, peak, random);
  return audio;
}

// The same signal on every channel: computed once, copied.
Audio sine(size_t channelCount, size_t frames, double sampleRate, double frequency, double peak) {
  Audio audio(channelCount, frames);
  std::vector<float> one(frames);
  fillSine(one, sampleRate, frequency, peak);
  for (auto& channel : audio.channels) channel = one;
  return audio;
}

Audio sineSweep(size_t channelCount, size_t frames, double sampleRate, double from, double to,
                double peak) {
  Audio audio(channelCount, frames);
  std::vector<float> one(frames);
  fillSineSweep(one, sampleRate, from, to, peak);
  for (auto& channel : audio.channels) channel = one;
  return audio;
}

Audio impulse(size_t channelCount, size_t frames, size_t frame) {
  Audio audio(channelCount, frames);
  for (auto& channel : audio.channels) channel[frame] = 1.0f;
  return audio;
}

}  // namespace wstudio::conformance

// Test signals. Every random one comes from a seeded generator of our own (not <random>'s
// distributions, whose output differs between standard libraries), so a failure reported on
// one machine reproduces on any other. Part of wstudio_signals, the one copy of these generators:
// the conformance checks use the multi-channel forms, testsupport/ (tests only) the one-channel
// fill* forms they are made of.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace wstudio::conformance {

// Planar audio: channels[c][frame]. The length is kept apart from the channels because an
// instrument's input has no channels but still lasts as long as the render.
struct Audio {
  std::vector<std::vector<float>> channels;
  size_t length = 0;

  Audio() = default;
  Audio(size_t channelCount, size_t frames)
      : channels(channelCount, std::vector<float>(frames, 0.0f)), length(frames) {}
  size_t channelCount() const { return channels.size(); }
  size_t frames() const { return length; }
};

// splitmix64: tiny, fast, and the same sequence everywhere.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next();
  double uniform();                          // [0, 1)
  double uniform(double low, double high);   // [low, high)
  uint32_t below(uint32_t bound);            // [0, bound)

 private:
  uint64_t state_;
};

double dbToGain(double db);

// One channel, written over `out`.
// peak * sin(2 pi frequency n / sampleRate + phaseRadians).
void fillSine(std::span<float> out, double sampleRate, double frequency, double peak,
              double phaseRadians = 0.0);
// An exponential sine sweep from `from` to `to` Hz over the whole span.
void fillSineSweep(std::span<float> out, double sampleRate, double from, double to, double peak);
// Uniform in [-peak, peak).
void fillWhiteNoise(std::span<float> out, double peak, Random& random);

// White noise, uniform in [-peak, peak], independent per channel.
Audio whiteNoise(size_t channelCount, size_t frames, double peak, Random& random);
// A sine of `frequency` Hz and `peak` amplitude, the same on every channel.
Audio sine(size_t channelCount, size_t frames, double sampleRate, double frequency, double peak);
// An exponential sine sweep from `from` to `to` Hz over the whole length.
Audio sineSweep(size_t channelCount, size_t frames, double sampleRate, double from, double to,
                double peak);
// A unit impulse at `frame` on every channel.
Audio impulse(size_t channelCount, size_t frames, size_t frame);

}  // namespace wstudio::conformance

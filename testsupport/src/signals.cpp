// The test signals as mono vectors, made by the generators the conformance suite uses
// (wstudio_signals), so there is one implementation of each.
#include "wstudio/testsupport/signals.hpp"

#include "wstudio/conformance/signals.hpp"

namespace wstudio::testsupport {

std::vector<float> sine(double frequencyHz, double sampleRate, size_t frames, double amplitude,
                        double phaseRadians) {
  std::vector<float> out(frames);
  conformance::fillSine(out, sampleRate, frequencyHz, amplitude, phaseRadians);
  return out;
}

std::vector<float> whiteNoise(uint64_t seed, size_t frames, double amplitude) {
  std::vector<float> out(frames);
  conformance::Random random(seed);
  conformance::fillWhiteNoise(out, amplitude, random);
  return out;
}

std::vector<float> impulse(size_t frames, size_t at, float value) {
  std::vector<float> out(frames, 0.0f);
  if (at < frames) out[at] = value;
  return out;
}

std::vector<float> sweep(double f0, double f1, double sampleRate, size_t frames, double amplitude) {
  std::vector<float> out(frames);
  conformance::fillSineSweep(out, sampleRate, f0, f1, amplitude);
  return out;
}

}  // namespace wstudio::testsupport

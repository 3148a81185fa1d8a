// Deterministic test signals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wstudio::testsupport {

std::vector<float> sine(double frequencyHz, double sampleRate, std::size_t frames, double amplitude = 1.0,
                        double phaseRadians = 0.0);
// Uniform white noise in [-amplitude, amplitude) from a seeded splitmix64 generator (the
// conformance suite's: the same sequence on every machine).
std::vector<float> whiteNoise(uint64_t seed, std::size_t frames, double amplitude = 1.0);
std::vector<float> impulse(std::size_t frames, std::size_t at = 0, float value = 1.0f);
// Exponential sine sweep from f0 to f1 Hz.
std::vector<float> sweep(double f0, double f1, double sampleRate, std::size_t frames, double amplitude = 1.0);

}  // namespace wstudio::testsupport

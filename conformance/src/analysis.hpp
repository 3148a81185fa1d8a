// Measurements on rendered audio, shared by the checks.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>

#include "signals.hpp"

namespace wstudio::conformance {

inline constexpr size_t kToEnd = std::numeric_limits<size_t>::max();

struct Peak {
  double value = 0.0;  // magnitude
  size_t channel = 0;
  size_t frame = 0;
};

// Largest |x| over frames [from, to) of every channel.
Peak maxAbs(const Audio& audio, size_t from = 0, size_t to = kToEnd);

// Largest |x[n] - 2 x[n-1] + x[n-2]| over [from, to): how sharply the waveform bends. A step
// (zipper noise, a click) shows as a spike far above what a smooth signal produces.
Peak maxSecondDifference(const Audio& audio, size_t from = 0, size_t to = kToEnd);

// First frame (in any channel) at or after `from` with |x| > threshold.
std::optional<size_t> firstAbove(const Audio& audio, double threshold, size_t from = 0);

struct Difference {
  size_t channel = 0;
  size_t frame = 0;
  float a = 0.0f;
  float b = 0.0f;
};

// First sample that is not bit-identical between a and b over [from, to).
std::optional<Difference> firstDifference(const Audio& a, const Audio& b, size_t from = 0,
                                          size_t to = kToEnd);
// "output sample 1234 of channel 0 is 0.25 instead of 0.5"
std::string describe(const Difference& difference);

double toDb(double gain);  // -inf safe: returns -999 for 0

}  // namespace wstudio::conformance

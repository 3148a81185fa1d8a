// Measurements on rendered audio, shared by the checks (multi-channel) and, one channel at a time,
// by testsupport/ (tests only). Part of wstudio_signals.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>

#include "wstudio/conformance/signals.hpp"

namespace wstudio::conformance {

inline constexpr size_t kToEnd = std::numeric_limits<size_t>::max();

struct Peak {
  double value = 0.0;  // magnitude
  size_t channel = 0;
  size_t frame = 0;
};

// Largest |x| over frames [from, to) of every channel (of one channel: channel 0).
Peak maxAbs(const Audio& audio, size_t from = 0, size_t to = kToEnd);
Peak maxAbs(std::span<const float> x, size_t from = 0, size_t to = kToEnd);

// Largest |x[n] - 2 x[n-1] + x[n-2]| over [from, to): how sharply the waveform bends. A step
// (zipper noise, a click) shows as a spike far above what a smooth signal produces.
Peak maxSecondDifference(const Audio& audio, size_t from = 0, size_t to = kToEnd);
Peak maxSecondDifference(std::span<const float> x, size_t from = 0, size_t to = kToEnd);

// First frame (in any channel) at or after `from` with |x| > threshold.
std::optional<size_t> firstAbove(const Audio& audio, double threshold, size_t from = 0);
std::optional<size_t> firstAbove(std::span<const float> x, double threshold, size_t from = 0);

struct Difference {
  size_t channel = 0;
  size_t frame = 0;
  float a = 0.0f;
  float b = 0.0f;
};

// First sample that is not bit-identical between a and b over [from, to).
std::optional<Difference> firstDifference(const Audio& a, const Audio& b, size_t from = 0,
                                          size_t to = kToEnd);
double toDb(double gain);  // -inf safe: returns -999 for 0

}  // namespace wstudio::conformance

// The delay's pure functions: note divisions, the feedback soft limiter and the tail length.
#pragma once

#include <cmath>
#include <cstdint>

#include <wsp/dsp/math.hpp>

namespace wsp_delay {

inline constexpr double kMaxDelayMs = 5000.0;

// Note divisions, shortest first; D = dotted (x 1.5), T = triplet (x 2/3).
inline constexpr const char* kDivisionNames =
    "1/64|1/32T|1/32|1/16T|1/32D|1/16|1/8T|1/16D|1/8|1/4T|1/8D|1/4|1/2T|1/4D|1/2|1/1T|1/2D|1/1";
// Length of each division in quarter notes.
inline constexpr double kDivisionBeats[] = {
    1.0 / 16.0, 1.0 / 12.0, 1.0 / 8.0, 1.0 / 6.0, 3.0 / 16.0, 1.0 / 4.0,
    1.0 / 3.0,  3.0 / 8.0,  1.0 / 2.0, 2.0 / 3.0, 3.0 / 4.0,  1.0,
    4.0 / 3.0,  3.0 / 2.0,  2.0,       8.0 / 3.0, 3.0,        4.0,
};
inline constexpr uint32_t kDivisionCount = sizeof(kDivisionBeats) / sizeof(kDivisionBeats[0]);

// Length in ms of a division at a tempo (quarter notes per minute).
inline double syncedMs(uint32_t division, double bpm) {
  const uint32_t d = division < kDivisionCount ? division : kDivisionCount - 1;
  return kDivisionBeats[d] * 60000.0 / bpm;
}

// Feedback limiter: exactly linear below the knee (so repeats of normal material decay by exactly
// the feedback factor), then a tanh curve with matching slope that never exceeds 1. With feedback
// above 100 % the loop grows until the limiter's gain reduction balances it: a stable,
// saturating self-oscillation.
inline constexpr float kLimiterKnee = 0.6f;

inline float softLimit(float x) noexcept {
  const float a = std::fabs(x);
  if (a <= kLimiterKnee) return x;
  constexpr float range = 1.0f - kLimiterKnee;
  const float y = kLimiterKnee + range * wsp::dsp::fastTanh((a - kLimiterKnee) / range);
  return x < 0.0f ? -y : y;
}

// Frames until the repeats fall 90 dB below the first echo: enough repeats of the longest delay
// (feedback^repeats <= -90 dB), plus 0.2 s for the loop filters to ring out. Saturates below
// UINT32_MAX, which means "infinite" and is reserved for feedback >= 100 %.
inline uint32_t tailSamples(double feedback, double longestDelaySamples, double sampleRate) {
  double repeats = 1.0;
  if (feedback > 1e-6) repeats += std::ceil(-4.5 / std::log10(feedback));
  const double frames = repeats * longestDelaySamples + 0.2 * sampleRate;
  return frames >= 4.0e9 ? uint32_t(4000000000u) : static_cast<uint32_t>(std::ceil(frames));
}

}  // namespace wsp_delay

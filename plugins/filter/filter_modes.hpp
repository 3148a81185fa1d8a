// The filter's modes: which SVF output each stage takes, and the stage Qs for a given resonance.
#pragma once

#include <cmath>
#include <cstdint>

#include <wsp/dsp/svf.hpp>

namespace wsp_filter {

// Order = the "mode" choice indices (stored in sessions).
enum class Mode : uint32_t { Lp12, Lp24, Hp12, Hp24, Bp12, Bp24, Notch12, Notch24, Peak12, Peak24 };

inline constexpr bool isFourPole(Mode m) { return (uint32_t(m) & 1u) != 0; }

// One SVF step's output for a mode.
template <Mode M>
inline float select(const wsp::dsp::SvfOutputs& o) noexcept {
  if constexpr (M == Mode::Lp12 || M == Mode::Lp24) return o.lowpass;
  if constexpr (M == Mode::Hp12 || M == Mode::Hp24) return o.highpass;
  if constexpr (M == Mode::Bp12 || M == Mode::Bp24) return o.bandpass;
  if constexpr (M == Mode::Notch12 || M == Mode::Notch24) return o.notch;
  return o.peak;
}

struct StageQ {
  double first;
  double second;  // unused by the 12 dB/oct modes
};

// Resonance q is the Q of the 12 dB/oct response. For 24 dB/oct:
//  - LP/HP: a 4th-order Butterworth at q = 1/sqrt(2) (stage Qs 0.5412 and 1.3066, -3 dB at the
//    cutoff, maximally flat); more resonance raises the second stage's Q in proportion;
//  - BP/notch: two equal stages (narrower band, wider notch), 0 dB peak / zero at the cutoff;
//  - peak: two equal stages of sqrt(q / 2), so that the peak gain (2q) matches Peak 12 and
//    q = 0.5 is flat in both.
inline StageQ stageQ(Mode m, double q) noexcept {
  switch (m) {
    case Mode::Lp24:
    case Mode::Hp24:
      return {0.54119610, q * 1.84775907};
    case Mode::Peak12:
    case Mode::Peak24:
      return m == Mode::Peak12 ? StageQ{q, q} : StageQ{std::sqrt(0.5 * q), std::sqrt(0.5 * q)};
    default:
      return {q, q};
  }
}

}  // namespace wsp_filter

// Coefficient design for the EQ's filter groups: the four bands (cookbook shelves and bells) and
// the low/high cut filters (Butterworth cascades of cookbook high/low passes). Pure functions of
// the parameter values, so the plugin can recompute them per sub-block while a parameter glides.
#pragma once

#include <cmath>
#include <cstddef>

#include <wsp/dsp/biquad.hpp>
#include <wsp/dsp/math.hpp>

namespace wsp_eq {

using wsp::dsp::BiquadCoefficients;
using wsp::dsp::BiquadType;

inline constexpr std::size_t kMaxCutSections = 4;  // 48 dB/oct = 8th order = 4 biquads

// Identity (pass-through) coefficients.
inline constexpr BiquadCoefficients kIdentity{};

inline bool isIdentity(const BiquadCoefficients& c) {
  return c.b0 == 1.0 && c.b1 == 0.0 && c.b2 == 0.0 && c.a1 == 0.0 && c.a2 == 0.0;
}

// Q of biquad section `i` (0-based) of an order-`order` (even) Butterworth filter: the pole pair
// at angle (2i + 1) pi / (2 order) from the negative real axis, Q = 1 / (2 cos(angle)).
// Sections come out in rising Q, so the gentle ones run first (better headroom).
inline double butterworthQ(int order, int i) {
  const double angle = (2.0 * i + 1.0) * wsp::dsp::kPi / (2.0 * order);
  return 1.0 / (2.0 * std::cos(angle));
}

// Sections of a cut filter: `slopeIndex` 0..3 = 12/24/36/48 dB/oct. Cascading cookbook sections
// (each bilinear-prewarped at the cutoff) with Butterworth Q's gives the digital Butterworth
// response: exactly -3 dB at the cutoff, order * 6 dB/oct beyond it. Unused sections are identity.
inline void designCut(BiquadType type, bool on, int slopeIndex, double sampleRate, double hz,
                      BiquadCoefficients (&out)[kMaxCutSections]) {
  const int sections = on ? slopeIndex + 1 : 0;
  const int order = 2 * sections;
  for (int i = 0; i < int(kMaxCutSections); ++i) {
    out[i] = i < sections
                 ? BiquadCoefficients::design(type, sampleRate, hz, butterworthQ(order, i))
                 : kIdentity;
  }
}

// One band. A band that is off or at 0 dB is exactly identity (and is then skipped).
inline BiquadCoefficients designBand(BiquadType type, bool on, double sampleRate, double hz,
                                     double q, double gainDb) {
  if (!on || gainDb == 0.0) return kIdentity;
  return BiquadCoefficients::design(type, sampleRate, hz, q, gainDb);
}

// Rough ring-out time of a section, in seconds (for wsp_tail): 60 dB of decay of its slowest pole,
// ~6.9 time constants. Poles of s^2 + s/Q + 1 decay with tau = 2Q/w0 (Q >= 0.5) or, overdamped,
// ~1/(Q w0); shelves move their poles by up to A^(1/2) = 10^(|gain|/40), counted conservatively.
inline double ringSeconds(double hz, double q, double gainDb) {
  const double w0 = wsp::dsp::kTwoPi * (hz > 1.0 ? hz : 1.0);
  const double tau = (2.0 * q > 1.0 / q ? 2.0 * q : 1.0 / q) / w0;
  return 7.0 * tau * std::pow(10.0, std::fabs(gainDb) / 40.0);
}

}  // namespace wsp_eq

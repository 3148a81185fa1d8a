// Tremolo LFO shapes and the autopan law, as cheap per-sample functions.
#pragma once

#include <wsp/dsp/lfo.hpp>
#include <wsp/dsp/math.hpp>

namespace wsp_tremolo {

// Triangle in phase with a sine (0 at phase 0, +1 at 0.25, -1 at 0.75); phase in [0, 1).
inline float triangle(double phase) {
  return wsp::dsp::Lfo::shape(wsp::dsp::LfoWaveform::Triangle, phase);
}

// Square with softened edges: the triangle scaled by `steepness` (>= 1), clamped to [-1, 1] and
// rounded by the cubic 1.5 t - 0.5 t^3 (slope 0 where it meets +-1), so each edge is a smooth
// S of 1 / (2 steepness) of a period. Steepness 1 is a rounded triangle.
inline float softSquare(double phase, float steepness) {
  const float t = wsp::dsp::clamp(triangle(phase) * steepness, -1.0f, 1.0f);
  return t * (1.5f - 0.5f * t * t);
}

// Autopan gains for pan position p in [-1, 1]: left = cos(x) - sin(x), right = cos(x) + sin(x)
// with x = p pi/4, i.e. sqrt(2) cos/sin(pi/4 +- x): left^2 + right^2 = 2 at every position
// (constant power), exactly 1 and 1 at the centre, +3 dB on one side at the extremes.
// cos and sin by their Taylor series to x^9 / x^10 on |x| <= pi/4 (error < 3e-8, below float
// resolution): no transcendental call per sample.
struct PanGains {
  float left, right;
};
inline PanGains autopanGains(float p) {
  const float x = wsp::dsp::clamp(p, -1.0f, 1.0f) * 0.785398163f;
  const float x2 = x * x;
  const float c = 1.0f + x2 * (-0.5f + x2 * (1.0f / 24 + x2 * (-1.0f / 720 + x2 * (1.0f / 40320))));
  const float s = x * (1.0f + x2 * (-1.0f / 6 + x2 * (1.0f / 120 + x2 * (-1.0f / 5040 + x2 * (1.0f / 362880)))));
  return {c - s, c + s};
}

}  // namespace wsp_tremolo

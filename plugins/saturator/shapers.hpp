// The saturator's four transfer curves, applied at the 4x rate. Each has slope 1 at 0 (a small
// signal passes at unity gain at 0 dB drive) and maps any finite input to a finite output.
#pragma once

#include <cmath>

#include <wsp/dsp/math.hpp>
#include <wsp/dsp/waveshaper.hpp>

namespace saturator {

// Order = the "type" choice indices (stored in sessions).
enum class ShapeType : unsigned { Tape, Tube, HardClip, Foldback };

// Tube: tanh of a biased input, re-centred (f(0) = 0) and divided by its slope at 0, so positive
// swings compress earlier than negative ones: even harmonics plus a level-dependent DC offset
// (removed by a DC blocker after the shaper).
inline constexpr float kTubeBias = 0.3f;

struct TubeCurve {
  float offset;        // tanh(bias)
  float inverseSlope;  // 1 / (1 - tanh(bias)^2)
};

inline TubeCurve tubeCurve() noexcept {
  const float t = wsp::dsp::fastTanh(kTubeBias);
  return {t, 1.0f / (1.0f - t * t)};
}

// Foldback, same curve as wsp::dsp::foldback (identity on [-1, 1], mirrored beyond, period 4),
// written with floor instead of fmod: WebAssembly has f32.floor but no fmod instruction, and this
// runs four times per sample.
inline float foldbackFloor(float x) noexcept {
  const float t = (wsp::dsp::clamp(x, -1.0e6f, 1.0e6f) + 1.0f) * 0.25f;
  return 1.0f - std::fabs(4.0f * (t - std::floor(t)) - 2.0f);
}

template <ShapeType Type>
inline float shape(float x, const TubeCurve& tube) noexcept {
  if constexpr (Type == ShapeType::Tape) {
    (void)tube;
    return wsp::dsp::tanhClip(x);
  } else if constexpr (Type == ShapeType::Tube) {
    return (wsp::dsp::fastTanh(x + kTubeBias) - tube.offset) * tube.inverseSlope;
  } else if constexpr (Type == ShapeType::HardClip) {
    (void)tube;
    return wsp::dsp::hardClip(x);
  } else {
    (void)tube;
    return foldbackFloor(x);
  }
}

}  // namespace saturator

// Memoryless clippers and waveshapers. Each maps 0 to 0 and is bounded to [-1, 1] for any finite
// input; the small-signal slope (gain at 0) is 1 unless stated. Distortion makes harmonics above
// Nyquist: run these inside an Oversampler (oversampler.hpp) to keep aliasing down.
#pragma once

#include <cmath>
#include <numbers>

#include "math.hpp"

namespace wsp::dsp {

// Odd-symmetric: f(-x) = -f(x), so only odd harmonics.
inline float hardClip(float x) noexcept { return clamp(x, -1.0f, 1.0f); }

// Cubic soft clip: 1.5 x - 0.5 x^3 inside [-1, 1], +-1 outside. Smooth (C1) at the knee; slope
// 1.5 at 0. Odd-symmetric.
inline float softClipCubic(float x) noexcept {
  const float c = clamp(x, -1.0f, 1.0f);
  return 1.5f * c - 0.5f * c * c * c;
}

// tanh saturation, the classic. Odd-symmetric. Uses fastTanh (error < 1e-4).
inline float tanhClip(float x) noexcept { return fastTanh(x); }

// (2/pi) atan(x): softer knee than tanh, approaches +-1 slowly. Slope 2/pi at 0. Odd-symmetric.
inline float atanClip(float x) noexcept {
  return static_cast<float>(2.0 / std::numbers::pi) * std::atan(x);
}

// Tube-like asymmetric saturation: tanh of a biased input, re-centred so f(0) = 0 and scaled into
// [-1, 1] (slope at 0: (1 - tanh(bias)^2) / (1 + |tanh(bias)|), 0.71 for bias 0.3). `bias` (typically 0.1..0.5) sets the asymmetry: positive swings clip earlier than
// negative ones, which adds even harmonics and a DC offset that depends on the level. Follow it
// with a DcBlocker.
inline float asymmetricClip(float x, float bias = 0.3f) noexcept {
  const float offset = fastTanh(bias);
  return (fastTanh(x + bias) - offset) / (1.0f + std::fabs(offset));
}

// Foldback: reflects the signal back from +-1 instead of clipping it, as often as needed, so hot
// inputs fold into a busy, metallic spectrum. Odd-symmetric, continuous, bounded to [-1, 1].
inline float foldback(float x) noexcept {
  // Triangle-wave mapping with period 4: identity on [-1, 1], mirrored beyond. The input is
  // limited so fmod stays exact and infinities cannot produce NaN.
  const float c = clamp(x, -1.0e6f, 1.0e6f);
  return std::fabs(std::fmod(std::fabs(c - 1.0f), 4.0f) - 2.0f) - 1.0f;
}

enum class ShaperType { HardClip, SoftClipCubic, Tanh, Atan, Asymmetric, Foldback };

// A shaper with drive: y = shape(drive * x). Drive is the input gain in dB (0 dB = unity).
class Waveshaper {
 public:
  void setType(ShaperType type) noexcept { type_ = type; }
  void setDriveDb(float driveDb) noexcept { drive_ = dbToGain(clamp(driveDb, -24.0f, 48.0f)); }
  void setBias(float bias) noexcept { bias_ = clamp(bias, -1.0f, 1.0f); }  // Asymmetric only

  float process(float x) const noexcept {
    const float in = drive_ * x;
    switch (type_) {
      case ShaperType::HardClip:
        return hardClip(in);
      case ShaperType::SoftClipCubic:
        return softClipCubic(in);
      case ShaperType::Tanh:
        return tanhClip(in);
      case ShaperType::Atan:
        return atanClip(in);
      case ShaperType::Asymmetric:
        return asymmetricClip(in, bias_);
      case ShaperType::Foldback:
        return foldback(in);
    }
    return in;
  }

 private:
  ShaperType type_ = ShaperType::Tanh;
  float drive_ = 1.0f;
  float bias_ = 0.3f;
};

}  // namespace wsp::dsp

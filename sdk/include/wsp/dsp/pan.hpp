// Pan and balance laws, mid/side and stereo width. Pan and balance positions run from -1 (hard
// left) through 0 (centre) to +1 (hard right); values outside are clamped.
#pragma once

#include <cmath>

#include "math.hpp"

namespace wsp::dsp {

// Gains to apply to the left and right channels.
struct StereoGains {
  float left = 1.0f;
  float right = 1.0f;
};

// One stereo frame.
struct StereoSample {
  float left = 0.0f;
  float right = 0.0f;
};

// Mono source into stereo, constant power: left^2 + right^2 = 1 at every position, so loudness
// does not dip in the middle. Centre = cos(pi/4) = -3.01 dB per side.
inline StereoGains constantPowerPan(float pan) noexcept {
  const double angle = (static_cast<double>(clamp(pan, -1.0f, 1.0f)) + 1.0) * kPi * 0.25;
  return {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
}

// Mono source into stereo, linear: left + right = 1. Centre = 0.5 = -6.02 dB per side.
inline StereoGains linearPan(float pan) noexcept {
  const float p = clamp(pan, -1.0f, 1.0f);
  return {0.5f * (1.0f - p), 0.5f * (1.0f + p)};
}

// Stereo balance: attenuates only the opposite side, linearly. Centre = unity on both sides;
// +1 keeps the right channel and mutes the left.
inline StereoGains balance(float position) noexcept {
  const float p = clamp(position, -1.0f, 1.0f);
  return {p > 0.0f ? 1.0f - p : 1.0f, p < 0.0f ? 1.0f + p : 1.0f};
}

// Mid/side with the 1/2 on encode, so decode(encode(x)) == x exactly (in exact arithmetic) and a
// mono signal has mid == the signal, side == 0.
struct MidSide {
  float mid = 0.0f;
  float side = 0.0f;
};

inline MidSide encodeMidSide(float left, float right) noexcept {
  return {0.5f * (left + right), 0.5f * (left - right)};
}

inline StereoSample decodeMidSide(MidSide ms) noexcept {
  return {ms.mid + ms.side, ms.mid - ms.side};
}

// Scales the side signal: width 0 = mono, 1 = unchanged, 2 = side doubled. Negative widths are
// clamped to 0 (a channel swap is not a width).
inline StereoSample stereoWidth(float left, float right, float width) noexcept {
  MidSide ms = encodeMidSide(left, right);
  ms.side *= width > 0.0f ? width : 0.0f;
  return decodeMidSide(ms);
}

}  // namespace wsp::dsp

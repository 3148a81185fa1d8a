// The whole utility signal path is linear and memoryless, so it folds into one 2x2 matrix per
// sample (or per sub-block while no parameter glides): out = matrix * (left, right).
#pragma once

#include <cmath>
#include <cstdint>

namespace wsp_utility {

// Order matters: ids and names are in the descriptor and in saved sessions.
enum class ChannelMode : uint32_t { Stereo, Mono, Swap, LeftOnly, RightOnly };

struct StereoMatrix {
  float ll = 1.0f, lr = 0.0f;  // left out  = ll * left + lr * right
  float rl = 0.0f, rr = 1.0f;  // right out = rl * left + rr * right

  StereoMatrix then(const StereoMatrix& next) const {
    return {next.ll * ll + next.lr * rl, next.ll * lr + next.lr * rr,
            next.rl * ll + next.rr * rl, next.rl * lr + next.rr * rr};
  }
};

inline StereoMatrix channelModeMatrix(ChannelMode mode) {
  switch (mode) {
    case ChannelMode::Mono: return {0.5f, 0.5f, 0.5f, 0.5f};
    case ChannelMode::Swap: return {0.0f, 1.0f, 1.0f, 0.0f};
    case ChannelMode::LeftOnly: return {1.0f, 0.0f, 1.0f, 0.0f};
    case ChannelMode::RightOnly: return {0.0f, 1.0f, 0.0f, 1.0f};
    case ChannelMode::Stereo: break;
  }
  return {};
}

inline StereoMatrix polarityMatrix(bool invertLeft, bool invertRight) {
  return {invertLeft ? -1.0f : 1.0f, 0.0f, 0.0f, invertRight ? -1.0f : 1.0f};
}

// Mid/side width: 0 = mono, 1 = unchanged, 2 = side doubled.
inline StereoMatrix widthMatrix(float width) {
  const float same = 0.5f * (1.0f + width);
  const float cross = 0.5f * (1.0f - width);
  return {same, cross, cross, same};
}

// Constant-power balance, pan in -1..+1: the two gains trace a quarter circle, so the summed power
// of a centred source stays constant across the sweep. Scaled by sqrt(2) so that centre is unity
// (hard left/right is then +3 dB on one side). Written as cos(x) -/+ sin(x), which equals
// sqrt(2) * cos/sin(pi/4 + x), so that the defaults are bit-exact unity: the utility must be
// transparent when nothing is turned.
inline StereoMatrix panGainMatrix(float pan, float gainDb) {
  const float x = pan * 0.785398163f;                  // pan * pi/4
  const float gain = std::exp(gainDb * 0.115129255f);  // 10^(dB/20) = e^(dB * ln(10)/20)
  const float left = (std::cos(x) - std::sin(x)) * gain;
  const float right = (std::cos(x) + std::sin(x)) * gain;
  return {left, 0.0f, 0.0f, right};
}

}  // namespace wsp_utility

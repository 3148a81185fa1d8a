// The compressor's static curve (Giannoulis, Massberg & Reiss, "Digital Dynamic Range Compressor
// Design", JAES 2012), as gain reduction in dB (>= 0) for an input level in dB:
//   below the knee (2 (x - T) < -W):  0
//   in the knee    (|2 (x - T)| <= W): (1 - 1/R) (x - T + W/2)^2 / (2 W)
//   above the knee (2 (x - T) > W):   (1 - 1/R) (x - T)
// so the output level is x below the threshold, T + (x - T)/R above it, joined by a quadratic.
#pragma once

namespace wsp_compressor {

struct GainComputer {
  float threshold = -18.0f;  // T, dB
  float slope = 0.75f;       // 1 - 1/R
  float knee = 6.0f;         // W, dB (0 = hard knee)

  // Selects instead of branches, so that a loop over a block vectorises. With a hard knee
  // (W = 0) the quadratic divides by zero, but it is then never selected.
  float reductionDb(float levelDb) const {
    const float over = levelDb - threshold;
    const float d = over + 0.5f * knee;
    const float quadratic = slope * d * d / (2.0f * knee);
    const float aboveOrIn = 2.0f * over < knee ? quadratic : slope * over;
    return 2.0f * over <= -knee ? 0.0f : aboveOrIn;
  }
};

}  // namespace wsp_compressor

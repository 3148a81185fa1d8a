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

  // Level (dB) from which the reduction is non-zero: T - W/2.
  float kneeStart() const { return threshold - 0.5f * knee; }

  float reductionDb(float levelDb) const {
    const float over = levelDb - threshold;
    if (2.0f * over <= -knee) return 0.0f;
    if (2.0f * over < knee) {
      const float d = over + 0.5f * knee;
      return slope * d * d / (2.0f * knee);
    }
    return slope * over;
  }
};

}  // namespace wsp_compressor

// The K-weighting of ITU-R BS.1770 (a high shelf of about +4 dB above 1.5 kHz, then a high-pass
// near 38 Hz) at any sample rate: the filter every loudness figure in LUFS is measured through.
// The two biquads are designed from their analog prototypes' corner, gain and Q, so that 48 kHz
// gives the standard's published coefficients and other rates the same response.
#pragma once

#include <cmath>

namespace wstudio::engine {

struct KWeightingBiquad {
  double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

struct KWeightingDesign {
  KWeightingBiquad shelf, highPass;

  static KWeightingDesign at(double sampleRate) {
    constexpr double kPi = 3.14159265358979323846;
    KWeightingDesign d;
    {
      constexpr double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
      const double k = std::tan(kPi * f0 / sampleRate);
      const double vh = std::pow(10.0, gainDb / 20.0);
      const double vb = std::pow(vh, 0.4996667741545416);
      const double a0 = 1.0 + k / q + k * k;
      d.shelf = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
    {
      constexpr double f0 = 38.13547087602444, q = 0.5003270373238773;
      const double k = std::tan(kPi * f0 / sampleRate);
      const double a0 = 1.0 + k / q + k * k;
      d.highPass = {1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
    }
    return d;
  }
};

// One channel's filter state (transposed direct form II, in double: the high-pass sits at
// 38 Hz, where float's rounding would show in the figure).
struct KWeightingState {
  double s1 = 0, s2 = 0, h1 = 0, h2 = 0;

  // Returns the sum of squares of `x` after K-weighting.
  double sumOfSquares(const KWeightingDesign& d, const float* x, unsigned frames) {
    double sum = 0;
    for (unsigned i = 0; i < frames; ++i) {
      const double in = x[i];
      const double shelved = d.shelf.b0 * in + s1;
      s1 = d.shelf.b1 * in - d.shelf.a1 * shelved + s2;
      s2 = d.shelf.b2 * in - d.shelf.a2 * shelved;
      const double y = d.highPass.b0 * shelved + h1;
      h1 = d.highPass.b1 * shelved - d.highPass.a1 * y + h2;
      h2 = d.highPass.b2 * shelved - d.highPass.a2 * y;
      sum += y * y;
    }
    // Denormal hygiene: a decaying state is flushed (the meter runs after the fader, in silence too).
    auto flush = [](double& v) { if (std::fabs(v) < 1e-30) v = 0; };
    flush(s1), flush(s2), flush(h1), flush(h2);
    return sum;
  }
};

}  // namespace wstudio::engine

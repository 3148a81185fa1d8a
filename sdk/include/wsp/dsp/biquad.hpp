// RBJ "Audio EQ Cookbook" biquads: coefficient design (in double), magnitude response, and a
// transposed-direct-form-II filter (in float) with click-free coefficient ramps.
#pragma once

#include <cmath>
#include <span>

#include "math.hpp"

namespace wsp::dsp {

enum class BiquadType {
  Lowpass,    // 12 dB/oct, -3 dB at f0 for q = 0.7071
  Highpass,   // 12 dB/oct, -3 dB at f0 for q = 0.7071
  Bandpass,   // constant 0 dB peak gain at f0, q sets the width
  Notch,      // zero gain at f0
  Peaking,    // gainDb at f0, 0 dB far away (bell EQ)
  LowShelf,   // gainDb below f0, 0 dB above; gainDb/2 at f0
  HighShelf,  // gainDb above f0, 0 dB below; gainDb/2 at f0
  Allpass,    // unity magnitude, 180 degrees of phase shift at f0
};

// Q giving a bandwidth of `octaves` between the -3 dB points (Bandpass, Notch) or the
// midpoint-gain points (Peaking), per the cookbook's bilinear-warped formula.
inline double qFromBandwidth(double octaves, double frequencyHz, double sampleRate) noexcept {
  const double w0 = kTwoPi * clamp(frequencyHz / sampleRate, 1e-6, 0.499);
  const double bw = clamp(octaves, 1e-3, 10.0);
  return 1.0 / (2.0 * std::sinh(std::log(2.0) / 2.0 * bw * w0 / std::sin(w0)));
}

// Q of a shelf with the cookbook's slope S: S = 1 is the steepest slope without overshoot,
// smaller S is gentler. Slopes above 1 (which overshoot) are clamped to 1.
inline double qFromShelfSlope(double slope, double gainDb) noexcept {
  const double a = std::pow(10.0, gainDb / 40.0);
  const double s = clamp(slope, 1e-3, 1.0);
  return 1.0 / std::sqrt((a + 1.0 / a) * (1.0 / s - 1.0) + 2.0);
}

// Normalised (a0 = 1) coefficients: y = b0 x + b1 x[-1] + b2 x[-2] - a1 y[-1] - a2 y[-2].
// Designed in double because low cutoffs lose precision in float cos().
struct BiquadCoefficients {
  double b0 = 1.0;
  double b1 = 0.0;
  double b2 = 0.0;
  double a1 = 0.0;
  double a2 = 0.0;

  // Any type by enum (for multimode filters and EQ bands). Inputs are sanitised, so any values
  // give a stable filter: frequency is clamped to [1e-5, 0.49] * sampleRate, q to [0.025, 200],
  // gainDb (used only by Peaking and the shelves) to [-60, 60].
  static BiquadCoefficients design(BiquadType type, double sampleRate, double frequencyHz,
                                   double q, double gainDb = 0.0) noexcept;

  static BiquadCoefficients lowpass(double sr, double hz, double q) noexcept {
    return design(BiquadType::Lowpass, sr, hz, q);
  }
  static BiquadCoefficients highpass(double sr, double hz, double q) noexcept {
    return design(BiquadType::Highpass, sr, hz, q);
  }
  static BiquadCoefficients bandpass(double sr, double hz, double q) noexcept {
    return design(BiquadType::Bandpass, sr, hz, q);
  }
  static BiquadCoefficients notch(double sr, double hz, double q) noexcept {
    return design(BiquadType::Notch, sr, hz, q);
  }
  static BiquadCoefficients allpass(double sr, double hz, double q) noexcept {
    return design(BiquadType::Allpass, sr, hz, q);
  }
  static BiquadCoefficients peaking(double sr, double hz, double q, double gainDb) noexcept {
    return design(BiquadType::Peaking, sr, hz, q, gainDb);
  }
  static BiquadCoefficients lowShelf(double sr, double hz, double q, double gainDb) noexcept {
    return design(BiquadType::LowShelf, sr, hz, q, gainDb);
  }
  static BiquadCoefficients highShelf(double sr, double hz, double q, double gainDb) noexcept {
    return design(BiquadType::HighShelf, sr, hz, q, gainDb);
  }

  // |H| at frequencyHz, linear. For tests and for drawing EQ curves (not for the audio thread's
  // inner loop: it costs a few cos/sin).
  double magnitude(double frequencyHz, double sampleRate) const noexcept {
    const double w = kTwoPi * frequencyHz / sampleRate;
    const double c1 = std::cos(w), s1 = std::sin(w);
    const double c2 = std::cos(2.0 * w), s2 = std::sin(2.0 * w);
    const double nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
    const double dr = 1.0 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
    return std::sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
  }
  double magnitudeDb(double frequencyHz, double sampleRate) const noexcept {
    return 20.0 * std::log10(std::fmax(magnitude(frequencyHz, sampleRate), 1e-15));
  }
};

inline BiquadCoefficients BiquadCoefficients::design(BiquadType type, double sampleRate,
                                                     double frequencyHz, double q,
                                                     double gainDb) noexcept {
  const double w0 = kTwoPi * clamp(frequencyHz / sampleRate, 1e-5, 0.49);
  const double cosw = std::cos(w0);
  const double alpha = std::sin(w0) / (2.0 * clamp(q, 0.025, 200.0));
  const double a = std::pow(10.0, clamp(gainDb, -60.0, 60.0) / 40.0);
  const double shelfTerm = 2.0 * std::sqrt(a) * alpha;

  double b0 = 1.0, b1 = 0.0, b2 = 0.0, a0 = 1.0, a1 = -2.0 * cosw, a2 = 1.0;
  switch (type) {
    case BiquadType::Lowpass:
      b0 = b2 = (1.0 - cosw) / 2.0;
      b1 = 1.0 - cosw;
      a0 = 1.0 + alpha;
      a2 = 1.0 - alpha;
      break;
    case BiquadType::Highpass:
      b0 = b2 = (1.0 + cosw) / 2.0;
      b1 = -(1.0 + cosw);
      a0 = 1.0 + alpha;
      a2 = 1.0 - alpha;
      break;
    case BiquadType::Bandpass:
      b0 = alpha;
      b1 = 0.0;
      b2 = -alpha;
      a0 = 1.0 + alpha;
      a2 = 1.0 - alpha;
      break;
    case BiquadType::Notch:
      b0 = b2 = 1.0;
      b1 = -2.0 * cosw;
      a0 = 1.0 + alpha;
      a2 = 1.0 - alpha;
      break;
    case BiquadType::Allpass:
      b0 = 1.0 - alpha;
      b1 = -2.0 * cosw;
      b2 = 1.0 + alpha;
      a0 = 1.0 + alpha;
      a2 = 1.0 - alpha;
      break;
    case BiquadType::Peaking:
      b0 = 1.0 + alpha * a;
      b1 = -2.0 * cosw;
      b2 = 1.0 - alpha * a;
      a0 = 1.0 + alpha / a;
      a2 = 1.0 - alpha / a;
      break;
    case BiquadType::LowShelf:
      b0 = a * ((a + 1.0) - (a - 1.0) * cosw + shelfTerm);
      b1 = 2.0 * a * ((a - 1.0) - (a + 1.0) * cosw);
      b2 = a * ((a + 1.0) - (a - 1.0) * cosw - shelfTerm);
      a0 = (a + 1.0) + (a - 1.0) * cosw + shelfTerm;
      a1 = -2.0 * ((a - 1.0) + (a + 1.0) * cosw);
      a2 = (a + 1.0) + (a - 1.0) * cosw - shelfTerm;
      break;
    case BiquadType::HighShelf:
      b0 = a * ((a + 1.0) + (a - 1.0) * cosw + shelfTerm);
      b1 = -2.0 * a * ((a - 1.0) + (a + 1.0) * cosw);
      b2 = a * ((a + 1.0) + (a - 1.0) * cosw - shelfTerm);
      a0 = (a + 1.0) - (a - 1.0) * cosw + shelfTerm;
      a1 = 2.0 * ((a - 1.0) - (a + 1.0) * cosw);
      a2 = (a + 1.0) - (a - 1.0) * cosw - shelfTerm;
      break;
  }
  return {b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0};
}

// One channel of biquad filtering, transposed direct form II (two state variables, good float
// behaviour, tolerant of coefficient changes). Starts as a pass-through.
class Biquad {
 public:
  // Switches to new coefficients at once (cancels any ramp). Use when the filter is silent or
  // when first configuring; use rampTo() while audio runs.
  void setCoefficients(const BiquadCoefficients& c) noexcept {
    current_ = toFloat(c);
    rampRemaining_ = 0;
  }

  // Moves every coefficient linearly to `c` over `samples` samples (samples <= 0: at once).
  // Interpolation stays stable because the set of stable (a1, a2) pairs is convex; a ramp of
  // ~64 samples removes the clicks of a coefficient jump. A new rampTo() starts from wherever the
  // previous one got to.
  void rampTo(const BiquadCoefficients& c, int samples) noexcept {
    if (samples <= 0) {
      setCoefficients(c);
      return;
    }
    target_ = toFloat(c);
    const float inv = 1.0f / static_cast<float>(samples);
    step_ = {(target_.b0 - current_.b0) * inv, (target_.b1 - current_.b1) * inv,
             (target_.b2 - current_.b2) * inv, (target_.a1 - current_.a1) * inv,
             (target_.a2 - current_.a2) * inv};
    rampRemaining_ = samples;
  }

  bool isRamping() const noexcept { return rampRemaining_ > 0; }

  // Clears the signal state (not the coefficients).
  void reset() noexcept { s1_ = s2_ = 0.0f; }

  float process(float x) noexcept {
    if (rampRemaining_ > 0) advanceRamp();
    const float y = current_.b0 * x + s1_;
    s1_ = flushDenormal(current_.b1 * x - current_.a1 * y + s2_);
    s2_ = flushDenormal(current_.b2 * x - current_.a2 * y);
    return y;
  }

  void process(std::span<float> samples) noexcept {
    for (float& s : samples) s = process(s);
  }

 private:
  friend class BiquadSeries;  // runs sections as SIMD lanes (biquad_series.hpp)

  struct Coefficients {
    float b0 = 1.0f, b1 = 0.0f, b2 = 0.0f, a1 = 0.0f, a2 = 0.0f;
  };

  static Coefficients toFloat(const BiquadCoefficients& c) noexcept {
    return {static_cast<float>(c.b0), static_cast<float>(c.b1), static_cast<float>(c.b2),
            static_cast<float>(c.a1), static_cast<float>(c.a2)};
  }

  void advanceRamp() noexcept {
    if (--rampRemaining_ == 0) {
      current_ = target_;  // land exactly, without accumulated rounding
      return;
    }
    current_.b0 += step_.b0;
    current_.b1 += step_.b1;
    current_.b2 += step_.b2;
    current_.a1 += step_.a1;
    current_.a2 += step_.a2;
  }

  Coefficients current_;
  Coefficients target_;
  Coefficients step_;
  int rampRemaining_ = 0;
  float s1_ = 0.0f;
  float s2_ = 0.0f;
};

}  // namespace wsp::dsp

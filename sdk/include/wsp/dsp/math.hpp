// Scalar helpers shared by every block: unit conversions, clamping, denormal flushing and a fast
// tanh. All are pure functions, safe on the audio thread.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "wsp/dsp/denormal.hpp"  // flushDenormal, kDenormalThreshold (dsp_core: shared with the engine)

namespace wsp::dsp {

inline constexpr double kPi = std::numbers::pi;
inline constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Clamps x to [lo, hi]. Unlike std::clamp, NaN maps to lo, so a clamped parameter is always usable.
template <typename T>
// Written as two independent selects (not nested ones) so that compilers if-convert it and
// loops that clamp (shapers over an oversampled block) still vectorise; same result for every
// input, NaN included.
constexpr T clamp(T x, T lo, T hi) noexcept {
  const T upper = x < hi ? x : hi;
  return x > lo ? upper : lo;
}

// Amplitude decibels (20 log10): 0 dB = gain 1, -6.02 dB = gain 0.5.
inline float dbToGain(float db) noexcept { return std::pow(10.0f, db * 0.05f); }

// Inverse of dbToGain. Gains at or below the floor (including 0, negatives and NaN) return
// floorDb, so meters and curves never see -inf.
inline float gainToDb(float gain, float floorDb = -120.0f) noexcept {
  return gain > dbToGain(floorDb) ? 20.0f * std::log10(gain) : floorDb;
}

// Equal-tempered pitch: note 69 (A4) = a4Hz, 12 notes per octave. Fractional notes are allowed
// (pitch bend, detune).
inline float midiNoteToHz(float note, float a4Hz = 440.0f) noexcept {
  return a4Hz * std::exp2((note - 69.0f) / 12.0f);
}

// Milliseconds to a (fractional) number of samples.
inline double msToSamples(double ms, double sampleRate) noexcept { return ms * 0.001 * sampleRate; }

// Per-sample coefficient c of a one-pole smoother y += (1 - c)(x - y) whose step response reaches
// 1 - 1/e (63.2 %) of a step after timeMs. timeMs <= 0 gives c = 0 (no smoothing).
inline double timeConstantCoefficient(double timeMs, double sampleRate) noexcept {
  const double samples = msToSamples(timeMs, sampleRate);
  return samples > 0.0 ? std::exp(-1.0 / samples) : 0.0;
}

// tan(pi x) for x in [0, 0.5) (a bilinear-transform prewarp: x = cutoff / sample rate), without
// calling tan(). Lambert's continued fraction for tan truncated to the [7/6] rational function
// on [0, pi/4], and tan(pi x) = 1 / tan(pi (1/2 - x)) above: max relative error 2e-13 over
// [1e-5, 0.49] (svf_test checks 1e-12), far below float resolution: the float filter
// coefficients are those std::tan gives, or 1 ulp apart. Filters that sweep their cutoff
// every sample (filter plugin, modulated SVFs) spent most of their coefficient time in tan();
// this costs one division (callgrind, native: setCutoff + process 157 -> 90 instructions), and
// wasm's tan (musl, called out of the module's code) gains more.
inline double tanPi(double x) noexcept {
  const bool upper = x > 0.25;
  const double t = kPi * (upper ? 0.5 - x : x);
  const double t2 = t * t;
  const double num = t * (135135.0 - t2 * (17325.0 - t2 * (378.0 - t2)));
  const double den = 135135.0 - t2 * (62370.0 - t2 * (3150.0 - 28.0 * t2));
  return upper ? den / num : num / den;
}

// 2^x and log2(x) in double without libm, for per-sample modulation in double (a cutoff moved in
// octaves). In WebAssembly libm is musl compiled into the module, much slower than the host's for
// double exp2; these are plain arithmetic, so both builds cost about the same. For float work,
// std::exp2f/log2f stay faster (measured in the compressor, docs/BENCHMARKS.md). Relative error
// below 1e-8 (exp2: |x| < 1000; log2: any finite x > 0).
inline double fastExp2(double x) noexcept {
  if (!(x > -1000.0)) return x != x ? x : 0.0;  // NaN stays NaN; far below: 0
  if (x > 1000.0) return HUGE_VAL;
  const double n = std::nearbyint(x);  // |f| <= 1/2 keeps the series short
  const double f = (x - n) * std::numbers::ln2;
  // e^f, Taylor to f^8/8!: |f| <= 0.347 leaves a remainder below 4e-10.
  const double p =
      1.0 + f * (1.0 + f * (1.0 / 2 + f * (1.0 / 6 + f * (1.0 / 24 + f * (1.0 / 120 + f * (1.0 / 720 +
      f * (1.0 / 5040 + f * (1.0 / 40320))))))));
  // Scale by 2^n through the exponent bits; two steps so that n down to -1000 stays exact.
  const auto half = static_cast<int64_t>(n) / 2;
  const double a = std::bit_cast<double>(static_cast<uint64_t>(half + 1023) << 52);
  const double b = std::bit_cast<double>(static_cast<uint64_t>(static_cast<int64_t>(n) - half + 1023) << 52);
  return p * a * b;
}

inline double fastLog2(double x) noexcept {
  if (!(x > 0.0)) return x == 0.0 ? -HUGE_VAL : std::numeric_limits<double>::quiet_NaN();
  if (x == HUGE_VAL) return x;
  uint64_t bits = std::bit_cast<uint64_t>(x);
  int exponent = static_cast<int>((bits >> 52) & 0x7ff);
  if (exponent == 0) {  // subnormal: normalise first
    bits = std::bit_cast<uint64_t>(x * 18014398509481984.0);  // 2^54
    exponent = static_cast<int>((bits >> 52) & 0x7ff) - 54;
  }
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)).
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull);
  int e = exponent - 1023;
  if (m > std::numbers::sqrt2) {
    m *= 0.5;
    ++e;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172: odd series to s^13.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  const double series =
      s * (1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11 + s2 * (1.0 / 13)))))));
  return double(e) + 2.0 * series / std::numbers::ln2;
}

// 2^x and log2(x) in float, branch-free so that loops over blocks vectorise (SSE natively,
// WebAssembly SIMD later), and without libm (in WebAssembly libm is musl compiled into the
// module). For dynamics: levels and gains in dB. Accuracy (math_test checks over the whole
// range): fastLog2f within 2e-7 + 6e-8 |log2 x| absolute (the second term is the float
// rounding of the result; 1.2e-6 dB near 0 dBFS) for every positive normal float; fastExp2f
// within 3e-7 relative (2.6e-6 dB) on [-126, 127]. Both are exact where unity gain depends on
// it: fastLog2f(1) = 0 and fastExp2f(n) = 2^n for integers n.
inline float fastLog2f(float x) noexcept {
  // Inputs below the smallest normal float (0, negatives, subnormals, NaN) read as it: -126.
  const float v = x > 1.17549435e-38f ? x : 1.17549435e-38f;
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)): subtract sqrt(1/2)'s bits so the exponent field
  // steps at sqrt(1/2) * 2^k instead of at 2^k.
  const uint32_t bits = std::bit_cast<uint32_t>(v);
  const int32_t e = static_cast<int32_t>(bits - 0x3f3504f3u) >> 23;
  const float m = std::bit_cast<float>(bits - (static_cast<uint32_t>(e) << 23));
  // log2(m) = (2 / ln 2) atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series to s^7
  // leaves a remainder below 5e-8.
  const float s = (m - 1.0f) / (m + 1.0f);
  const float s2 = s * s;
  const float series = s * (2.88539008f + s2 * (0.961796694f + s2 * (0.577078016f + s2 * 0.412198583f)));
  return static_cast<float>(e) + series;
}

inline float fastExp2f(float x) noexcept {
  const float c = clamp(x, -126.0f, 127.0f);  // NaN -> -126
  // Round to the nearest integer with plain float arithmetic (no libm, no rounding-mode
  // instruction SSE2 lacks): adding 1.5 * 2^23 leaves no fraction bits.
  constexpr float kRound = 12582912.0f;
  const float n = (c + kRound) - kRound;
  const float f = c - n;  // [-0.5, 0.5]
  // 2^f = e^(f ln 2), Taylor to the 6th power: remainder below 1.2e-7 for |f ln 2| <= 0.347.
  const float p =
      1.0f + f * (0.693147181f + f * (0.240226507f + f * (0.0555041087f + f * (0.00961812911f +
      f * (0.00133335581f + f * 0.000154035304f)))));
  const float scale = std::bit_cast<float>(static_cast<uint32_t>(static_cast<int32_t>(n) + 127) << 23);
  return p * scale;
}

// tanh approximation: the [7/6] Pade (Lambert continued fraction) approximant, with the input
// clamped to +-4.97 where it meets 1. Max absolute error vs std::tanh < 1e-4 for every x;
// exactly odd, monotonic to within one rounding, and bounded: over every float in [0, 4.97] the
// quotient stays at or below 0.9999995 (math_test), so no output clamp is needed (one select
// pair less per sample in shaper loops). About 3x cheaper than std::tanh.
inline float fastTanh(float x) noexcept {
  const float c = clamp(x, -4.97f, 4.97f);
  const float x2 = c * c;
  const float num = c * (135135.0f + x2 * (17325.0f + x2 * (378.0f + x2)));
  const float den = 135135.0f + x2 * (62370.0f + x2 * (3150.0f + 28.0f * x2));
  return num / den;
}

}  // namespace wsp::dsp

// Up to four biquad sections in series on a stereo pair, as a pipeline across SIMD lanes: lane j
// holds section j, which at step t filters sample t - j, so all four sections advance together
// and each step's input to section j is section j - 1's output of the step before (a lane shift).
// A step costs about what one section costs run alone: one vector per channel instead of four
// sections x two channels of scalar recursions. The pipeline fills over the first count - 1 steps
// and drains over the last count - 1; there the lanes that have no sample of this block keep
// their state. Every sample of every section sees the same operations in the same order as
// Biquad::process(), so the output is bit-identical to running the sections one after the other.
#pragma once

#include <bit>
#include <cstdint>

#include "biquad.hpp"

namespace wsp::dsp {

class BiquadSeries {
 public:
  static constexpr int kMaxSections = 4;

  // Runs left[j] over l and right[j] over r for j = 0 .. count - 1 (count 1..4), in place, over
  // n samples. The filters of a section must hold equal coefficients (a stereo pair designed
  // together) and none may be ramping.
  static void processStereo(Biquad* const* left, Biquad* const* right, int count, float* l, float* r,
                            uint32_t n) noexcept {
    if (n == 0) return;
#if defined(__GNUC__) || defined(__clang__)
    switch (count) {
      case 1: return pipeline<1>(left, right, l, r, n);
      case 2: return pipeline<2>(left, right, l, r, n);
      case 3: return pipeline<3>(left, right, l, r, n);
      case 4: return pipeline<4>(left, right, l, r, n);
      default: break;
    }
#endif
    for (int j = 0; j < count; ++j) {
      for (uint32_t i = 0; i < n; ++i) l[i] = left[j]->process(l[i]);
      for (uint32_t i = 0; i < n; ++i) r[i] = right[j]->process(r[i]);
    }
  }

 private:
#if defined(__GNUC__) || defined(__clang__)
  // GCC/Clang vector extensions: plain IEEE element-wise operations (no reassociation), as SSE
  // natively and WebAssembly SIMD in the .wasm.
  using V = float __attribute__((vector_size(16)));
  using M = int32_t __attribute__((vector_size(16)));

  // (x0, x1, x2, x3) -> (x0, x0, x1, x2): each section's output moves on to the next lane.
  static V shiftUp(V x) noexcept {
#if defined(__clang__)
    return __builtin_shufflevector(x, x, 0, 0, 1, 2);
#else
    return __builtin_shuffle(x, M{0, 0, 1, 2});
#endif
  }

  // flushDenormal lane by lane (the same bit-pattern test): x where |x| >= threshold, else +0.
  static V flush(V x) noexcept {
    constexpr int32_t kThresholdBits = std::bit_cast<int32_t>(kDenormalThreshold);
    const M bits = (M)x;  // a vector cast between equal sizes reinterprets the bits
    const M tiny = (bits & M{0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff}) <
                   M{kThresholdBits, kThresholdBits, kThresholdBits, kThresholdBits};
    return (V)(bits & ~tiny);
  }

  static V select(M mask, V yes, V no) noexcept {
    return (V)(((M)yes & mask) | ((M)no & ~mask));
  }

  struct Channel {
    V s1, s2, y;
  };

  static V lanes(const float (&a)[4]) noexcept { return V{a[0], a[1], a[2], a[3]}; }

  template <int K>
  static Channel load(Biquad* const* f) noexcept {
    float s1[4] = {}, s2[4] = {};
    for (int j = 0; j < K; ++j) {
      s1[j] = f[j]->s1_;
      s2[j] = f[j]->s2_;
    }
    return Channel{lanes(s1), lanes(s2), V{}};
  }
  template <int K>
  static void store(const Channel& c, Biquad* const* f) noexcept {
    for (int j = 0; j < K; ++j) {
      f[j]->s1_ = c.s1[j];
      f[j]->s2_ = c.s2[j];
    }
  }

  struct Coefficients {
    V b0, b1, b2, a1, a2;
  };

  // One step of every lane of one channel; `x0` is the block's next sample (section 0's input).
  // Masked steps (pipeline fill and drain) keep the state of the lanes `valid` leaves out.
  template <bool Masked>
  static float step(const Coefficients& k, Channel& c, float x0, M valid, int last) noexcept {
    V x = shiftUp(c.y);
    x[0] = x0;
    const V y = k.b0 * x + c.s1;
    const V s1 = flush(k.b1 * x - k.a1 * y + c.s2);
    const V s2 = flush(k.b2 * x - k.a2 * y);
    if constexpr (Masked) {
      c.s1 = select(valid, s1, c.s1);
      c.s2 = select(valid, s2, c.s2);
    } else {
      (void)valid;
      c.s1 = s1;
      c.s2 = s2;
    }
    c.y = y;
    return y[last];
  }

  template <int K>
  static void pipeline(Biquad* const* left, Biquad* const* right, float* l, float* r,
                       uint32_t n) noexcept {
    float b0[4] = {}, b1[4] = {}, b2[4] = {}, a1[4] = {}, a2[4] = {};
    for (int j = 0; j < K; ++j) {
      const Biquad::Coefficients& c = left[j]->current_;
      b0[j] = c.b0, b1[j] = c.b1, b2[j] = c.b2, a1[j] = c.a1, a2[j] = c.a2;
    }
    const Coefficients k{lanes(b0), lanes(b1), lanes(b2), lanes(a1), lanes(a2)};
    Channel cl = load<K>(left), cr = load<K>(right);
    const M lane{0, 1, 2, 3};
    // Lane j at step t filters sample t - j: it has one of this block's iff 0 <= t - j < n.
    const auto valid = [&](uint32_t t) {
      const int32_t ti = int32_t(t), first = ti - int32_t(n);
      return (lane <= M{ti, ti, ti, ti}) & (lane > M{first, first, first, first});
    };
    constexpr uint32_t kFill = K - 1;
    const uint32_t steps = n + kFill;
    const uint32_t steadyEnd = n > kFill ? n : kFill;
    uint32_t t = 0;
    for (; t < kFill; ++t) {  // filling: only lanes 0..t have samples
      const M v = valid(t);
      const float x0l = t < n ? l[t] : 0.0f, x0r = t < n ? r[t] : 0.0f;
      step<true>(k, cl, x0l, v, K - 1);
      step<true>(k, cr, x0r, v, K - 1);
    }
    for (; t < steadyEnd; ++t) {  // every lane has a sample
      const float yl = step<false>(k, cl, l[t], M{}, K - 1);
      const float yr = step<false>(k, cr, r[t], M{}, K - 1);
      l[t - kFill] = yl;
      r[t - kFill] = yr;
    }
    for (; t < steps; ++t) {  // draining: lane 0 .. t - n have finished
      const M v = valid(t);
      const float yl = step<true>(k, cl, 0.0f, v, K - 1);
      const float yr = step<true>(k, cr, 0.0f, v, K - 1);
      l[t - kFill] = yl;
      r[t - kFill] = yr;
    }
    store<K>(cl, left);
    store<K>(cr, right);
  }
#endif
};

}  // namespace wsp::dsp

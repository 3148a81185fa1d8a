// Linear-phase halfband FIR stages for 2x oversampling (used by Oversampler).
//
// A halfband lowpass cuts at a quarter of its (high) sample rate, i.e. at the base rate's
// Nyquist. Every other tap of its impulse response is zero and the centre tap is 1/2, so the
// polyphase up- and down-samplers below spend about Taps/2 multiplies per base-rate sample.
// Taps must be 4k + 3 (odd length, centre at an odd index, non-zero end taps); the round trip
// up -> down then delays by exactly (Taps - 1) / 2 samples of the lower rate.
//
// Design: windowed sinc with a Kaiser window (beta below), computed once in double at
// construction; no allocation.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "math.hpp"

// A loop the compiler must not unroll (see HalfbandStage::symmetricSums).
#if defined(__clang__)
#define WSP_HALFBAND_NO_UNROLL _Pragma("clang loop unroll(disable)")
#elif defined(__GNUC__)
#define WSP_HALFBAND_NO_UNROLL _Pragma("GCC unroll 1")
#else
#define WSP_HALFBAND_NO_UNROLL
#endif

namespace wsp::dsp {

namespace detail {

// Modified Bessel function of the first kind, order 0 (power series), for the Kaiser window.
inline double besselI0(double x) noexcept {
  double sum = 1.0, term = 1.0;
  for (int k = 1; k < 64 && term > 1e-17 * sum; ++k) {
    const double r = x / (2.0 * k);
    term *= r * r;
    sum += term;
  }
  return sum;
}

// The non-zero, off-centre taps of a halfband: h[centre +- (2j + 1)], j = 0 .. count-1, scaled
// so that the polyphase branch they form sums to exactly 1/2 (unity gain at DC after
// up/down-sampling).
template <std::size_t Count>
std::array<double, Count> designHalfbandTaps(double kaiserBeta) noexcept {
  std::array<double, Count> taps{};
  const double halfLength = static_cast<double>(2 * Count);  // distance centre -> beyond last tap
  double sum = 0.0;
  for (std::size_t j = 0; j < Count; ++j) {
    const double n = static_cast<double>(2 * j + 1);  // offset from the centre
    const double sinc = std::sin(kPi * n / 2.0) / (kPi * n);
    const double r = n / halfLength;
    const double window = besselI0(kaiserBeta * std::sqrt(1.0 - r * r)) / besselI0(kaiserBeta);
    taps[j] = sinc * window;
    sum += 2.0 * taps[j];
  }
  for (double& t : taps) t *= 0.5 / sum;
  return taps;
}

}  // namespace detail

// One 2x stage. Taps = total FIR length (4k + 3); KaiserBetaX10 = Kaiser beta * 10 (integer so it
// can be a template argument): 90 gives ~90 dB of stopband rejection.
//
// Histories are linear, oldest first, with room for kMaxBlock new samples after the kHist older
// ones; when full, the newest kHist samples slide back to the front (once per kMaxBlock samples).
// Every FIR window is then one contiguous run, with no modulo and no wrap, and a whole block of
// outputs can be computed in one loop that the compiler vectorises across outputs (upsampleBlock,
// downsampleBlock). The per-sample and block calls share that state and may be mixed freely; both
// do the very same float operations in the very same order, so they give identical bits.
template <std::size_t Taps, int KaiserBetaX10 = 90>
class HalfbandStage {
  static_assert(Taps % 4 == 3, "halfband length must be 4k + 3");

 public:
  // Non-zero off-centre taps on each side of the centre.
  static constexpr std::size_t kSideTaps = (Taps + 1) / 4;
  // Round-trip delay (up then down) in samples of the lower rate.
  static constexpr std::size_t kRoundTripLatency = (Taps - 1) / 2;
  // Low-rate samples a history holds beyond the window (block calls take any length, in pieces).
  static constexpr std::size_t kMaxBlock = 256;

  HalfbandStage() noexcept {
    const auto taps = detail::designHalfbandTaps<kSideTaps>(KaiserBetaX10 / 10.0);
    for (std::size_t j = 0; j < kSideTaps; ++j) taps_[j] = static_cast<float>(taps[j]);
#if defined(__GNUC__) || defined(__clang__)
    for (std::size_t j = 0; j < kSideTaps; ++j) tapVectors_[j] = V{} + taps_[j];
#endif
  }

  void reset() noexcept {
    up_.fill(0.0f);
    down_.fill(0.0f);
    odd_.fill(0.0f);
    upFill_ = downFill_ = kHist;
  }

  // One low-rate sample in, two high-rate samples out (in time order), with gain 1 in the
  // passband.
  void upsample(float x, float& first, float& second) noexcept {
    // Zero-stuffing (x, 0), gain 2, then the FIR. The first output phase sees only the
    // off-centre taps, which pair up symmetrically around the centre; the second phase sees only
    // the centre tap (1/2, times the gain 2): the input S - 1 samples ago (window index S).
    if (upFill_ == kSize) slide(up_, upFill_);
    up_[upFill_] = x;
    const float* w = &up_[upFill_ - kHist];  // the window, oldest first: w[2S - 1] = x
    first = 2.0f * symmetricSum(w);
    second = w[kSideTaps];
    ++upFill_;
  }

  // `frames` low-rate samples in, 2 * frames high-rate samples out (interleaved in time order:
  // out[2i], out[2i + 1] = upsample(in[i])). in and out must not overlap.
  void upsampleBlock(const float* in, float* out, std::size_t frames) noexcept {
    while (frames > 0) {
      if (upFill_ == kSize) slide(up_, upFill_);
      const std::size_t n = frames < kSize - upFill_ ? frames : kSize - upFill_;
      for (std::size_t i = 0; i < n; ++i) up_[upFill_ + i] = in[i];
      const float* w = &up_[upFill_ - kHist];
      // The sums go to the upper half of this piece's output, which interleave() then fills
      // from the front without overtaking them, rather than to a stack array: in a session
      // each instance's stack is cold at every call (sdk/README.md, "Fast in a session").
      float* sums = out + n;
      symmetricSums(w, sums, n);
      interleave(sums, w + kSideTaps, out, n);
      upFill_ += n;
      in += n;
      out += 2 * n;
      frames -= n;
    }
  }

  // Two high-rate samples in (in time order), one low-rate sample out.
  float downsample(float first, float second) noexcept {
    // The FIR output at the phase of `first` (so that up -> down is an integer delay): the
    // off-centre taps meet only `first` samples, the centre tap (1/2) meets the `second` sample
    // of S pairs ago.
    if (downFill_ == kSize) slide2(down_, odd_, downFill_);
    down_[downFill_] = first;
    const float y = symmetricSum(&down_[downFill_ - kHist]) + 0.5f * odd_[downFill_ - kSideTaps];
    odd_[downFill_] = second;
    ++downFill_;
    return y;
  }

  // 2 * frames high-rate samples in (interleaved pairs, as downsample(in[2i], in[2i + 1])),
  // `frames` low-rate samples out. in and out must not overlap.
  void downsampleBlock(const float* in, float* out, std::size_t frames) noexcept {
    while (frames > 0) {
      if (downFill_ == kSize) slide2(down_, odd_, downFill_);
      const std::size_t n = frames < kSize - downFill_ ? frames : kSize - downFill_;
      deinterleave(in, &down_[downFill_], &odd_[downFill_], n);
      symmetricSums(&down_[downFill_ - kHist], out, n);
      const float* odd = &odd_[downFill_ - kSideTaps];
      for (std::size_t i = 0; i < n; ++i) out[i] = out[i] + 0.5f * odd[i];
      downFill_ += n;
      in += 2 * n;
      out += n;
      frames -= n;
    }
  }

 private:
#if defined(__GNUC__) || defined(__clang__)
  // Four floats as one SSE / WebAssembly SIMD register (GCC/Clang vector extensions: plain
  // IEEE element-wise operations, no reassociation), loaded and stored unaligned.
  using V = float __attribute__((vector_size(16)));
  static V vload(const float* p) noexcept {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static void vstore(float* p, V v) noexcept { std::memcpy(p, &v, sizeof v); }
  template <int A, int B, int C, int D>
  static V shuffle(V x, V y) noexcept {
#if defined(__clang__)
    return __builtin_shufflevector(x, y, A, B, C, D);
#else
    using Mask = int __attribute__((vector_size(16)));
    return __builtin_shuffle(x, y, Mask{A, B, C, D});
#endif
  }
#endif

  static constexpr std::size_t kHist = 2 * kSideTaps - 1;  // older samples a window needs
  static constexpr std::size_t kSize = kHist + kMaxBlock;
  static constexpr std::size_t kGroupedTaps = kSideTaps / 4 * 4;  // taps in whole groups of four

  template <typename Array>
  static void slide(Array& a, std::size_t& fill) noexcept {
    for (std::size_t i = 0; i < kHist; ++i) a[i] = a[fill - kHist + i];
    fill = kHist;
  }
  template <typename Array>
  static void slide2(Array& a, Array& b, std::size_t& fill) noexcept {
    for (std::size_t i = 0; i < kHist; ++i) {
      a[i] = a[fill - kHist + i];
      b[i] = b[fill - kHist + i];
    }
    fill = kHist;
  }

  // The (de)interleaving of the polyphase branches, four pairs at a time as two vector
  // shuffles: as scalar loops clang left them half-vectorised for wasm (lane inserts and
  // extracts), which V8 runs slowly. Pure data movement: the same bits as the scalar loops.
  //   out[2i] = 2 * sums[i], out[2i + 1] = centre[i]
  // sums may be out + n: step i reads sums[i..i+3] before it writes out[2i..2i+7], which lies
  // below every sum a later step reads (2i + 7 < n + i + 4 for i + 4 <= n).
  static void interleave(const float* sums, const float* centre, float* out, std::size_t n) noexcept {
    std::size_t i = 0;
#if defined(__GNUC__) || defined(__clang__)
    for (; i + 4 <= n; i += 4) {
      const V even = vload(sums + i) * 2.0f;
      const V odd = vload(centre + i);
      vstore(out + 2 * i, shuffle<0, 4, 1, 5>(even, odd));
      vstore(out + 2 * i + 4, shuffle<2, 6, 3, 7>(even, odd));
    }
#endif
    for (; i < n; ++i) {
      out[2 * i] = 2.0f * sums[i];
      out[2 * i + 1] = centre[i];
    }
  }

  //   even[i] = in[2i], odd[i] = in[2i + 1]
  static void deinterleave(const float* in, float* even, float* odd, std::size_t n) noexcept {
    std::size_t i = 0;
#if defined(__GNUC__) || defined(__clang__)
    for (; i + 4 <= n; i += 4) {
      const V a = vload(in + 2 * i);
      const V b = vload(in + 2 * i + 4);
      vstore(even + i, shuffle<0, 2, 4, 6>(a, b));
      vstore(odd + i, shuffle<1, 3, 5, 7>(a, b));
    }
#endif
    for (; i < n; ++i) {
      even[i] = in[2 * i];
      odd[i] = in[2 * i + 1];
    }
  }

  // Off-centre taps applied to a window w (oldest first, 2S samples, w[2S - 1] the newest):
  // tap j pairs w[S + j] with w[S - 1 - j]. Four partial sums, not one: a single running sum
  // makes every multiply-add wait for the previous one (the compiler may not reorder float
  // additions); four chains run in parallel. The order of additions is fixed, so results stay
  // deterministic (ABI-18).
  float symmetricSum(const float* w) const noexcept {
    float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    std::size_t j = 0;
    for (; j + 4 <= kSideTaps; j += 4) {
      for (std::size_t k = 0; k < 4; ++k)
        acc[k] += taps_[j + k] * (w[kSideTaps + j + k] + w[kSideTaps - 1 - j - k]);
    }
    for (; j < kSideTaps; ++j) acc[0] += taps_[j] * (w[kSideTaps + j] + w[kSideTaps - 1 - j]);
    return (acc[0] + acc[1]) + (acc[2] + acc[3]);
  }

  // sums[i] = symmetricSum(w + i) for i < n, bit for bit: each output's additions are those of
  // symmetricSum, in its order (oversampler_test checks the bits), 16 outputs at a time in four
  // 4-lane vectors (GCC/Clang vector extensions: plain IEEE element-wise operations, no
  // reassociation, no -ffast-math). Partial sum k (taps k, k + 4, ...; the taps beyond the last
  // group of four go to partial 0, as in symmetricSum) is one short loop over its taps, not
  // one fully unrolled block of all taps and partials: V8 (TurboFan) issues a basic block's
  // linear-memory loads ahead of the arithmetic, so the unrolled form kept ~70 loaded vectors
  // and eight partial sums live at once and spilled most of them to the native stack (`node
  // --print-wasm-code`); a loop step holds 8 loads, the tap and 4 sums, all in registers. That,
  // and kMaxBlock 256 instead of 64 (a 128-frame block in one piece: fewer calls and slides),
  // took the saturator's .wasm from 4.3 to 3.4 us per stereo 128-frame block
  // (plugin_wasm_bench, docs/BENCHMARKS.md).
  void symmetricSums(const float* w, float* sums, std::size_t n) const noexcept {
    std::size_t i = 0;
#if defined(__GNUC__) || defined(__clang__)
    constexpr std::size_t kVectors = 4;
    for (; i + 4 * kVectors <= n; i += 4 * kVectors) {
      const float* p = w + i;
      V partial[4][kVectors];
#pragma GCC unroll 4
      for (std::size_t k = 0; k < 4; ++k) {
        V acc[kVectors] = {};
        const auto step = [&](std::size_t j) {
          const float* a = p + kSideTaps + j;
          const float* b = p + kSideTaps - 1 - j;
          const V t = tapVectors_[j];
#pragma GCC unroll 4
          for (std::size_t v = 0; v < kVectors; ++v) acc[v] += t * (vload(a + 4 * v) + vload(b + 4 * v));
        };
        WSP_HALFBAND_NO_UNROLL
        for (std::size_t j = k; j < kGroupedTaps; j += 4) step(j);
        if (k == 0) {
          WSP_HALFBAND_NO_UNROLL
          for (std::size_t j = kGroupedTaps; j < kSideTaps; ++j) step(j);
        }
#pragma GCC unroll 4
        for (std::size_t v = 0; v < kVectors; ++v) partial[k][v] = acc[v];
      }
#pragma GCC unroll 4
      for (std::size_t v = 0; v < kVectors; ++v)
        vstore(sums + i + 4 * v, (partial[0][v] + partial[1][v]) + (partial[2][v] + partial[3][v]));
    }
#endif
    for (; i < n; ++i) sums[i] = symmetricSum(w + i);
  }

  std::array<float, kSideTaps> taps_{};
#if defined(__GNUC__) || defined(__clang__)
  // taps_ broadcast to all lanes, once at construction: a loop step loads its tap as a vector.
  V tapVectors_[kSideTaps];
#endif
  std::array<float, kSize> up_{};
  std::array<float, kSize> down_{};
  std::array<float, kSize> odd_{};  // the `second` samples, aligned with down_
  std::size_t upFill_ = kHist;
  std::size_t downFill_ = kHist;
};

}  // namespace wsp::dsp

#undef WSP_HALFBAND_NO_UNROLL  // expanded where HalfbandStage is defined; not for includers

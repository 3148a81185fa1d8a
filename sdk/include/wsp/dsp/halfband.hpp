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

#include "math.hpp"

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
template <std::size_t Taps, int KaiserBetaX10 = 90>
class HalfbandStage {
  static_assert(Taps % 4 == 3, "halfband length must be 4k + 3");

 public:
  // Non-zero off-centre taps on each side of the centre.
  static constexpr std::size_t kSideTaps = (Taps + 1) / 4;
  // Round-trip delay (up then down) in samples of the lower rate.
  static constexpr std::size_t kRoundTripLatency = (Taps - 1) / 2;

  HalfbandStage() noexcept {
    const auto taps = detail::designHalfbandTaps<kSideTaps>(KaiserBetaX10 / 10.0);
    for (std::size_t j = 0; j < kSideTaps; ++j) taps_[j] = static_cast<float>(taps[j]);
  }

  void reset() noexcept {
    upHistory_.fill(0.0f);
    downHistory_.fill(0.0f);
    oddHistory_.fill(0.0f);
    upPos_ = downPos_ = oddPos_ = 0;
  }

  // One low-rate sample in, two high-rate samples out (in time order), with gain 1 in the
  // passband.
  void upsample(float x, float& first, float& second) noexcept {
    // Zero-stuffing (x, 0), gain 2, then the FIR. The first output phase sees only the
    // off-centre taps, which pair up symmetrically around the centre (history index S - 1 - j
    // and S + j, S = kSideTaps); the second phase sees only the centre tap (1/2, times the gain
    // 2): the input S - 1 samples ago.
    upPos_ = (upPos_ + kHistory - 1) % kHistory;
    upHistory_[upPos_] = x;
    upHistory_[upPos_ + kHistory] = x;  // mirrored copy: reads below never wrap
    const float* h = &upHistory_[upPos_];  // h[d] = input d samples ago
    first = 2.0f * symmetricSum(h);
    second = h[kSideTaps - 1];
  }

  // Two high-rate samples in (in time order), one low-rate sample out.
  float downsample(float first, float second) noexcept {
    // The FIR output at the phase of `first` (so that up -> down is an integer delay): the
    // off-centre taps meet only `first` samples, the centre tap (1/2) meets the `second` sample
    // of S pairs ago.
    downPos_ = (downPos_ + kHistory - 1) % kHistory;
    downHistory_[downPos_] = first;
    downHistory_[downPos_ + kHistory] = first;
    const float y = symmetricSum(&downHistory_[downPos_]) + 0.5f * oddHistory_[oddPos_];
    oddHistory_[oddPos_] = second;
    oddPos_ = (oddPos_ + 1) % kSideTaps;
    return y;
  }

 private:
  static constexpr std::size_t kHistory = 2 * kSideTaps;

  // Off-centre taps applied to a history h (h[d] = d samples ago): tap j pairs h[S - 1 - j] with
  // h[S + j]. Four partial sums, not one: a single running sum makes every multiply-add wait for
  // the previous one (the compiler may not reorder float additions), which made this loop the
  // bulk of an oversampled plugin's cost; four chains run in parallel and vectorise. The order of
  // additions is fixed, so results stay deterministic (ABI-18).
  float symmetricSum(const float* h) const noexcept {
    float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    std::size_t j = 0;
    for (; j + 4 <= kSideTaps; j += 4) {
      for (std::size_t k = 0; k < 4; ++k)
        acc[k] += taps_[j + k] * (h[kSideTaps - 1 - j - k] + h[kSideTaps + j + k]);
    }
    for (; j < kSideTaps; ++j) acc[0] += taps_[j] * (h[kSideTaps - 1 - j] + h[kSideTaps + j]);
    return (acc[0] + acc[1]) + (acc[2] + acc[3]);
  }

  std::array<float, kSideTaps> taps_{};
  std::array<float, 2 * kHistory> upHistory_{};
  std::array<float, 2 * kHistory> downHistory_{};
  std::array<float, kSideTaps> oddHistory_{};
  std::size_t upPos_ = 0;
  std::size_t downPos_ = 0;
  std::size_t oddPos_ = 0;
};

}  // namespace wsp::dsp

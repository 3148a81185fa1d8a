// The limiter's gain computer: turns the per-sample required gain (ceiling / |x|, at most 1) into
// a smooth gain that is never above the requirement of the sample it is applied to, D samples
// later (D = the lookahead, the plugin's latency).
//
//   hold:    h[n] = min(req[n - H + 1 .. n]), H = D + 1 (sliding minimum, monotonic deque)
//   release: e[n] = h[n] if h[n] < e[n-1], else h[n] + a (e[n-1] - h[n])   (so e <= h)
//   smooth:  two moving averages of lengths B1 + B2 = D + 2 (an S-shaped ramp over D samples)
// The output y[n] is a weighted mean of e[n - D .. n], and every one of those e[m] <= h[m] <=
// req[n - D] because each hold window [m - H + 1, m] contains n - D. So x[n - D] * y[n] never
// exceeds the ceiling (up to rounding, which the plugin's final clamp absorbs).
#pragma once

#include <cstddef>
#include <cstdint>

#include <wsp/dsp/heap_array.hpp>

namespace wsp_limiter {

class GainEnvelope {
 public:
  // [main] Room for lookaheads up to maxDelay samples. False when out of memory: the envelope
  // then holds nothing and must not be used until a prepare succeeds.
  [[nodiscard]] bool prepare(std::size_t maxDelay) {
    std::size_t cap = 4;
    while (cap < maxDelay + 2) cap <<= 1;
    // The zeros are never read: reset() fills the rings' used part, and a deque slot is written
    // before it is read.
    if (!dequeValue_.allocate(cap) || !dequeIndex_.allocate(cap) || !ring1_.allocate(cap) ||
        !ring2_.allocate(cap)) {
      dequeValue_.release();
      dequeIndex_.release();
      ring1_.release();
      ring2_.release();
      return false;
    }
    mask_ = cap - 1;
    configure(maxDelay < 1 ? 1 : maxDelay);
    return true;
  }

  // Sets the lookahead (1..maxDelay) and clears to "no reduction".
  void configure(std::size_t delay) {
    delay_ = delay;
    hold_ = delay + 1;
    box1_ = (delay + 2) / 2;
    box2_ = delay + 2 - box1_;
    reset();
  }

  void reset() {
    head_ = count_ = 0;
    time_ = 0;
    release_ = 1.0;
    for (std::size_t i = 0; i < box1_; ++i) ring1_[i] = 1.0;
    for (std::size_t i = 0; i < box2_; ++i) ring2_[i] = 1.0;
    pos1_ = pos2_ = 0;
    sum1_ = double(box1_);
    sum2_ = double(box2_);
  }

  // Per-sample release coefficient (0 = instant).
  void setReleaseCoefficient(double a) { releaseCoeff_ = a; }

  std::size_t delay() const { return delay_; }

  // True when no reduction is held or pending: the next outputs are exactly 1 while req stays 1.
  bool idle() const { return count_ == 0 && release_ == 1.0 && sum2_ == double(box2_) && sum1_ == double(box1_); }

  // Feeds the required gain of the newest sample, returns the gain for the sample D ago.
  double process(double req) {
    // Sliding minimum over the last H values; 1.0 (no reduction) is never stored.
    while (count_ > 0 && back() >= req) --count_;
    if (req < 1.0) {
      const std::size_t slot = (head_ + count_) & mask_;
      dequeValue_[slot] = req;
      dequeIndex_[slot] = time_;
      ++count_;
    }
    while (count_ > 0 && dequeIndex_[head_] + hold_ <= time_) {
      head_ = (head_ + 1) & mask_;
      --count_;
    }
    ++time_;
    const double held = count_ > 0 ? dequeValue_[head_] : 1.0;

    release_ = held < release_ ? held : held + releaseCoeff_ * (release_ - held);
    if (release_ > held - 1e-12) release_ = held;  // arrive exactly (1.0 again: idle)

    const double avg1 = advance(ring1_.data(), pos1_, box1_, sum1_, release_) / double(box1_);
    return advance(ring2_.data(), pos2_, box2_, sum2_, avg1) / double(box2_);
  }

 private:
  double back() const { return dequeValue_[(head_ + count_ - 1) & mask_]; }

  // Moving sum: replaces the oldest value with v. The sum is recomputed exactly once per lap so
  // that rounding cannot accumulate.
  static double advance(double* ring, std::size_t& pos, std::size_t length, double& sum,
                        double v) {
    sum += v - ring[pos];
    ring[pos] = v;
    if (++pos == length) {
      pos = 0;
      double exact = 0.0;
      for (std::size_t i = 0; i < length; ++i) exact += ring[i];
      sum = exact;
    }
    return sum;
  }

  wsp::dsp::HeapArray<double> dequeValue_;
  wsp::dsp::HeapArray<uint64_t> dequeIndex_;
  wsp::dsp::HeapArray<double> ring1_, ring2_;
  std::size_t mask_ = 0;  // ring size - 1 (a power of two)
  std::size_t head_ = 0, count_ = 0;
  uint64_t time_ = 0;
  std::size_t delay_ = 1, hold_ = 2, box1_ = 1, box2_ = 2;
  std::size_t pos1_ = 0, pos2_ = 0;
  double sum1_ = 1.0, sum2_ = 2.0;
  double release_ = 1.0;
  double releaseCoeff_ = 0.0;
};

}  // namespace wsp_limiter

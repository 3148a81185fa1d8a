#include "wstudio/engine/level_meter.hpp"

#include <algorithm>
#include <cmath>

#include <wsp/dsp/denormal.hpp>

namespace wstudio::engine {

namespace {

struct BlockLevel {
  float peak;
  double sumOfSquares;
};

// Eight independent lanes (peak as a select, squares summed in float) so that the loop
// vectorises: one running maximum or double sum is a chain the compiler may not reorder, and
// measured 2.8% of the 64-track benchmark. A lane sums at most 512 squares of a 4096-frame
// block: float's 24 bits keep the mean square within ~1e-5, far below what a meter shows.
BlockLevel measure(const float* x, uint32_t frames) {
  constexpr uint32_t kLanes = 8;
  float peak[kLanes] = {}, sum[kLanes] = {};
  uint32_t i = 0;
  for (; i + kLanes <= frames; i += kLanes) {
    for (uint32_t k = 0; k < kLanes; ++k) {
      const float a = std::fabs(x[i + k]);
      peak[k] = a > peak[k] ? a : peak[k];
      sum[k] += x[i + k] * x[i + k];
    }
  }
  BlockLevel level{0.0f, 0.0};
  for (; i < frames; ++i) {
    level.peak = std::max(level.peak, std::fabs(x[i]));
    level.sumOfSquares += double(x[i]) * double(x[i]);
  }
  for (uint32_t k = 0; k < kLanes; ++k) {
    level.peak = std::max(level.peak, peak[k]);
    level.sumOfSquares += double(sum[k]);
  }
  return level;
}

}  // namespace

void LevelMeter::update(const float* left, const float* right, uint32_t frames,
                        double sampleRate) {
  if (frames == 0) return;
  const float* channels[2] = {left, right};
  // One step of the exponential average per block, weighted by the block's duration.
  const double keep = std::exp(-double(frames) / (kRmsTimeConstantSeconds * sampleRate));
  for (int c = 0; c < 2; ++c) {
    const BlockLevel level = measure(channels[c], frames);
    if (level.peak > peak_[c].load(std::memory_order_relaxed)) {
      peak_[c].store(level.peak, std::memory_order_relaxed);
    }
    meanSquare_[c] = wsp::dsp::flushDenormal(keep * meanSquare_[c] +
                                             (1.0 - keep) * level.sumOfSquares / frames);
    rms_[c].store(float(std::sqrt(meanSquare_[c])), std::memory_order_relaxed);
  }
}

void LevelMeter::clear() {
  for (int c = 0; c < 2; ++c) {
    meanSquare_[c] = 0.0;
    peak_[c].store(0.0f, std::memory_order_relaxed);
    rms_[c].store(0.0f, std::memory_order_relaxed);
  }
}

void LevelMeter::adopt(const LevelMeter& previous) {
  for (int c = 0; c < 2; ++c) {
    meanSquare_[c] = previous.meanSquare_[c];
    peak_[c].store(previous.peak(c), std::memory_order_relaxed);
    rms_[c].store(previous.rms(c), std::memory_order_relaxed);
  }
}

}  // namespace wstudio::engine

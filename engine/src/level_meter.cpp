#include "wstudio/engine/level_meter.hpp"

#include <algorithm>
#include <cmath>

#include <wsp/dsp/math.hpp>

namespace wstudio::engine {

void LevelMeter::update(const float* left, const float* right, uint32_t frames,
                        double sampleRate) {
  if (frames == 0) return;
  const float* channels[2] = {left, right};
  // One step of the exponential average per block, weighted by the block's duration.
  const double keep = std::exp(-double(frames) / (kRmsTimeConstantSeconds * sampleRate));
  for (int c = 0; c < 2; ++c) {
    float blockPeak = 0.0f;
    double sum = 0.0;
    for (uint32_t i = 0; i < frames; ++i) {
      const float x = channels[c][i];
      blockPeak = std::max(blockPeak, std::fabs(x));
      sum += double(x) * double(x);
    }
    if (blockPeak > peak_[c].load(std::memory_order_relaxed)) {
      peak_[c].store(blockPeak, std::memory_order_relaxed);
    }
    meanSquare_[c] = wsp::dsp::flushDenormal(keep * meanSquare_[c] + (1.0 - keep) * sum / frames);
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

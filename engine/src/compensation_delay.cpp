#include "compensation_delay.hpp"

#include <algorithm>

namespace wstudio::engine {

CompensationDelay::CompensationDelay(uint32_t frames) : frames_(frames) {
  line_[0].assign(frames, 0.0f);
  line_[1].assign(frames, 0.0f);
}

// The line is a ring: each call works in at most two contiguous runs (up to the ring's end, then
// from its start), so the inner loops have no wrap test and vectorise.
void CompensationDelay::process(float* left, float* right, uint32_t count) {
  if (frames_ == 0) return;
  float* io[2] = {left, right};
  forEachRun(count, [&](uint32_t done, uint32_t at, uint32_t n) {
    for (int c = 0; c < 2; ++c) {
      float* x = io[c] + done;
      float* line = line_[c].data() + at;
      for (uint32_t i = 0; i < n; ++i) std::swap(x[i], line[i]);
    }
  });
}

void CompensationDelay::addDelayedTo(const float* left, const float* right, uint32_t count,
                                     float* destLeft, float* destRight) {
  if (frames_ == 0) {
    for (uint32_t i = 0; i < count; ++i) {
      destLeft[i] += left[i];
      destRight[i] += right[i];
    }
    return;
  }
  const float* in[2] = {left, right};
  float* dest[2] = {destLeft, destRight};
  forEachRun(count, [&](uint32_t done, uint32_t at, uint32_t n) {
    for (int c = 0; c < 2; ++c) {
      const float* x = in[c] + done;
      float* d = dest[c] + done;
      float* line = line_[c].data() + at;
      for (uint32_t i = 0; i < n; ++i) {
        d[i] += line[i];
        line[i] = x[i];
      }
    }
  });
}

void CompensationDelay::push(const float* left, const float* right, uint32_t count) {
  if (frames_ == 0) return;
  const float* in[2] = {left, right};
  forEachRun(count, [&](uint32_t done, uint32_t at, uint32_t n) {
    for (int c = 0; c < 2; ++c) std::copy_n(in[c] + done, n, line_[c].data() + at);
  });
}

void CompensationDelay::clear() {
  std::fill(line_[0].begin(), line_[0].end(), 0.0f);
  std::fill(line_[1].begin(), line_[1].end(), 0.0f);
  position_ = 0;
}

void CompensationDelay::adopt(const CompensationDelay& previous) {
  if (previous.frames_ != frames_) return;
  line_[0] = previous.line_[0];  // same size: copies into the existing storage
  line_[1] = previous.line_[1];
  position_ = previous.position_;
}

}  // namespace wstudio::engine

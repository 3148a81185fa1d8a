#include "compensation_delay.hpp"

#include <algorithm>

namespace wstudio::engine {

CompensationDelay::CompensationDelay(uint32_t frames) : frames_(frames) {
  line_[0].assign(frames, 0.0f);
  line_[1].assign(frames, 0.0f);
}

void CompensationDelay::process(float* left, float* right, uint32_t count) {
  if (frames_ == 0) return;
  float* io[2] = {left, right};
  uint32_t position = position_;
  for (uint32_t i = 0; i < count; ++i) {
    for (int c = 0; c < 2; ++c) std::swap(io[c][i], line_[c][position]);
    if (++position == frames_) position = 0;
  }
  position_ = position;
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
  uint32_t position = position_;
  for (uint32_t i = 0; i < count; ++i) {
    destLeft[i] += line_[0][position];
    destRight[i] += line_[1][position];
    line_[0][position] = left[i];
    line_[1][position] = right[i];
    if (++position == frames_) position = 0;
  }
  position_ = position;
}

void CompensationDelay::push(const float* left, const float* right, uint32_t count) {
  if (frames_ == 0) return;
  uint32_t position = position_;
  for (uint32_t i = 0; i < count; ++i) {
    line_[0][position] = left[i];
    line_[1][position] = right[i];
    if (++position == frames_) position = 0;
  }
  position_ = position;
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

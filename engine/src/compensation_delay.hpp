// A fixed stereo delay of a whole number of frames, for plugin delay compensation: it holds back
// a faster path until the slower ones reaching the same mix point catch up.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace wstudio::engine {

class CompensationDelay {
 public:
  // [main] Allocates the line; 0 frames passes the signal straight through.
  explicit CompensationDelay(uint32_t frames = 0);

  uint32_t frames() const { return frames_; }
  // [audio] Delays in place.
  void process(float* left, float* right, uint32_t count);
  // [audio] Adds the delayed signal into the destination, leaving the source as it is.
  void addDelayedTo(const float* left, const float* right, uint32_t count, float* destLeft,
                    float* destRight);
  // [audio] Feeds the line without reading it.
  void push(const float* left, const float* right, uint32_t count);
  void clear();
  // [audio] Takes the content of a line of the same length.
  void adopt(const CompensationDelay& previous);

 private:
  // Calls run(done, at, n) for consecutive runs of the next `count` frames: frames
  // [done, done + n) of the call meet ring positions [at, at + n); advances the position.
  template <typename Run>
  void forEachRun(uint32_t count, Run&& run) {
    for (uint32_t done = 0; done < count;) {
      const uint32_t n = std::min(count - done, frames_ - position_);
      run(done, position_, n);
      done += n;
      position_ = position_ + n == frames_ ? 0 : position_ + n;
    }
  }

  uint32_t frames_;
  std::vector<float> line_[2];
  uint32_t position_ = 0;
};

}  // namespace wstudio::engine

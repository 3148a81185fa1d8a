// A fixed stereo delay of a whole number of frames, for plugin delay compensation: it holds back
// a faster path until the slower ones reaching the same mix point catch up.
#pragma once

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
  uint32_t frames_;
  std::vector<float> line_[2];
  uint32_t position_ = 0;
};

}  // namespace wstudio::engine

// The audio a plugin's process() renders: one sub-block between two events (or the whole host
// block when there are none). Channel pointers already point at the sub-block's first frame.
#pragma once

#include <cstdint>

namespace wsp::sdk {

class Block {
 public:
  Block(float* const* inputs, uint32_t inputCount, float* const* outputs, uint32_t outputCount,
        uint32_t offset, uint32_t frames)
      : inputs_(inputs), outputs_(outputs), inputCount_(inputCount), outputCount_(outputCount),
        offset_(offset), frames_(frames) {}

  uint32_t frames() const { return frames_; }
  uint32_t inputCount() const { return inputCount_; }
  uint32_t outputCount() const { return outputCount_; }
  // channel < inputCount() / outputCount(). Inputs and outputs never alias.
  const float* input(uint32_t channel) const { return inputs_[channel] + offset_; }
  float* output(uint32_t channel) const { return outputs_[channel] + offset_; }
  // input(channel), writable: once read, this sub-block's frames may serve as scratch for the
  // rest of the call. The host refills inputs before every call and never reads them back
  // (ABI-9), and their lines are warm from that refill, where a stack array is cold at every
  // call in a session (sdk/README.md, "Fast in a session").
  float* scratchInput(uint32_t channel) const { return inputs_[channel] + offset_; }
  // Where this sub-block starts inside the host's block (rarely needed).
  uint32_t offset() const { return offset_; }

 private:
  float* const* inputs_;
  float* const* outputs_;
  uint32_t inputCount_;
  uint32_t outputCount_;
  uint32_t offset_;
  uint32_t frames_;
};

}  // namespace wsp::sdk

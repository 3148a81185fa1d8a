// Audio held in memory: planar float channels at one sample rate. What decoding produces, what
// resampling and encoding take, and what the engine's sources play from.
#pragma once

#include <cstddef>
#include <vector>

namespace wstudio::media {

struct AudioBuffer {
  int sampleRate = 48000;
  // One vector per channel, all the same length; full scale is [-1, 1].
  std::vector<std::vector<float>> channels;

  std::size_t frames() const { return channels.empty() ? 0 : channels.front().size(); }
  int channelCount() const { return static_cast<int>(channels.size()); }
  double seconds() const { return static_cast<double>(frames()) / sampleRate; }
};

// `channelCount` channels of `frames` zeros.
AudioBuffer silentBuffer(int channelCount, std::size_t frames, int sampleRate);

}  // namespace wstudio::media

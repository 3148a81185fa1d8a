#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media {

AudioBuffer silentBuffer(int channelCount, std::size_t frames, int sampleRate) {
  AudioBuffer buffer;
  buffer.sampleRate = sampleRate;
  buffer.channels.assign(static_cast<std::size_t>(channelCount), std::vector<float>(frames, 0.0f));
  return buffer;
}

}  // namespace wstudio::media

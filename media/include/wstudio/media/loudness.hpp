// Programme loudness (EBU R128 / ITU-R BS.1770-4 integrated loudness, LUFS) and true peak
// (dBTP, 4x or more oversampled), measured with libebur128.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media {

struct Loudness {
  double integratedLufs;  // -infinity for silence (everything below the -70 LUFS gate)
  double truePeakDbtp;    // -infinity for digital silence
};

// Streams blocks into the measurement, so a render can be measured while it is written.
// Channels are weighted as BS.1770 says for their position: 0 left, 1 right, 2 centre, 3 LFE
// (excluded), 4 and 5 surrounds (+1.5 dB); a mono signal counts as one front channel.
class LoudnessMeter {
 public:
  LoudnessMeter(int channelCount, int sampleRate);
  ~LoudnessMeter();
  LoudnessMeter(const LoudnessMeter&) = delete;
  LoudnessMeter& operator=(const LoudnessMeter&) = delete;

  void add(std::span<const float* const> channels, std::size_t frames);
  Loudness result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Loudness measureLoudness(const AudioBuffer& buffer);

}  // namespace wstudio::media

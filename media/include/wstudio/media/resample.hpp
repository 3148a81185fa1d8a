// Sample-rate conversion for offline use (libsamplerate's best sinc converter).
#pragma once

#include "wstudio/media/audio_buffer.hpp"

namespace wstudio::media {

// `source` at `targetRate`: exactly round(frames * targetRate / sourceRate) frames, time-aligned
// with the source (no added delay). Returns a copy when the rates are equal. Throws MediaError
// for rates libsamplerate cannot convert between (a ratio beyond 1:256).
AudioBuffer resample(const AudioBuffer& source, int targetRate);

}  // namespace wstudio::media

// Converting a decoded source to the engine rate when the caller could not: linear interpolation,
// on the main thread at build time. Good enough for a preview; the media side's resampler is the
// one for quality.
#pragma once

#include "wstudio/engine/audio_source.hpp"

namespace wstudio::engine {

DecodedAudio resampleLinear(const DecodedAudio& source, double targetRate);

}  // namespace wstudio::engine

// How decoded audio reaches the engine. The engine does no file I/O and no decoding: the caller
// (the media side) decodes each clip's source and hands over float frames, ideally already at the
// engine's sample rate through its own high-quality resampler.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "wstudio/session/model.hpp"

namespace wstudio::engine {

// A whole decoded source, non-interleaved. Immutable once handed over: render graphs share it.
struct DecodedAudio {
  double sampleRate = 48000.0;
  std::vector<std::vector<float>> channels;  // one vector per channel, all the same length

  int64_t frames() const { return channels.empty() ? 0 : int64_t(channels.front().size()); }
};

class SourceProvider {
 public:
  virtual ~SourceProvider() = default;
  // [main] The frames of `source`, preferably at engineRate. A different rate is accepted: the
  // graph builder then converts it with linear interpolation (adequate, not mastering grade).
  // nullptr when the source is unavailable: its clips play silence and the build warns.
  virtual std::shared_ptr<const DecodedAudio> decoded(const session::AudioSource& source,
                                                      double engineRate) = 0;
};

}  // namespace wstudio::engine

// Decoded audio the JavaScript host hands to engine.wasm (the browser decodes with
// decodeAudioData, the Node host decodes WAV): one entry per source, found by the clip source's
// path, else its sha256. The host writes the frames straight into engine memory (EW-9).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "wstudio/engine/audio_source.hpp"

namespace wstudio::engine::wasm {

class HostSuppliedSources final : public SourceProvider {
 public:
  // [main] Room for a source under `key` (a path or a sha256), replacing any earlier one; the
  // host then fills channel(key, c) before the next graph build. Empty on nonsense sizes.
  DecodedAudio* add(const std::string& key, double sampleRate, uint32_t channels, uint32_t frames);

  // [main]
  std::shared_ptr<const DecodedAudio> decoded(const session::AudioSource& source,
                                              double engineRate) override;

 private:
  std::map<std::string, std::shared_ptr<DecodedAudio>, std::less<>> sources_;
};

}  // namespace wstudio::engine::wasm

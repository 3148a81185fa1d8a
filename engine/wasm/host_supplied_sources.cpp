#include "host_supplied_sources.hpp"

#include <cmath>

namespace wstudio::engine::wasm {

namespace {
constexpr uint32_t kMaxChannels = 32;
}

DecodedAudio* HostSuppliedSources::add(const std::string& key, double sampleRate,
                                       uint32_t channels, uint32_t frames) {
  if (key.empty() || channels == 0 || channels > kMaxChannels || !std::isfinite(sampleRate) ||
      sampleRate < 1.0) {
    return nullptr;
  }
  // A new object each time: graphs built earlier keep the audio they were built with.
  auto audio = std::make_shared<DecodedAudio>();
  audio->sampleRate = sampleRate;
  audio->channels.assign(channels, std::vector<float>(frames, 0.0f));
  DecodedAudio* raw = audio.get();
  sources_.insert_or_assign(key, std::move(audio));
  return raw;
}

std::shared_ptr<const DecodedAudio> HostSuppliedSources::decoded(const session::AudioSource& source,
                                                                 double) {
  for (const auto& key : {source.path, source.sha256}) {
    if (!key) continue;
    if (const auto found = sources_.find(*key); found != sources_.end()) return found->second;
  }
  return nullptr;
}

}  // namespace wstudio::engine::wasm

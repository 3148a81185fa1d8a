#include "bench_session.hpp"

#include <random>
#include <string>

namespace wstudio::engine::bench {

namespace {
session::Insert insert(const std::string& id, const std::string& plugin, bool bypass) {
  session::Insert i;
  i.id = id;
  i.plugin.id = "studio.wasm." + plugin;
  i.bypass = bypass;
  return i;
}
}  // namespace

session::Session benchSession(bool bypassAll) {
  session::Session s;
  s.tempoBpm = 120;
  for (int t = 0; t < kBenchTracks; ++t) {
    session::Track track;
    track.id = "t" + std::to_string(t);
    track.pan = (t % 9 - 4) / 4.0;
    session::AudioClip clip;
    clip.id = track.id + "-clip";
    clip.source.path = "noise.wav";
    clip.start = 0;
    clip.length = 16;
    track.audioClips.push_back(clip);
    for (const char* plugin : {"eq", "compressor", "saturator", "delay"}) {
      track.inserts.push_back(insert(track.id + "-" + plugin, plugin, bypassAll));
    }
    s.tracks.push_back(track);
  }
  s.master.inserts = {insert("m-eq", "eq", bypassAll), insert("m-limiter", "limiter", bypassAll)};
  s.loop.start = 0;
  s.loop.end = 16;
  s.loop.enabled = true;
  return s;
}

std::shared_ptr<const DecodedAudio> benchNoise() {
  auto audio = std::make_shared<DecodedAudio>();
  audio->sampleRate = kBenchRate;
  std::mt19937 random(1);
  std::uniform_real_distribution<float> noise(-0.25f, 0.25f);
  for (int c = 0; c < 2; ++c) {
    audio->channels.emplace_back(std::size_t(8 * kBenchRate));
    for (float& x : audio->channels.back()) x = noise(random);
  }
  return audio;
}

}  // namespace wstudio::engine::bench

#include "bench_session.hpp"

#include <cstdint>
#include <map>
#include <random>
#include <string>

namespace wstudio::engine::bench {

namespace {

using Params = std::map<std::uint32_t, double>;

// The matched settings (BenchInserts::matched), by the plugins' parameter ids (stable forever;
// the key each id has in the plugin's descriptor, which web_audio_bench.mjs reads, in comments).
// EQ: bands 1 and 4 switched from shelves to bells; every band +3 dB at its default frequency
// and Q (100 Hz Q 0.7071, 500 Hz Q 1, 2.5 kHz Q 1, 8 kHz Q 0.7071).
const Params kEq = {{8, 1} /* band1_type: Bell */, {10, 3} /* band1_gain */,
                    {14, 3} /* band2_gain */, {18, 3} /* band3_gain */,
                    {21, 1} /* band4_type: Bell */, {23, 3} /* band4_gain */};
// Compressor: the knee is the plugin's largest (24 dB; DynamicsCompressorNode's default is 30).
const Params kCompressor = {{0, -18} /* threshold */, {1, 4} /* ratio */, {2, 24} /* knee */,
                            {3, 3} /* attack ms */, {4, 250} /* release ms */};
const Params kSaturator = {{0, 9.5} /* drive dB */, {1, 0} /* type: Tape (tanh) */};
const Params kDelay = {{0, 250} /* time_l ms */, {2, 1} /* link */, {6, 35} /* feedback % */,
                       {10, 50} /* mix % */};

session::Insert insert(const std::string& id, const std::string& plugin, BenchInserts inserts,
                       const Params& matched) {
  session::Insert i;
  i.id = id;
  i.plugin.id = "studio.wasm." + plugin;
  i.bypass = inserts == BenchInserts::bypassed;
  if (inserts == BenchInserts::matched) i.params = matched;
  return i;
}

}  // namespace

session::Session benchSession(BenchInserts inserts) {
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
    track.inserts = {insert(track.id + "-eq", "eq", inserts, kEq),
                     insert(track.id + "-compressor", "compressor", inserts, kCompressor),
                     insert(track.id + "-saturator", "saturator", inserts, kSaturator),
                     insert(track.id + "-delay", "delay", inserts, kDelay)};
    s.tracks.push_back(track);
  }
  s.master.inserts = {insert("m-eq", "eq", inserts, kEq), insert("m-limiter", "limiter", inserts, {})};
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

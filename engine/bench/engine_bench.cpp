// The engine under a 64-track session: one clip and four inserts per track (eq, compressor,
// saturator, delay), the master with eq and limiter, every plugin a natively linked factory
// plugin. Reported as "x_realtime": seconds of audio rendered per second of wall time. The same
// session with every insert bypassed measures the engine's own cost (clips, faders, meters,
// delay compensation, mixing, the player).
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <random>
#include <string>

#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/engine/player.hpp"
#include "wstudio/factory_plugins.hpp"

namespace {

using namespace wstudio;
using namespace wstudio::engine;

constexpr double kRate = 48000.0;
constexpr int kTracks = 64;

class FactoryResolver : public PluginResolver {
 public:
  host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) override {
    const std::string prefix = "studio.wasm.";
    const wsp_plugin_api* api = findFactoryPlugin(ref.id.substr(prefix.size()));
    if (api == nullptr) return host::fail("no factory plugin " + ref.id);
    return host::loadNativePlugin(api);
  }
};

// One 8-second noise source shared by every clip.
class NoiseSource : public SourceProvider {
 public:
  NoiseSource() {
    auto audio = std::make_shared<DecodedAudio>();
    audio->sampleRate = kRate;
    std::mt19937 random(1);
    std::uniform_real_distribution<float> noise(-0.25f, 0.25f);
    for (int c = 0; c < 2; ++c) {
      audio->channels.emplace_back(std::size_t(8 * kRate));
      for (float& x : audio->channels.back()) x = noise(random);
    }
    audio_ = std::move(audio);
  }
  std::shared_ptr<const DecodedAudio> decoded(const session::AudioSource&, double) override {
    return audio_;
  }

 private:
  std::shared_ptr<const DecodedAudio> audio_;
};

session::Insert insert(const std::string& id, const std::string& plugin, bool bypass) {
  session::Insert i;
  i.id = id;
  i.plugin.id = "studio.wasm." + plugin;
  i.bypass = bypass;
  return i;
}

// 16 beats at 120 bpm = 8 s, looped so playback never runs out.
session::Session bigSession(bool bypassAll) {
  session::Session s;
  s.tempoBpm = 120;
  for (int t = 0; t < kTracks; ++t) {
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

void renderSession(benchmark::State& state, bool bypassAll) {
  const auto block = uint32_t(state.range(0));
  const EngineFormat format{kRate, block};
  FactoryResolver resolver;
  NoiseSource sources;
  PluginProvider provider(resolver, format);
  GraphBuilder builder(provider, sources);
  BuildResult built = builder.build(bigSession(bypassAll));
  if (!built.warnings.empty()) {
    state.SkipWithError(built.warnings.front().c_str());
    return;
  }
  Player player(PlayerOptions{format, 0.0});
  player.setGraph(std::move(built.graph));
  player.play();
  std::vector<float> left(block), right(block);
  float* out[2] = {left.data(), right.data()};
  for (auto _ : state) {
    player.render(out, 2, block);
    benchmark::DoNotOptimize(left.data());
  }
  // Seconds of audio per second of wall time: times faster than real time.
  state.counters["x_realtime"] =
      benchmark::Counter(double(state.iterations()) * block / kRate, benchmark::Counter::kIsRate);
}

void BM_Session64Tracks(benchmark::State& state) { renderSession(state, false); }
void BM_Session64TracksAllBypassed(benchmark::State& state) { renderSession(state, true); }

BENCHMARK(BM_Session64Tracks)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Session64TracksAllBypassed)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

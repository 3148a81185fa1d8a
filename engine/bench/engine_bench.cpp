// The engine under the 64-track session of bench_session.hpp, every plugin a natively linked
// factory plugin. Reported as "x_realtime": seconds of audio rendered per second of wall time.
// The same session with every insert bypassed measures the engine's own cost (clips, faders,
// meters, delay compensation, mixing, the player).
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench_session.hpp"
#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/engine/player.hpp"
#include "wstudio/factory_plugins.hpp"

namespace {

using namespace wstudio;
using namespace wstudio::engine;

constexpr double kRate = bench::kBenchRate;

class FactoryResolver : public PluginResolver {
 public:
  host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) override {
    const wsp_plugin_api* api = findFactoryPluginById(ref.id);
    if (api == nullptr) return host::fail("no factory plugin " + ref.id);
    return host::loadNativePlugin(api);
  }
};

// The one noise source every clip plays.
class NoiseSource : public SourceProvider {
 public:
  std::shared_ptr<const DecodedAudio> decoded(const session::AudioSource&, double) override {
    return audio_;
  }

 private:
  std::shared_ptr<const DecodedAudio> audio_ = bench::benchNoise();
};

void renderSession(benchmark::State& state, bench::BenchInserts inserts) {
  const auto block = uint32_t(state.range(0));
  const EngineFormat format{kRate, block};
  FactoryResolver resolver;
  NoiseSource sources;
  PluginProvider provider(resolver, format);
  GraphBuilder builder(provider, sources);
  BuildResult built = builder.build(bench::benchSession(inserts));
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

void BM_Session64Tracks(benchmark::State& state) { renderSession(state, bench::BenchInserts::matched); }
void BM_Session64TracksDefaults(benchmark::State& state) {
  renderSession(state, bench::BenchInserts::defaults);
}
void BM_Session64TracksAllBypassed(benchmark::State& state) {
  renderSession(state, bench::BenchInserts::bypassed);
}

BENCHMARK(BM_Session64Tracks)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Session64TracksDefaults)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Session64TracksAllBypassed)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

// Cost of every factory plugin per 128-frame stereo block at 48 kHz, natively compiled and as its
// .wasm through the sandbox, both driven through the same host PluginInstance (so output
// checks and event handling cost the same on both sides). After the run, prints the wasm/native
// ratio per plugin: the target is <= 1.3 (issue "Foundation", section 5).
//
//   build/bench/plugin_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/factory_plugins.hpp"
#include "wstudio/host/plugin.hpp"

namespace {

using wstudio::host::PluginInstance;
using wstudio::host::PluginModule;

constexpr uint32_t kBlock = 128;
constexpr double kSampleRate = 48000.0;

// A steady, busy input: seeded noise at -12 dBFS, the same on every run.
std::vector<float> noiseBlock(uint32_t seed) {
  std::vector<float> out(kBlock);
  uint32_t s = seed;
  for (float& v : out) {
    s = s * 1664525u + 1013904223u;
    v = 0.25f * (float(s >> 8) / 8388608.0f - 1.0f);
  }
  return out;
}

wsp_event noteOn(uint16_t key) {
  wsp_event e{};
  e.type = WSP_EVENT_NOTE_ON;
  e.u.note = {0, key, 0.8f, -1};
  return e;
}

void runPlugin(benchmark::State& state, std::shared_ptr<PluginModule> module) {
  auto created = module->instantiate();
  if (!created) return state.SkipWithError(created.error().c_str());
  std::unique_ptr<PluginInstance> instance = std::move(created.value());
  if (auto s = instance->activate(kSampleRate, kBlock); !s) return state.SkipWithError(s.error().c_str());

  const auto& d = instance->descriptor();
  // An instrument plays an eight-note chord (half its voices, a typical load).
  if (d.midi && d.inputs == 0) {
    std::vector<wsp_event> chord;
    for (uint16_t k : {48, 52, 55, 59, 60, 64, 67, 71}) chord.push_back(noteOn(k));
    instance->process(0, chord);
  }
  const std::vector<std::vector<float>> input = {noiseBlock(1), noiseBlock(2)};
  for (auto _ : state) {
    for (uint32_t c = 0; c < d.inputs; ++c)
      std::copy(input[c % 2].begin(), input[c % 2].end(), instance->input(c));
    instance->process(kBlock, {});
    benchmark::DoNotOptimize(instance->output(0)[kBlock - 1]);
  }
  if (instance->faulted()) state.SkipWithError(instance->faultMessage().c_str());
  state.SetItemsProcessed(int64_t(state.iterations()) * kBlock);
}

// Collects per-benchmark CPU time to print sandbox/native ratios after the usual console output:
// the minimum over repetitions (this VM's timings swing; the minimum is the least disturbed).
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      const std::string name = r.benchmark_name();
      const auto slash = name.find('/');
      if (slash == std::string::npos || r.error_occurred || r.run_type == Run::RT_Aggregate) continue;
      const double ns = r.GetAdjustedCPUTime();
      auto& table = name.substr(0, slash) == "sandbox" ? wasm_ : native_;
      const auto [it, inserted] = table.try_emplace(name.substr(slash + 1), ns);
      if (!inserted) it->second = std::min(it->second, ns);
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-12s %14s %14s %8s\n", "plugin", "native ns/blk", "sandbox ns/blk", "ratio");
    for (const auto& [plugin, native] : native_) {
      const auto w = wasm_.find(plugin);
      if (w == wasm_.end()) continue;
      std::printf("%-12s %14.0f %14.0f %8.2f\n", plugin.c_str(), native, w->second, w->second / native);
    }
  }

 private:
  std::map<std::string, double> native_, wasm_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (const wstudio::FactoryPlugin& p : wstudio::factoryPlugins()) {
    const std::string name(p.name);
    auto native = wstudio::host::loadNativePlugin(p.api());
    if (!native) {
      std::fprintf(stderr, "%s (native): %s\n", name.c_str(), native.error().c_str());
      return 1;
    }
    const std::string wasmPath = std::string(WSTUDIO_WASM_PLUGIN_DIR) + "/" + name + ".wasm";
    auto wasm = wstudio::host::loadPlugin(wasmPath);
    if (!wasm) {
      std::fprintf(stderr, "%s (sandbox): %s\n", name.c_str(), wasm.error().c_str());
      return 1;
    }
    benchmark::RegisterBenchmark(("native/" + name).c_str(), runPlugin, native.value());
    benchmark::RegisterBenchmark(("sandbox/" + name).c_str(), runPlugin, wasm.value());
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

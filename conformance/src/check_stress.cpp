// ABI-12 (finite, denormal-free output for any input and parameters) and ABI-17 (process does
// not grow memory), under impulses, +12 dBFS noise, parameter extremes and sine sweeps.
#include <algorithm>
#include <array>
#include <vector>

#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr std::array<double, 3> kRates{44100.0, 48000.0, 96000.0};
constexpr std::array<uint32_t, 4> kBlocks{512, 128, 2048, 441};
constexpr double kPlus12Dbfs = 3.981071705534972;  // 10^(12/20)

// Stress durations are counted in frames at 48 kHz: a run at 96 kHz covers the same number of
// frames in half the time, so every rate costs the same and the 5 minutes stay affordable.
constexpr double kReferenceRate = 48000.0;

struct StressRun {
  Settings settings;
  double seconds = 0.0;  // at kReferenceRate
};

// Plays +12 dBFS noise through each run's settings, rotating sample rates and block sizes, in
// segments of at most 2 s so memory stays small. Returns the seconds of audio processed
// (at 48 kHz).
double stress(Context& context, const std::vector<StressRun>& runs, Random& random) {
  std::array<std::unique_ptr<host::PluginInstance>, kRates.size()> instances;
  std::array<uint64_t, kRates.size()> memoryAtStart{};
  double total = 0.0;
  for (size_t r = 0; r < runs.size(); ++r) {
    const size_t which = r % kRates.size();
    const double rate = kRates[which];
    const uint32_t block = kBlocks[r % kBlocks.size()];
    if (!instances[which]) {
      instances[which] = context.instantiate(rate, 2048);
      memoryAtStart[which] = instances[which]->memoryBytes();
    }
    auto& instance = *instances[which];
    context.apply(instance, runs[r].settings);
    auto remaining = static_cast<size_t>(runs[r].seconds * kReferenceRate);
    const auto segment = static_cast<size_t>(2.0 * rate);
    for (size_t done = 0; remaining > 0; done += segment) {
      const size_t frames = std::min(remaining, segment);
      auto noise = whiteNoise(context.descriptor().inputs, frames, kPlus12Dbfs, random);
      RenderJob job;
      job.input = &noise;
      job.frames = frames;
      job.blockSizes = {block};
      if (context.playsNotes()) job.events = chordPattern(frames, static_cast<size_t>(rate / 4));
      job.situation = "+12 dBFS white noise at " + hz(rate) + " (second " +
                      formatNumber(static_cast<double>(done) / rate) + " of the run), block " +
                      std::to_string(block) + ", " + context.describe(runs[r].settings);
      render(instance, job);
      remaining -= frames;
    }
    total += runs[r].seconds;
    if (instance.memoryBytes() != memoryAtStart[which]) {
      fail("ABI-17", "memory grew from " + std::to_string(memoryAtStart[which]) + " to " +
                         std::to_string(instance.memoryBytes()) +
                         " bytes while processing (after activation) with " +
                         context.describe(runs[r].settings) +
                         "; allocate everything in wsp_activate");
    }
  }
  return total;
}

}  // namespace

std::string checkImpulseResponse(Context& context) {
  const double seconds = context.quick() ? 0.5 : 1.0;
  const std::vector<Settings> settingsList{context.defaults(), context.allAt(false),
                                           context.allAt(true)};
  for (double rate : kRates) {
    for (const auto& settings : settingsList) {
      auto instance = context.instantiate(rate, 512, settings);
      const auto frames = static_cast<size_t>(rate * seconds);
      auto input = impulse(context.descriptor().inputs, frames, 0);
      RenderJob job;
      job.input = &input;
      job.frames = frames;
      if (context.playsNotes()) job.events = {{0, noteOn(60, 1.0f)}, {frames / 4, noteOff(60)}};
      job.situation = "a unit impulse and " + formatNumber(seconds) + " s of silence at " +
                      hz(rate) + ", " + context.describe(settings);
      render(*instance, job);
    }
  }
  return "impulse then silence at 44.1/48/96 kHz with defaults, all-min and all-max parameters";
}

std::string checkNoiseStress(Context& context) {
  auto random = context.random("noise-stress");
  const size_t randomRuns = context.quick() ? 3 : 11;
  const double seconds = context.quick() ? 20.0 : 180.0;
  std::vector<StressRun> runs{{context.defaults(), 0.0}};
  for (size_t i = 0; i < randomRuns; ++i) runs.push_back({context.randomSettings(random), 0.0});
  for (auto& run : runs) run.seconds = seconds / static_cast<double>(runs.size());
  const double total = stress(context, runs, random);
  return formatNumber(total) + " s (at 48 kHz) of +12 dBFS noise: defaults and " +
         std::to_string(randomRuns) + " random parameter combinations (seeded)";
}

std::string checkParameterExtremes(Context& context) {
  auto random = context.random("parameter-extremes");
  std::vector<StressRun> runs{{context.allAt(false), 0.0}, {context.allAt(true), 0.0}};
  for (const auto& param : context.descriptor().params) {
    for (double value : {param.min, param.max}) {
      Settings settings = context.defaults();
      for (auto& [id, v] : settings) {
        if (id == param.id) v = value;
      }
      runs.push_back({settings, 0.0});
    }
  }
  const double budget = context.quick() ? 10.0 : 120.0;
  const double each = std::max(context.quick() ? 0.1 : 0.25, budget / static_cast<double>(runs.size()));
  for (auto& run : runs) run.seconds = each;
  const double total = stress(context, runs, random);
  return "every parameter at its min and at its max, all at min, all at max: " +
         formatNumber(total) + " s (at 48 kHz) of +12 dBFS noise";
}

std::string checkSineSweeps(Context& context) {
  auto random = context.random("sine-sweeps");
  const double seconds = context.quick() ? 0.5 : 1.0;
  const std::vector<Settings> settingsList{context.defaults(), context.randomSettings(random)};
  size_t sweeps = 0;
  for (double rate : kRates) {
    if (context.quick() && rate != 48000.0) continue;
    for (const auto& settings : settingsList) {
      auto instance = context.instantiate(rate, 512, settings);
      for (double peakDb : {-6.0, 12.0}) {
        const auto frames = static_cast<size_t>(rate * seconds);
        auto input =
            sineSweep(context.descriptor().inputs, frames, rate, 20.0, 0.45 * rate, dbToGain(peakDb));
        RenderJob job;
        job.input = &input;
        job.frames = frames;
        if (context.playsNotes()) job.events = chordPattern(frames, frames / 4);
        job.situation = formatNumber(peakDb) + " dBFS sine sweep 20 Hz to " +
                        hz(0.45 * rate) + " at " + hz(rate) + ", " + context.describe(settings);
        render(*instance, job);
        ++sweeps;
      }
    }
  }
  return std::to_string(sweeps) + " exponential sweeps of " + formatNumber(seconds) +
         " s at -6 and +12 dBFS";
}

}  // namespace wstudio::conformance

// ABI-16: no zipper noise. Each float parameter is swept over its whole range (min -> max ->
// min, along its scale) during a steady tone, twice:
//   stepped: one PARAM event per 128-frame block (how a host's automation arrives: 128 frames
//            is the Web Audio render quantum), so an unsmoothed plugin jumps 128 frames apart;
//   ramped:  one PARAM event per frame, the smoothest automation a host can send.
// Zipper metric: the largest second difference |x[n] - 2x[n-1] + x[n-2]| of the stepped render
// divided by the largest of the ramped one, over the sweep. A smoothed parameter gives the same
// curve both ways (ratio ~1); a jump gives a spike the size of the step, far above the tone's
// own curvature. Tolerance: 4 (12 dB). Below an absolute spike of 1e-5 (-100 dBFS) nothing
// counts as a click.
#include <algorithm>
#include <array>
#include <cmath>

#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;
constexpr uint32_t kAutomationBlock = 128;
constexpr double kToneHz = 110.0;  // low, so the tone's own curvature is small
constexpr double kToneDb = -12.0;
constexpr double kTolerance = 4.0;
constexpr double kAudibleSpike = 1e-5;

struct Sweep {
  size_t preroll = 0;  // frames at min before the sweep
  size_t half = 0;     // frames for min -> max (and again for max -> min)
  size_t post = 0;     // frames after, at min
  size_t frames() const { return preroll + 2 * half + post; }

  // Position along the range (0..1) at frame n.
  double position(size_t n) const {
    if (n < preroll || n >= preroll + 2 * half) return 0.0;
    const double t = static_cast<double>(n - preroll) / static_cast<double>(half);
    return t <= 1.0 ? t : 2.0 - t;
  }
};

std::vector<TimedEvent> automation(const host::ParamInfo& param, const Sweep& sweep,
                                   size_t step) {
  std::vector<TimedEvent> events;
  for (size_t n = sweep.preroll; n <= sweep.preroll + 2 * sweep.half; n += step) {
    events.push_back({n, paramEvent(param.id, valueAt(param, sweep.position(n)))});
  }
  return events;
}

}  // namespace

std::string checkZipperNoise(Context& context) {
  const auto& d = context.descriptor();
  Sweep sweep;
  sweep.preroll = static_cast<size_t>(0.25 * kRate);
  sweep.half = static_cast<size_t>((context.quick() ? 0.25 : 0.5) * kRate);
  sweep.post = static_cast<size_t>(0.1 * kRate);
  const auto tone = sine(d.inputs, sweep.frames(), kRate, kToneHz, dbToGain(kToneDb));

  double worst = 0.0;
  std::string worstKey;
  size_t swept = 0;
  for (const auto& param : d.params) {
    if (param.type != host::ParamType::Float) continue;
    Settings start = context.defaults();
    for (auto& [id, value] : start) {
      if (id == param.id) value = param.min;
    }
    const std::string situation = "sweeping '" + param.key + "' " + formatNumber(param.min) +
                                  " -> " + formatNumber(param.max) + " -> " +
                                  formatNumber(param.min) + " during a steady " +
                                  formatNumber(kToneHz) + " Hz tone at " + hz(kRate);
    std::array<Audio, 2> outputs;
    for (size_t way = 0; way < 2; ++way) {
      auto instance = context.instantiate(kRate, kAutomationBlock, start);
      RenderJob job;
      job.input = &tone;
      job.frames = sweep.frames();
      job.blockSizes = {kAutomationBlock};
      job.events = automation(param, sweep, way == 0 ? kAutomationBlock : 1);
      // A = 110 Hz, key 45: instruments hold it through the whole sweep.
      if (context.playsNotes()) job.events = merge(std::move(job.events), {{0, noteOn(45, 0.8f)}});
      job.situation = situation;
      outputs[way] = render(*instance, job);
    }
    const size_t from = sweep.preroll;
    const Peak stepped = maxSecondDifference(outputs[0], from);
    const Peak ramped = maxSecondDifference(outputs[1], from);
    const double ratio = stepped.value / std::max(ramped.value, kAudibleSpike);
    if (stepped.value > kAudibleSpike && ratio > kTolerance) {
      const double at = valueAt(param, sweep.position(stepped.frame));
      fail("zipper noise: " + situation + " in " + std::to_string(kAutomationBlock) +
           "-frame automation steps gives a second-difference spike of " +
           formatNumber(stepped.value) + " at output sample " + std::to_string(stepped.frame) +
           " of channel " + std::to_string(stepped.channel) + " ('" + param.key + "' near " +
           formatNumber(at) + "), " + formatNumber(ratio) +
           "x the largest with per-sample automation (" + formatNumber(ramped.value) +
           "); tolerance " + formatNumber(kTolerance) +
           "x. Smooth this parameter (e.g. a 10-30 ms ramp toward each new value)");
    }
    if (ratio > worst) {
      worst = ratio;
      worstKey = param.key;
    }
    ++swept;
  }
  if (swept == 0) skip("the plugin has no float parameters to sweep");
  return std::to_string(swept) + " float parameters swept; worst zipper ratio " +
         formatNumber(worst) + " ('" + worstKey + "'), tolerance " + formatNumber(kTolerance);
}

}  // namespace wstudio::conformance

// ABI-8, ABI-9: any sample rate and block size, re-activation keeps parameter values.
#include <vector>

#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

void expectSettingsKept(Context& context, host::PluginInstance& instance, const Settings& settings,
                        const std::string& when) {
  for (const auto& [id, value] : settings) {
    const double now = instance.paramValue(id);
    const double expected = context.descriptor().findParam(id)->clamp(value);
    if (now != expected) {
      fail("ABI-8", "parameter values must survive deactivate/activate: " +
                        context.describeParam(id, expected) + " became " + formatNumber(now) +
                        " " + when);
    }
  }
}

}  // namespace

std::string checkRatesAndBlocks(Context& context) {
  const std::vector<double> rates{44100.0, 48000.0, 96000.0};
  const std::vector<uint32_t> blocks =
      context.quick() ? std::vector<uint32_t>{1, 2, 3, 64, 127, 512, 2047, 2048}
                      : std::vector<uint32_t>{1,   2,   3,   5,   16,   31,   64,   100,  127, 128,
                                              255, 256, 441, 512, 1000, 1023, 1024, 2047, 2048};
  auto random = context.random("sample-rates-and-block-sizes");
  const Settings settings = context.randomSettings(random);
  const double seconds = context.quick() ? 0.02 : 0.05;
  size_t runs = 0;
  for (double rate : rates) {
    auto instance = context.instantiate(rate, blocks.front(), settings);
    for (uint32_t block : blocks) {
      instance->deactivate();
      auto activated = instance->activate(rate, block);
      if (!activated) {
        fail("wsp_activate(" + hz(rate) + ", max_frames " + std::to_string(block) +
             ") failed after a deactivate: " + activated.error());
      }
      expectSettingsKept(context, *instance, settings,
                         "after re-activation at " + hz(rate) + ", max_frames " +
                             std::to_string(block));
      const auto frames = static_cast<size_t>(rate * seconds);
      auto noise = whiteNoise(context.descriptor().inputs, frames, 0.5, random);
      RenderJob job;
      job.input = &noise;
      job.frames = frames;
      job.blockSizes = {block};
      if (context.playsNotes()) job.events = chordPattern(frames, frames / 2);
      job.situation = "-6 dBFS noise at " + hz(rate) + ", block " + std::to_string(block) +
                      ", " + context.describe(settings);
      render(*instance, job);
      ++runs;
    }
  }
  // The extremes of the allowed range, with blocks of changing size up to the maximum.
  for (double rate : {8000.0, 384000.0}) {
    auto instance = context.instantiate(rate, WSP_MAX_BLOCK_FRAMES, settings);
    const std::vector<uint32_t> irregular{1, WSP_MAX_BLOCK_FRAMES, 17, 333, 2, 4095, 64};
    const size_t frames = 3 * WSP_MAX_BLOCK_FRAMES;
    auto noise = whiteNoise(context.descriptor().inputs, frames, 0.5, random);
    RenderJob job;
    job.input = &noise;
    job.frames = frames;
    job.blockSizes = irregular;
    if (context.playsNotes()) job.events = chordPattern(frames, frames / 2);
    job.situation = "-6 dBFS noise at " + hz(rate) +
                    ", blocks of 1, 4096, 17, 333, 2, 4095, 64 frames, " +
                    context.describe(settings);
    render(*instance, job);
    expectSettingsKept(context, *instance, settings, "after rendering at " + hz(rate));
    ++runs;
  }
  return std::to_string(runs) + " activations: 44.1/48/96 kHz x " + std::to_string(blocks.size()) +
         " block sizes from 1 to 2048, plus 8 and 384 kHz with irregular blocks up to 4096";
}

}  // namespace wstudio::conformance

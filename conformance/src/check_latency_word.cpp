// ABI-20: a plugin that lists wsp.latency-word/1 keeps the word equal to wsp_latency between
// calls. render() compares the two after every block of every check; this check also drives
// everything that can change a latency and compares after each call: activation, parameter
// flushes, automation over stretches of silence and loud noise (a limiter switches its
// lookahead at once when only silence is in flight, and fades over while audio runs), reset,
// and loading a state saved under other parameters.
#include <algorithm>
#include <set>

#include "automation.hpp"
#include "checks.hpp"
#include "latency_word.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

struct Activation {
  double rate;
  uint32_t maxFrames;
};

// Alternating stretches of 50..250 ms, starting with silence; the others are noise at +12,
// -6 or -40 dBFS.
Audio silenceAndNoise(uint32_t channelCount, size_t frames, double rate, Random& random) {
  constexpr double kPeaks[] = {3.98, 0.5, 0.01};
  Audio audio(channelCount, frames);
  bool loud = false;
  for (size_t start = 0; start < frames; loud = !loud) {
    const auto length =
        std::min(frames - start, static_cast<size_t>(random.uniform(0.05, 0.25) * rate));
    if (loud) {
      const Audio noise = whiteNoise(channelCount, length, kPeaks[random.below(3)], random);
      for (uint32_t c = 0; c < channelCount; ++c) {
        std::copy(noise.channels[c].begin(), noise.channels[c].end(),
                  audio.channels[c].begin() + static_cast<std::ptrdiff_t>(start));
      }
    }
    start += length;
  }
  return audio;
}

std::string describeLatencies(const std::set<uint32_t>& latencies) {
  if (latencies.size() == 1) {
    return "latency " + std::to_string(*latencies.begin()) + " frames throughout";
  }
  return std::to_string(latencies.size()) + " latencies from " +
         std::to_string(*latencies.begin()) + " to " + std::to_string(*latencies.rbegin()) +
         " frames";
}

}  // namespace

std::string checkLatencyWord(Context& context) {
  if (!context.descriptor().listsExtension(WSP_EXT_LATENCY_WORD)) {
    skip("the descriptor does not list " WSP_EXT_LATENCY_WORD " (an optional extension)");
  }
  auto random = context.random("latency-word");
  const std::vector<Activation> activations =
      context.quick() ? std::vector<Activation>{{48000.0, 512}}
                      : std::vector<Activation>{{48000.0, 512}, {44100.0, 128}, {96000.0, 2048}};
  std::vector<Settings> rounds{context.defaults(), context.allAt(false), context.allAt(true)};
  for (int i = 0; i < (context.quick() ? 2 : 6); ++i) {
    rounds.push_back(context.randomSettings(random));
  }

  std::set<uint32_t> latencies;
  const auto verify = [&](host::PluginInstance& instance, const std::string& after) {
    if (const auto latency = verifyLatencyWord(instance, after)) latencies.insert(*latency);
  };
  std::vector<uint8_t> savedState;  // the previous round's, loaded under other parameters
  std::string savedAfter;
  for (size_t round = 0; round < rounds.size(); ++round) {
    const Activation& activation = activations[round % activations.size()];
    const Settings& settings = rounds[round];
    const std::string where =
        " at " + hz(activation.rate) + ", max_frames " + std::to_string(activation.maxFrames);
    auto instance = context.instantiate(activation.rate, activation.maxFrames);
    if (!instance->latencyWord()) {
      skip("the " + std::string(host::formatLabel(context.module())) +
           " backend does not read the latency word (natively linked plugins carry no wspx_ "
           "exports); validate the .wasm build");
    }
    // instantiate() resets after activating; re-activate to see wsp_activate alone.
    instance->deactivate();
    if (auto activated = instance->activate(activation.rate, activation.maxFrames); !activated) {
      fail("ABI-8", "re-activation" + where + " failed: " + activated.error());
    }
    verify(*instance, "wsp_activate" + where);
    for (const auto& [id, value] : settings) {
      instance->setParam(id, value);
      failIfFaulted(*instance, "while setting " + context.describeParam(id, value));
      verify(*instance, "a flush setting " + context.describeParam(id, value) + where);
    }
    instance->reset();
    failIfFaulted(*instance, "in wsp_reset");
    verify(*instance, "wsp_reset with " + context.describe(settings) + where);
    if (!savedState.empty()) {
      if (auto loaded = instance->loadState(savedState); !loaded) {
        fail("ABI-15", "wsp_state_load refused a state saved by another instance after " +
                           savedAfter + ": " + loaded.error());
      }
      verify(*instance, "wsp_state_load of a state saved after " + savedAfter +
                            ", into an instance with " + context.describe(settings) + where);
    }

    const auto frames = static_cast<size_t>((context.quick() ? 0.5 : 1.5) * activation.rate);
    const Audio input =
        silenceAndNoise(context.descriptor().inputs, frames, activation.rate, random);
    RenderJob job;
    job.input = &input;
    job.frames = frames;
    job.blockSizes = {activation.maxFrames, activation.maxFrames / 3 + 1, 1};
    job.events = randomAutomation(context, random, frames, context.quick() ? 12 : 40);
    if (context.playsNotes()) {
      job.events = merge(std::move(job.events), chordPattern(frames, frames / 4));
    }
    job.situation = "stretches of silence and of +12/-6/-40 dBFS noise with random automation" +
                    where + ", from " + context.describe(settings);
    render(*instance, job);  // compares after every block
    instance->reset();
    failIfFaulted(*instance, "in wsp_reset after " + job.situation);
    verify(*instance, "wsp_reset after " + job.situation);

    auto saved = instance->saveState();
    if (!saved) {
      fail("ABI-15", "wsp_state_save failed after " + job.situation + ": " + saved.error());
    }
    savedState = std::move(saved).value();
    savedAfter = job.situation;
  }
  return "the latency word equalled wsp_latency after every activation, parameter flush, block, "
         "reset and state load of " +
         std::to_string(rounds.size()) + " rounds (" + describeLatencies(latencies) + ")";
}

}  // namespace wstudio::conformance

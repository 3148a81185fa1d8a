// ABI-18: the same activation, events and input give the same output; ABI-19: wsp_reset brings an
// instance back to that starting point (it clears delay lines, envelopes, voices and LFOs).
#include "wstudio/conformance/analysis.hpp"
#include "automation.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;

}  // namespace

std::string checkDeterminism(Context& context) {
  auto random = context.random("determinism");
  const auto frames = static_cast<size_t>((context.quick() ? 0.3 : 1.0) * kRate);
  const Settings settings = context.randomSettings(random);
  const auto input = whiteNoise(context.descriptor().inputs, frames, 0.5, random);
  RenderJob job;
  job.input = &input;
  job.frames = frames;
  job.blockSizes = {512, 100, 1, 1023, 64};
  job.events = randomAutomation(context, random, frames, 40);
  if (context.playsNotes()) job.events = merge(std::move(job.events), chordPattern(frames, frames / 3));
  job.situation = "-6 dBFS noise with 40 random parameter changes at " + hz(kRate) + ", " +
                  context.describe(settings);
  auto first = context.instantiate(kRate, 1023, settings);
  const Audio a = render(*first, job);
  auto second = context.instantiate(kRate, 1023, settings);
  const Audio b = render(*second, job);
  if (auto difference = firstDifference(a, b)) {
    fail("two instances given the same activation, events and input differ (" + job.situation +
         "): " + describe(*difference) +
         "; use no uninitialised memory, clock or unseeded randomness");
  }
  return "two instances rendered bit-identical output with random automation and irregular "
         "blocks";
}

std::string checkReset(Context& context) {
  auto random = context.random("reset");
  const auto& d = context.descriptor();
  const auto loud = whiteNoise(d.inputs, static_cast<size_t>(0.5 * kRate), 2.0, random);
  const auto probe = whiteNoise(d.inputs, static_cast<size_t>(0.5 * kRate), 0.25, random);
  const Settings randomSettings = context.randomSettings(random);
  // Reset after one block (envelopes mid-attack) and after 0.5 s (settled), with defaults and
  // with random parameters.
  struct Case {
    Settings settings;
    size_t frames;
  };
  for (const Case& test : {Case{context.defaults(), 512}, Case{context.defaults(), loud.frames()},
                           Case{randomSettings, loud.frames()}}) {
    const Settings& settings = test.settings;
    auto used = context.instantiate(kRate, 512, settings);
    RenderJob before;
    before.input = &loud;
    before.frames = test.frames;
    // Notes held over the reset: it must silence voices too.
    if (context.playsNotes()) {
      before.events = {{0, noteOn(60, 0.8f)}};
      if (test.frames > 512) {
        before.events.push_back({0, noteOn(48, 1.0f)});
        before.events.push_back({0, noteOn(55, 1.0f)});
      }
    }
    before.situation = formatNumber(static_cast<double>(test.frames) / kRate) +
                       " s of +6 dBFS noise before wsp_reset, " + context.describe(settings);
    render(*used, before);
    used->reset();
    failIfFaulted(*used, "in wsp_reset after " + before.situation);

    RenderJob after;
    after.input = &probe;
    after.frames = probe.frames();
    if (context.playsNotes()) {
      after.events = {{0, noteOn(60, 0.8f)}, {100, noteOn(67, 0.7f)}, {after.frames / 2, noteOff(60)},
                      {after.frames / 2, noteOff(67)}};
    }
    after.situation = "-12 dBFS noise at " + hz(kRate) + " after " + before.situation;
    const Audio got = render(*used, after);
    auto fresh = context.instantiate(kRate, 512, settings);
    const Audio expected = render(*fresh, after);
    if (auto difference = firstDifference(expected, got)) {
      fail("after wsp_reset an instance must sound like a fresh one, but with " +
           after.situation + ": " + describe(*difference) +
           "; reset must clear delay lines, filters, envelopes, voices, LFO phases and any "
           "voice-allocation or random-generator state");
    }
  }
  return "after loud input and wsp_reset, output equals a fresh instance's (reset after 1 block "
         "and after 0.5 s, defaults and random parameters)";
}

}  // namespace wstudio::conformance

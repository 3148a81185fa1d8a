// ABI-15: saved state restores identical behaviour in a fresh instance; corrupt bytes are
// refused with WSP_ERR_BAD_DATA and change nothing.
#include <cmath>
#include <cstring>

#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;

// Renders on an instance that has not processed audio yet, so the comparison does not depend
// on how completely wsp_reset clears history (the reset check judges that).
Audio renderProbe(Context& context, host::PluginInstance& instance, const Audio& input,
                  const std::string& situation) {
  RenderJob job;
  job.input = &input;
  job.frames = input.frames();
  if (context.playsNotes()) job.events = chordPattern(job.frames, job.frames / 2);
  job.situation = situation;
  return render(instance, job);
}

void expectSameParams(Context& context, host::PluginInstance& expected, host::PluginInstance& got,
                      const std::string& how) {
  for (const auto& param : context.descriptor().params) {
    const double want = expected.paramValue(param.id);
    const double have = got.paramValue(param.id);
    if (std::memcmp(&want, &have, sizeof want) != 0) {
      fail("after " + how + ", " + context.describeParam(param.id, have) + " but it was saved as " +
           formatNumber(want));
    }
  }
}

std::vector<uint8_t> save(host::PluginInstance& instance, const std::string& when) {
  auto saved = instance.saveState();
  failIfFaulted(instance, "in wsp_state_save " + when);
  if (!saved) fail("wsp_state_save failed " + when + ": " + saved.error());
  return std::move(saved).value();
}

}  // namespace

std::string checkStateRoundTrip(Context& context) {
  auto random = context.random("state-round-trip");
  const auto& d = context.descriptor();
  const Settings settings = context.randomSettings(random);
  auto original = context.instantiate(kRate, 512, settings);
  const auto warmup = whiteNoise(d.inputs, static_cast<size_t>(0.25 * kRate), 0.5, random);
  renderProbe(context, *original, warmup, "noise before saving, " + context.describe(settings));
  const auto bytes = save(*original, "with " + context.describe(settings));

  // Loaded before activation (how a session opens) and after it (a preset switch).
  auto created = context.module().instantiate();
  if (!created) fail("ABI-7", "could not create an instance: " + created.error());
  auto beforeActivate = std::move(created).value();
  if (auto loaded = beforeActivate->loadState(bytes); !loaded) {
    fail("a fresh instance refused the " + std::to_string(bytes.size()) +
         " bytes of state saved by another instance (before activation): " + loaded.error());
  }
  if (auto activated = beforeActivate->activate(kRate, 512); !activated) {
    fail("ABI-8", "wsp_activate failed after loading state: " + activated.error());
  }
  auto afterActivate = context.instantiate(kRate, 512);
  if (auto loaded = afterActivate->loadState(bytes); !loaded) {
    fail("a fresh activated instance refused the " + std::to_string(bytes.size()) +
         " bytes of state saved by another instance: " + loaded.error());
  }
  expectSameParams(context, *original, *beforeActivate, "loading state before activation");
  expectSameParams(context, *original, *afterActivate, "loading state into an active instance");

  // Each restored instance, with smoothers settled by a reset (nothing rendered yet), must sound
  // like a fresh instance given the same parameters.
  const auto input = whiteNoise(d.inputs, static_cast<size_t>(0.5 * kRate), 0.5, random);
  const std::string situation =
      "-6 dBFS noise at " + hz(kRate) + ", state of " + context.describe(settings);
  auto reference = context.instantiate(kRate, 512, settings);
  const Audio expected = renderProbe(context, *reference, input, situation);
  for (auto* restored : {beforeActivate.get(), afterActivate.get()}) {
    restored->reset();
    failIfFaulted(*restored, "in wsp_reset after loading state");
    const Audio got = renderProbe(context, *restored, input, situation);
    if (auto difference = firstDifference(expected, got)) {
      fail("a fresh instance loaded with the saved state does not sound like one given the same "
           "parameters (" + situation + "): " + describe(*difference) +
           "; save every value that shapes the output");
    }
  }
  return std::to_string(bytes.size()) +
         " bytes of state restore bit-identical output, loaded before and after activation";
}

std::string checkCorruptState(Context& context) {
  auto random = context.random("corrupt-state");
  const auto& d = context.descriptor();
  const Settings settings = context.randomSettings(random);
  auto reference = context.instantiate(kRate, 512, settings);
  const auto bytes = save(*reference, "with " + context.describe(settings));
  const auto input = whiteNoise(d.inputs, static_cast<size_t>(0.25 * kRate), 0.5, random);
  const std::string situation = "-6 dBFS noise at " + hz(kRate) + ", " + context.describe(settings);
  const Audio expected = renderProbe(context, *reference, input, situation);

  struct Corruption {
    std::string what;
    std::vector<uint8_t> bytes;
  };
  std::vector<Corruption> corruptions{
      {"0 bytes", {}},
      {"the first half of a valid state (" + std::to_string(bytes.size() / 2) + " of " +
           std::to_string(bytes.size()) + " bytes)",
       {bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2)}},
      {"64 random bytes", {}},
      {std::to_string(bytes.size()) + " random bytes", {}},
  };
  for (size_t i = 0; i < 64; ++i) corruptions[2].bytes.push_back(static_cast<uint8_t>(random.next()));
  for (size_t i = 0; i < bytes.size(); ++i) {
    corruptions[3].bytes.push_back(static_cast<uint8_t>(random.next()));
  }
  for (const auto& corruption : corruptions) {
    auto instance = context.instantiate(kRate, 512, settings);
    if (auto loaded = instance->loadState(corruption.bytes); loaded) {
      fail("wsp_state_load accepted " + corruption.what +
           " as state; check a header (plugin id, format version, size) and return "
           "WSP_ERR_BAD_DATA for anything else");
    }
    failIfFaulted(*instance, "in wsp_state_load of " + corruption.what);
    expectSameParams(context, *reference, *instance, "refusing " + corruption.what);
    const Audio got = renderProbe(context, *instance, input, situation);
    if (auto difference = firstDifference(expected, got)) {
      fail("refusing " + corruption.what + " as state changed the output: " +
           describe(*difference) + "; validate the whole blob before changing anything");
    }
  }
  return "empty, truncated and random state refused, output unchanged";
}

}  // namespace wstudio::conformance

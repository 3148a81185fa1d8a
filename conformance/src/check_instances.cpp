// ABI-7: instances share nothing mutable, and create/destroy cycles do not leak. Both need the
// instances to live in one module instance (LoadOptions::shareModuleInstance): with isolated
// module instances a static singleton or a leak would be invisible. Native plugins share the
// process, so independence is checked on them too; memory growth is not (memoryBytes is 0).
#include "wstudio/conformance/analysis.hpp"
#include "checks.hpp"
#include "note_patterns.hpp"

namespace wstudio::conformance {
namespace {

constexpr double kRate = 48000.0;
constexpr uint32_t kBlock = 512;

// One block of `source` starting at `start`.
Audio slice(const Audio& source, size_t start, size_t frames) {
  Audio part(source.channelCount(), frames);
  for (size_t c = 0; c < source.channelCount(); ++c) {
    std::copy_n(source.channels[c].begin() + static_cast<std::ptrdiff_t>(start), frames,
                part.channels[c].begin());
  }
  return part;
}

Audio renderBlock(Context& context, host::PluginInstance& instance, const Audio& input,
                  size_t start, uint16_t key, const std::string& situation) {
  const Audio part = slice(input, start, kBlock);
  RenderJob job;
  job.input = &part;
  job.frames = kBlock;
  if (context.playsNotes() && start == 0) job.events = {{0, noteOn(key, 0.8f)}};
  job.situation = situation;
  return render(instance, job);
}

void append(Audio& to, const Audio& block) {
  if (to.channelCount() == 0) to.channels.resize(block.channelCount());
  to.length += block.frames();
  for (size_t c = 0; c < block.channelCount(); ++c) {
    to.channels[c].insert(to.channels[c].end(), block.channels[c].begin(), block.channels[c].end());
  }
}

// vAIst Forge modules keep their processor in a static, so the host gives every instance its
// own module instance whatever LoadOptions say: nothing can be shared, nothing can leak across.
void skipIfOneModuleInstancePerInstance(Context& context) {
  if (context.module().format() == host::PluginFormat::vaist) {
    skip("vAIst Forge modules run one module instance per plugin instance (their processor is a "
         "static singleton), so instances cannot share memory");
  }
}

}  // namespace

std::string checkCreateDestroyMemory(Context& context) {
  skipIfOneModuleInstancePerInstance(context);
  host::PluginModule* shared = context.sharedModule();
  if (shared == nullptr) {
    skip(context.module().linkedNatively()
             ? "native plugins share the process's memory; run it on the .wasm build"
             : "the plugin was not loaded with shared module instances");
  }
  auto random = context.random("create-destroy-memory");
  const auto input = whiteNoise(context.descriptor().inputs, kBlock, 0.5, random);
  // A survivor keeps the module instance (and its memory) alive through all the cycles.
  auto survivor = context.instantiate(*shared, kRate, kBlock);
  if (survivor->memoryBytes() == 0) skip("this backend does not report memory size");
  RenderJob job;
  job.input = &input;
  job.frames = kBlock;
  if (context.playsNotes()) job.events = {{0, noteOn(60, 0.8f)}};
  job.situation = "-6 dBFS noise at " + hz(kRate);

  constexpr int kCycles = 100;
  uint64_t afterFirst = 0;
  for (int cycle = 1; cycle <= kCycles; ++cycle) {
    auto instance = context.instantiate(*shared, kRate, kBlock, context.randomSettings(random));
    render(*instance, job);
    instance.reset();
    if (cycle == 1) afterFirst = survivor->memoryBytes();
  }
  const uint64_t afterAll = survivor->memoryBytes();
  if (afterAll > afterFirst) {
    fail("memory grew from " + std::to_string(afterFirst) + " to " + std::to_string(afterAll) +
         " bytes over " + std::to_string(kCycles - 1) +
         " create/activate/process/destroy cycles after the first (about " +
         std::to_string((afterAll - afterFirst) / (kCycles - 1)) +
         " bytes per cycle); wsp_destroy must free everything wsp_create and wsp_activate "
         "allocated");
  }
  render(*survivor, job);  // and the survivor still works
  return std::to_string(kCycles) + " cycles in one module instance, memory steady at " +
         std::to_string(afterAll) + " bytes";
}

std::string checkIndependentInstances(Context& context) {
  skipIfOneModuleInstancePerInstance(context);
  host::PluginModule* shared = context.sharedModule();
  if (shared == nullptr && !context.module().linkedNatively()) {
    skip("the plugin was not loaded with shared module instances, so instances cannot interfere");
  }
  host::PluginModule& module = shared != nullptr ? *shared : context.module();
  auto random = context.random("independent-instances");
  const auto& d = context.descriptor();
  const size_t blocks = context.quick() ? 24 : 96;
  const auto mine = whiteNoise(d.inputs, blocks * kBlock, 0.5, random);
  const auto theirs = whiteNoise(d.inputs, blocks * kBlock, 2.0, random);
  const Settings mySettings = context.randomSettings(random);
  const Settings theirSettings = context.randomSettings(random);
  const std::string situation = "-6 dBFS noise at " + hz(kRate) + ", " + context.describe(mySettings);

  Audio alone;
  {
    auto instance = context.instantiate(module, kRate, kBlock, mySettings);
    for (size_t b = 0; b < blocks; ++b) {
      append(alone, renderBlock(context, *instance, mine, b * kBlock, 60, situation));
    }
  }
  Audio together;
  auto instance = context.instantiate(module, kRate, kBlock, mySettings);
  auto other = context.instantiate(module, kRate, kBlock, theirSettings);
  for (size_t b = 0; b < blocks; ++b) {
    append(together, renderBlock(context, *instance, mine, b * kBlock, 60, situation));
    if (other && b < blocks / 2) {
      renderBlock(context, *other, theirs, b * kBlock, 67,
                  "+6 dBFS noise in a second instance, " + context.describe(theirSettings));
    } else {
      other.reset();  // destroying one instance leaves the other working
    }
  }
  if (auto difference = firstDifference(alone, together)) {
    fail("two instances interfere: with a second instance (" + context.describe(theirSettings) +
         ") processing between its blocks and destroyed halfway, an instance's " +
         describe(*difference) + " it gives alone (" + situation +
         "); keep all state in the instance, none in static variables");
  }
  return "an instance gives identical output alone and interleaved with another" +
         std::string(shared != nullptr ? " in the same module instance" : " in the same process");
}

}  // namespace wstudio::conformance

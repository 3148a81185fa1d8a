// vAIst Forge modules running in the host: the emscripten --bind build (minified, with glue) and
// the clean-named standalone build of the same warm_drive source, checked against that source
// compiled natively, plus parameters, state, isolation and faults.
#include <gtest/gtest.h>

#include <algorithm>

#include "processor.h"  // warm_drive's VAIstProcessor, compiled natively as the reference
#include "vaist_test_support.hpp"

namespace wstudio::host::vaist::test {
namespace {

// Warm Drive's parameter ids (descriptor order).
constexpr uint32_t kDrive = 0;
constexpr uint32_t kTone = 1;
constexpr uint32_t kOutputGain = 2;
constexpr uint32_t kMix = 3;
constexpr uint32_t kShape = 4;

constexpr uint32_t kBlock = 256;  // >= 128 frames: process()'s in->out memcpy goes through emscripten_memcpy_big

// The native reference: the same processor, fed the same blocks the way bindings.cpp does.
// `beforeBlock(ref, blockIndex)` may change parameters between blocks.
template <typename Adjust>
Stereo reference(uint32_t blocks, uint32_t blockFrames, Adjust beforeBlock) {
  VAIstProcessor ref;
  ref.prepare(48000.0f);
  Stereo out(2);
  std::vector<float> left(blockFrames), right(blockFrames);
  uint64_t frame = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    beforeBlock(ref, b);
    for (uint32_t i = 0; i < blockFrames; ++i) {
      left[i] = signalSample(0, frame + i);
      right[i] = signalSample(1, frame + i);
    }
    float* buffers[2] = {left.data(), right.data()};
    ref.process(buffers, 2, static_cast<int>(blockFrames));
    out[0].insert(out[0].end(), left.begin(), left.end());
    out[1].insert(out[1].end(), right.begin(), right.end());
    frame += blockFrames;
  }
  return out;
}

// Native libm and the module's musl may round exp/pow one ulp apart, so the coefficients (and
// the output) may differ in the last bits; anything else is a host bug.
void expectNear(const Stereo& actual, const Stereo& expected, size_t from = 0, size_t to = SIZE_MAX) {
  for (size_t ch = 0; ch < 2; ++ch) {
    ASSERT_EQ(actual[ch].size(), expected[ch].size());
    for (size_t i = from; i < std::min(to, actual[ch].size()); ++i) {
      ASSERT_NEAR(actual[ch][i], expected[ch][i], 1e-5f) << "channel " << ch << " frame " << i;
    }
  }
}

std::filesystem::path glueBuild() { return fixtureBuild("warm_drive_glue/vaist-processor.wasm"); }
std::filesystem::path cleanBuild() { return fixtureBuild("warm_drive_clean/vaist-processor.wasm"); }

TEST(VaistPlugin, GlueBuildLoadsAndMatchesTheNativeSource) {
  auto module = load(glueBuild());
  ASSERT_TRUE(module);
  EXPECT_EQ(module->format(), PluginFormat::vaist);
  EXPECT_EQ(module->descriptor().id, "vaist.warm-drive");
  auto instance = activeInstance(*module, kBlock);
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->latency(), 0u);
  EXPECT_EQ(instance->tail(), 0u);
  EXPECT_EQ(instance->paramValue(kTone), 8000.0);

  Stereo out = run(*instance, 8, kBlock);
  expectNear(out, reference(8, kBlock, [](VAIstProcessor&, uint32_t) {}));
  // Driven sines: loud, clamped, not a passthrough.
  EXPECT_GT(*std::max_element(out[0].begin(), out[0].end()), 0.5f);
  EXPECT_LE(*std::max_element(out[0].begin(), out[0].end()), 1.0f);
  EXPECT_NE(out[0][1000], signalSample(0, 1000));
}

TEST(VaistPlugin, CleanBuildEqualsGlueBuildExactly) {
  auto glue = load(glueBuild());
  auto clean = load(cleanBuild());
  ASSERT_TRUE(glue && clean);
  EXPECT_EQ(clean->format(), PluginFormat::vaist);
  auto a = activeInstance(*glue, kBlock);
  auto b = activeInstance(*clean, kBlock);
  ASSERT_TRUE(a && b);
  const std::vector<wsp_event> events{paramEvent(17, kDrive, 80.0), paramEvent(17, kShape, 2.0),
                                      paramEvent(200, kTone, 1200.0), paramEvent(201, kMix, 60.0)};
  Stereo fromGlue = run(*a, 6, kBlock, events, 2);
  Stereo fromClean = run(*b, 6, kBlock, events, 2);
  EXPECT_EQ(fromGlue, fromClean);  // same source, same compiler: bit-identical
  EXPECT_GT(b->memoryBytes(), 0u);
  EXPECT_EQ(b->memoryBytes(), 1u << 20);  // fixed 1 MiB
  EXPECT_EQ(a->memoryBytes(), 16u << 20);  // emscripten's 16 MiB default
}

TEST(VaistPlugin, ParameterEventTakesEffectAtItsFrame) {
  auto module = load(glueBuild());
  ASSERT_TRUE(module);
  auto withEvent = activeInstance(*module, kBlock);
  auto without = activeInstance(*module, kBlock);
  ASSERT_TRUE(withEvent && without);
  constexpr uint32_t kFrame = 100;
  Stereo changed = run(*withEvent, 1, kBlock, {paramEvent(kFrame, kOutputGain, -12.0)});
  Stereo unchanged = run(*without, 1, kBlock);
  for (size_t ch = 0; ch < 2; ++ch) {
    for (uint32_t i = 0; i < kFrame; ++i) ASSERT_EQ(changed[ch][i], unchanged[ch][i]) << "frame " << i;
    for (uint32_t i = kFrame; i < kBlock; ++i) {
      if (unchanged[ch][i] != 0.0f) {
        ASSERT_NEAR(changed[ch][i] / unchanged[ch][i], 0.2511886f, 1e-4f) << "frame " << i;
      }
    }
  }
  EXPECT_EQ(withEvent->paramValue(kOutputGain), -12.0);

  // The same split done by hand on the native source.
  auto sampleAccurate = activeInstance(*module, kBlock);
  Stereo events = run(*sampleAccurate, 3, kBlock, {paramEvent(kFrame, kDrive, 70.0), paramEvent(kFrame + 1, kShape, 1.0)}, 1);
  auto native = [&] {
    VAIstProcessor ref;
    ref.prepare(48000.0f);
    Stereo out(2);
    for (uint64_t frame = 0; frame < 3 * kBlock; ++frame) {
      if (frame == kBlock + kFrame) ref.set_drive(70.0f);
      if (frame == kBlock + kFrame + 1) ref.set_shape(1.0f);
      float l = signalSample(0, frame), r = signalSample(1, frame);
      float* buffers[2] = {&l, &r};
      ref.process(buffers, 2, 1);
      out[0].push_back(l);
      out[1].push_back(r);
    }
    return out;
  }();
  expectNear(events, native);
}

TEST(VaistPlugin, ValuesAreClampedAndChoicesRounded) {
  auto module = load(glueBuild());
  ASSERT_TRUE(module);
  auto instance = activeInstance(*module, kBlock);
  ASSERT_TRUE(instance);
  EXPECT_TRUE(instance->setParam(kDrive, 500.0));
  EXPECT_TRUE(instance->setParam(kShape, 1.7));
  EXPECT_TRUE(instance->setParam(kTone, -3.0));
  EXPECT_TRUE(instance->setParam(99, 1.0));  // unknown ids are ignored
  EXPECT_EQ(instance->paramValue(kDrive), 100.0);
  EXPECT_EQ(instance->paramValue(kShape), 2.0);
  EXPECT_EQ(instance->paramValue(kTone), 200.0);
  EXPECT_TRUE(std::isnan(instance->paramValue(99)));

  Stereo out = run(*instance, 4, kBlock);
  expectNear(out, reference(4, kBlock, [](VAIstProcessor& ref, uint32_t block) {
               if (block == 0) {
                 ref.set_drive(100.0f);
                 ref.set_shape(2.0f);
                 ref.set_tone(200.0f);
               }
             }));
}

TEST(VaistPlugin, InstancesDoNotShareTheStaticProcessor) {
  auto module = load(glueBuild());
  ASSERT_TRUE(module);
  auto loud = activeInstance(*module, kBlock);
  auto plain = activeInstance(*module, kBlock);
  ASSERT_TRUE(loud && plain);
  ASSERT_TRUE(loud->setParam(kDrive, 100.0));
  ASSERT_TRUE(loud->setParam(kShape, 1.0));
  Stereo a = run(*loud, 4, kBlock);
  Stereo b = run(*plain, 4, kBlock);
  EXPECT_EQ(plain->paramValue(kDrive), 25.0);
  expectNear(b, reference(4, kBlock, [](VAIstProcessor&, uint32_t) {}));
  expectNear(a, reference(4, kBlock, [](VAIstProcessor& ref, uint32_t block) {
               if (block == 0) {
                 ref.set_drive(100.0f);
                 ref.set_shape(1.0f);
               }
             }));
}

TEST(VaistPlugin, StateRestoresValuesAndRefusesCorruptBytes) {
  auto module = load(cleanBuild());
  ASSERT_TRUE(module);
  auto source = activeInstance(*module, kBlock);
  ASSERT_TRUE(source);
  ASSERT_TRUE(source->setParam(kDrive, 60.0));
  ASSERT_TRUE(source->setParam(kTone, 2500.0));
  ASSERT_TRUE(source->setParam(kShape, 1.0));
  auto state = source->saveState();
  ASSERT_TRUE(state.ok()) << state.error();

  auto restored = activeInstance(*module, kBlock);
  ASSERT_TRUE(restored);
  ASSERT_TRUE(restored->loadState(*state).ok());
  for (uint32_t id : {kDrive, kTone, kOutputGain, kMix, kShape}) {
    EXPECT_EQ(restored->paramValue(id), source->paramValue(id)) << id;
  }
  ASSERT_TRUE(source->reset());
  EXPECT_EQ(run(*restored, 3, kBlock), run(*source, 3, kBlock));

  std::vector<uint8_t> corrupt = *state;
  corrupt.resize(corrupt.size() - 3);
  auto fresh = activeInstance(*module, kBlock);
  ASSERT_TRUE(fresh);
  auto refused = fresh->loadState(corrupt);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("Warm Drive"), std::string::npos) << refused.error();
  EXPECT_EQ(fresh->paramValue(kDrive), 25.0);  // unchanged
  EXPECT_FALSE(fresh->faulted());
}

TEST(VaistPlugin, TrappingDelayFaultsAloneWithAClearMessage) {
  auto drive = load(glueBuild());
  auto delay = load(fixtureBuild("tape_delay_glue/vaist-processor.wasm"));
  ASSERT_TRUE(drive && delay);
  auto healthy = activeInstance(*drive, kBlock);
  auto broken = activeInstance(*delay, kBlock);
  ASSERT_TRUE(healthy && broken);

  Stereo before = run(*healthy, 2, kBlock);

  for (uint32_t ch = 0; ch < 2; ++ch) std::fill_n(broken->input(ch), kBlock, 0.5f);
  EXPECT_FALSE(broken->process(kBlock, {}));
  EXPECT_TRUE(broken->faulted());
  EXPECT_EQ(broken->fault(), Fault::Trap);
  EXPECT_EQ(broken->faultMessage().rfind("vAIst plugin 'Tape Delay' trapped in process(): ", 0), 0u)
      << broken->faultMessage();
  EXPECT_NE(broken->faultMessage().find("out of bounds"), std::string::npos) << broken->faultMessage();
  for (uint32_t ch = 0; ch < 2; ++ch) {
    const float* out = broken->output(ch);
    EXPECT_TRUE(std::all_of(out, out + kBlock, [](float s) { return s == 0.0f; }));
  }
  // Stays disabled, and says so on the main thread too.
  EXPECT_FALSE(broken->process(kBlock, {}));
  EXPECT_FALSE(broken->reset());
  EXPECT_FALSE(broken->activate(48000.0, kBlock).ok());

  // The other plugin keeps playing, exactly as before.
  ASSERT_TRUE(healthy->reset());
  EXPECT_EQ(run(*healthy, 2, kBlock), before);
  EXPECT_FALSE(healthy->faulted());

  // A fresh instance of the broken plugin plays fine until its first process().
  auto second = delay->instantiate();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_FALSE(second.value()->faulted());
}

TEST(VaistPlugin, HeapGrowsUpToTheCeilingAndNoFurther) {
  auto module = load(fixtureBuild("long_echo_glue/vaist-processor.wasm"));
  ASSERT_TRUE(module);
  // Two 60 s delay lines at 48 kHz (23 MB) do not fit the initial 16 MiB: emscripten_resize_heap
  // must grow the memory.
  auto echo = activeInstance(*module, kBlock);
  ASSERT_TRUE(echo);
  EXPECT_GT(echo->memoryBytes(), uint64_t{16} << 20);
  EXPECT_LE(echo->memoryBytes(), uint64_t{WSP_MAX_MEMORY_BYTES});
  ASSERT_TRUE(echo->setParam(0, 10.0));  // time: 10 ms = 480 frames
  ASSERT_TRUE(echo->setParam(1, 0.0));   // feedback
  ASSERT_TRUE(echo->setParam(2, 100.0)); // mix: echo only
  std::vector<float> heard;
  for (uint32_t block = 0; block < 3; ++block) {
    for (uint32_t ch = 0; ch < 2; ++ch) {
      std::fill_n(echo->input(ch), kBlock, 0.0f);
      if (block == 0) echo->input(ch)[0] = 1.0f;
    }
    ASSERT_TRUE(echo->process(kBlock, {})) << echo->faultMessage();
    heard.insert(heard.end(), echo->output(1), echo->output(1) + kBlock);
  }
  for (uint32_t i = 0; i < heard.size(); ++i) ASSERT_EQ(heard[i], i == 480 ? 1.0f : 0.0f) << "frame " << i;

  // At 192 kHz the lines need 92 MB, past the 64 MiB ceiling: growth fails, the plugin's
  // allocation aborts, and only that instance faults.
  auto big = module->instantiate();
  ASSERT_TRUE(big.ok()) << big.error();
  auto activated = big.value()->activate(192000.0, kBlock);
  ASSERT_FALSE(activated.ok());
  EXPECT_EQ(activated.error().rfind("vAIst plugin 'Long Echo' trapped in prepare(): ", 0), 0u) << activated.error();
  EXPECT_TRUE(big.value()->faulted());
  EXPECT_LE(big.value()->memoryBytes(), uint64_t{WSP_MAX_MEMORY_BYTES});
  EXPECT_FALSE(echo->faulted());
}

TEST(VaistPlugin, RunawayCallFaultsTheInstance) {
  LoadOptions options = testOptions();
  options.fuelPerCall = 2000;  // enough for set-up calls, far too little for 4096 frames
  auto module = load(glueBuild(), options);
  ASSERT_TRUE(module);
  auto instance = activeInstance(*module, WSP_MAX_BLOCK_FRAMES);
  ASSERT_TRUE(instance);
  EXPECT_FALSE(instance->process(WSP_MAX_BLOCK_FRAMES, {}));
  EXPECT_EQ(instance->fault(), Fault::Runaway);
  EXPECT_EQ(instance->faultMessage().rfind("vAIst plugin 'Warm Drive' ran away in process(): ", 0), 0u)
      << instance->faultMessage();
}

TEST(VaistPlugin, ProcessBeforeActivateFailsButParametersCanBeSet) {
  auto module = load(glueBuild());
  ASSERT_TRUE(module);
  auto instance = module->instantiate();
  ASSERT_TRUE(instance.ok()) << instance.error();
  EXPECT_TRUE(instance.value()->setParam(kMix, 50.0));
  EXPECT_EQ(instance.value()->paramValue(kMix), 50.0);
  EXPECT_FALSE(instance.value()->process(64, {}));
  EXPECT_EQ(instance.value()->fault(), Fault::Failed);
  EXPECT_NE(instance.value()->faultMessage().find("before activate()"), std::string::npos);
}

}  // namespace
}  // namespace wstudio::host::vaist::test

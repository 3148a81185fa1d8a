// Shared by the vAIst adapter tests: fixture paths, loading, and driving an instance block by
// block with a known stereo signal.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "wsp/wsp_events.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host::vaist::test {

inline std::filesystem::path fixtureBuild(const std::string& relative) {
  return std::filesystem::path(VAIST_FIXTURE_BUILD_DIR) / relative;
}

// A fresh, empty folder for one test.
inline std::filesystem::path scratchDir(const std::string& name) {
  auto dir = std::filesystem::path(VAIST_TEST_SCRATCH_DIR) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline LoadOptions testOptions() {
  LoadOptions options;
  options.cacheDir = VAIST_TEST_CACHE_DIR;
  return options;
}

inline std::shared_ptr<PluginModule> load(const std::filesystem::path& file, LoadOptions options = testOptions()) {
  auto module = loadPlugin(file, options);
  EXPECT_TRUE(module.ok()) << module.error();
  return module.ok() ? module.value() : nullptr;
}

inline std::unique_ptr<PluginInstance> activeInstance(PluginModule& module, uint32_t maxFrames) {
  auto instance = module.instantiate();
  EXPECT_TRUE(instance.ok()) << instance.error();
  if (!instance.ok()) return nullptr;
  auto activated = instance.value()->activate(48000.0, maxFrames);
  EXPECT_TRUE(activated.ok()) << activated.error();
  return std::move(instance.value());
}

// Deterministic stereo test signal: two sines of different pitch, loud enough to drive.
inline float signalSample(uint32_t channel, uint64_t frame) {
  const double pi = 3.14159265358979323846;
  const double hz = channel == 0 ? 220.0 : 330.0;
  return static_cast<float>(0.8 * std::sin(2.0 * pi * hz * static_cast<double>(frame) / 48000.0));
}

// Stereo output, channel-major: out[channel][frame].
using Stereo = std::vector<std::vector<float>>;

// Feeds blocks of the test signal through `instance`, with `events` (block-relative frames) in
// the block that starts at `eventBlock`.
inline Stereo run(PluginInstance& instance, uint32_t blocks, uint32_t blockFrames,
                  const std::vector<wsp_event>& events = {}, uint32_t eventBlock = 0) {
  Stereo out(2);
  uint64_t frame = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    for (uint32_t ch = 0; ch < 2; ++ch) {
      float* in = instance.input(ch);
      for (uint32_t i = 0; i < blockFrames; ++i) in[i] = signalSample(ch, frame + i);
    }
    std::span<const wsp_event> blockEvents;
    if (b == eventBlock) blockEvents = events;
    EXPECT_TRUE(instance.process(blockFrames, blockEvents)) << instance.faultMessage();
    for (uint32_t ch = 0; ch < 2; ++ch) {
      const float* o = instance.output(ch);
      out[ch].insert(out[ch].end(), o, o + blockFrames);
    }
    frame += blockFrames;
  }
  return out;
}

using wsp::paramEvent;

}  // namespace wstudio::host::vaist::test

// Allocation failure inside a plugin is a status, not a trap (ABI-5, WSP_ERR_OUT_OF_MEMORY). A
// host that puts several instances into one module instance depends on it: a trap would take
// every instance of that module instance down, a status only refuses the newest one, and the
// host can retry elsewhere. Checked on the factory plugins that allocate the most in activate,
// filling one shared 64 MiB memory at the largest rate and block size the ABI allows.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "fixture_files.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host {
namespace {

constexpr double kRate = 384000.0;
constexpr uint32_t kFrames = WSP_MAX_BLOCK_FRAMES;
// Far more than fit in 64 MiB: the smallest of these plugins needs ~250 KiB per instance here.
constexpr size_t kMaxInstances = 1000;

// A block of a loud sine; true when processing succeeded (the output is then finite, ABI-12).
bool processSine(PluginInstance& instance) {
  for (uint32_t c = 0; c < instance.descriptor().inputs; ++c) {
    for (uint32_t i = 0; i < kFrames; ++i) instance.input(c)[i] = 0.9f * std::sin(0.01f * float(i));
  }
  return instance.process(kFrames, {});
}

class OutOfMemory : public ::testing::TestWithParam<std::string> {};

TEST_P(OutOfMemory, ActivateReportsItAndTheOtherInstancesCarryOn) {
  LoadOptions options;
  options.cacheDir = testing::testCacheDir();
  options.shareModuleInstance = true;
  auto module = loadPlugin(std::filesystem::path(WSTUDIO_WASM_PLUGIN_DIR) / (GetParam() + ".wasm"), options);
  ASSERT_TRUE(module.ok()) << module.error();

  std::vector<std::unique_ptr<PluginInstance>> active;
  std::unique_ptr<PluginInstance> refused;
  Status activated = Ok{};
  while (active.size() < kMaxInstances) {
    auto instance = module.value()->instantiate();
    ASSERT_TRUE(instance.ok()) << "instance " << active.size() << ": " << instance.error();
    activated = instance.value()->activate(kRate, kFrames);
    if (!activated) {
      refused = std::move(instance).value();
      break;
    }
    active.push_back(std::move(instance).value());
  }
  ASSERT_NE(refused, nullptr) << kMaxInstances << " instances fit in one module instance";
  ASSERT_GE(active.size(), 1u);
  EXPECT_FALSE(refused->faulted()) << refused->faultMessage();
  EXPECT_NE(activated.error().find("failed to activate (status " +
                                   std::to_string(WSP_ERR_OUT_OF_MEMORY) + ")"),
            std::string::npos)
      << activated.error();
  EXPECT_LE(refused->memoryBytes(), uint64_t{WSP_MAX_MEMORY_BYTES});

  for (size_t i = 0; i < active.size(); ++i) {
    ASSERT_TRUE(processSine(*active[i])) << "instance " << i << ": " << active[i]->faultMessage();
  }
  // Destroying one frees its memory for the refused instance.
  active.pop_back();
  ASSERT_TRUE(refused->activate(kRate, kFrames).ok());
  EXPECT_TRUE(processSine(*refused)) << refused->faultMessage();
  for (size_t i = 0; i < active.size(); ++i) {
    ASSERT_TRUE(processSine(*active[i])) << "instance " << i << ": " << active[i]->faultMessage();
  }
}

INSTANTIATE_TEST_SUITE_P(Factory, OutOfMemory,
                         ::testing::Values("delay", "reverb", "chorus", "limiter"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace wstudio::host

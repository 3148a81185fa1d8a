// The WSP adapter end to end on real modules: the C fixture plugin compiled to wasm32-wasi and
// run through the sandbox, and hostile modules that must be refused or isolated with a clear message.
#include <gtest/gtest.h>

#include <cmath>

#include "wsp/wsp_events.hpp"
#include "fixture_files.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host {
namespace {

enum Misbehaviour { OutOfBounds = 1, Unreachable, LoopForever, Recurse, WriteNan, GrowMemory };
constexpr uint32_t kMisbehave = 7;

LoadOptions testOptions() {
  LoadOptions options;
  options.cacheDir = testing::testCacheDir();
  options.fuelPerCall = 50'000'000;  // far above a block of this plugin, quick to run out
  return options;
}

Result<std::shared_ptr<PluginModule>> load(const std::string& fixture,
                                           const LoadOptions& options = testOptions()) {
  return loadWspModule(testing::readFixture(fixture), options);
}

std::string loadError(const std::string& fixture) {
  auto module = load(fixture);
  return module.ok() ? "(loaded)" : module.error();
}

std::unique_ptr<PluginInstance> activeInstance(PluginModule& module) {
  auto instance = module.instantiate();
  EXPECT_TRUE(instance.ok()) << instance.error();
  auto activated = instance.value()->activate(48000, 256);
  EXPECT_TRUE(activated.ok()) << activated.error();
  return std::move(instance).value();
}

// Fills both inputs with a ramp, processes, and returns whether process() succeeded.
bool processRamp(PluginInstance& instance, uint32_t frames = 128) {
  for (uint32_t i = 0; i < frames; ++i) {
    instance.input(0)[i] = static_cast<float>(i) / frames;
    instance.input(1)[i] = -static_cast<float>(i) / frames;
  }
  return instance.process(frames, {});
}

class WspModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto module = load("fixture_plugin.wasm");
    ASSERT_TRUE(module.ok()) << module.error();
    module_ = module.value();
  }
  std::shared_ptr<PluginModule> module_;
};

TEST_F(WspModuleTest, LoadsAndDescribesItself) {
  EXPECT_EQ(module_->format(), PluginFormat::wsp);
  EXPECT_FALSE(module_->linkedNatively());
  EXPECT_EQ(module_->descriptor().id, "studio.wasm.test.fixture");
  EXPECT_EQ(module_->descriptor().params.size(), 2u);
}

TEST_F(WspModuleTest, ProcessesAGainInTheSandbox) {
  auto instance = activeInstance(*module_);
  ASSERT_TRUE(instance->setParam(0, -6.0));
  ASSERT_TRUE(processRamp(*instance));
  const float gain = static_cast<float>(std::pow(10.0, -6.0 / 20.0));
  for (uint32_t i = 0; i < 128; ++i) {
    ASSERT_FLOAT_EQ(instance->output(0)[i], (static_cast<float>(i) / 128) * gain) << i;
    ASSERT_FLOAT_EQ(instance->output(1)[i], (-static_cast<float>(i) / 128) * gain) << i;
  }
  EXPECT_DOUBLE_EQ(instance->paramValue(0), -6.0);
  EXPECT_TRUE(std::isnan(instance->paramValue(1234)));
  EXPECT_GT(instance->memoryBytes(), 0u);
  EXPECT_EQ(instance->latency(), 0u);
}

TEST_F(WspModuleTest, SampleAccurateEventsAcrossASplitBlock) {
  auto instance = activeInstance(*module_);
  std::vector<wsp_event> events;
  for (uint32_t frame = 0; frame < 200; ++frame) {
    const wsp_event event = wsp::paramEvent(frame, 0, frame % 2 == 0 ? 0.0 : -60.0);
    events.push_back(event);
    events.push_back(event);  // 400 events: more than the plugin's 256
  }
  for (uint32_t i = 0; i < 256; ++i) instance->input(0)[i] = instance->input(1)[i] = 1.0f;
  ASSERT_TRUE(instance->process(256, events));
  for (uint32_t frame = 0; frame < 200; ++frame) {
    ASSERT_NEAR(instance->output(0)[frame], frame % 2 == 0 ? 1.0f : 0.001f, 1e-6) << frame;
  }
}

TEST_F(WspModuleTest, StateRoundTrips) {
  auto a = activeInstance(*module_);
  ASSERT_TRUE(a->setParam(0, -20.0));
  auto state = a->saveState();
  ASSERT_TRUE(state.ok()) << state.error();
  auto b = activeInstance(*module_);
  ASSERT_TRUE(b->loadState(state.value()).ok());
  EXPECT_DOUBLE_EQ(b->paramValue(0), -20.0);
  auto refused = b->loadState(std::vector<uint8_t>(16, 0x5a));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("rejected the state"), std::string::npos);
  EXPECT_DOUBLE_EQ(b->paramValue(0), -20.0);
}

TEST_F(WspModuleTest, InstancesAreIndependent) {
  auto a = activeInstance(*module_);
  auto b = activeInstance(*module_);
  ASSERT_TRUE(a->setParam(0, -60.0));
  ASSERT_TRUE(processRamp(*a));
  ASSERT_TRUE(processRamp(*b));
  EXPECT_FLOAT_EQ(b->output(0)[64], 0.5f);
  EXPECT_NEAR(a->output(0)[64], 0.0005f, 1e-7);
  EXPECT_DOUBLE_EQ(b->paramValue(0), 0.0);
}

TEST(WspModule, SharedModuleInstanceMode) {
  LoadOptions options = testOptions();
  options.shareModuleInstance = true;
  auto module = load("fixture_plugin.wasm", options);
  ASSERT_TRUE(module.ok()) << module.error();
  auto a = activeInstance(*module.value());
  auto b = activeInstance(*module.value());
  EXPECT_EQ(a->memoryBytes(), b->memoryBytes());  // one memory
  ASSERT_TRUE(a->setParam(0, -60.0));
  ASSERT_TRUE(processRamp(*a));
  ASSERT_TRUE(processRamp(*b));
  EXPECT_FLOAT_EQ(b->output(0)[64], 0.5f);
  EXPECT_NEAR(a->output(0)[64], 0.0005f, 1e-7);
}

TEST(WspModule, SecondLoadUsesTheCachedTranslation) {
  auto first = load("fixture_plugin.wasm");
  ASSERT_TRUE(first.ok());
  const auto entries = [] {
    size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(testing::testCacheDir() / "modules")) {
      n += entry.path().extension() == ".so";
    }
    return n;
  };
  const size_t before = entries();
  auto second = load("fixture_plugin.wasm");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(entries(), before);
}

// Each misbehaviour faults one instance; it then outputs silence, and a second instance of the
// same module keeps working.
struct MisbehaviourCase {
  Misbehaviour what;
  Fault fault;
  const char* message;
};

class WspMisbehaviour : public WspModuleTest, public ::testing::WithParamInterface<MisbehaviourCase> {};

TEST_P(WspMisbehaviour, FaultsOnlyTheInstanceAndSilencesIt) {
  const MisbehaviourCase& c = GetParam();
  auto bad = activeInstance(*module_);
  auto good = activeInstance(*module_);
  ASSERT_TRUE(bad->setParam(kMisbehave, c.what));
  EXPECT_FALSE(processRamp(*bad));
  EXPECT_EQ(bad->fault(), c.fault) << faultName(bad->fault()) << ": " << bad->faultMessage();
  EXPECT_NE(bad->faultMessage().find(c.message), std::string::npos) << bad->faultMessage();
  for (uint32_t i = 0; i < 128; ++i) ASSERT_EQ(bad->output(0)[i], 0.0f);
  EXPECT_FALSE(processRamp(*bad));  // stays disabled
  ASSERT_TRUE(processRamp(*good));
  EXPECT_FLOAT_EQ(good->output(0)[64], 0.5f);
  EXPECT_LE(bad->memoryBytes(), uint64_t{WSP_MAX_MEMORY_BYTES});
}

INSTANTIATE_TEST_SUITE_P(
    Faults, WspMisbehaviour,
    ::testing::Values(
        MisbehaviourCase{OutOfBounds, Fault::Trap,
                         "Plugin 'Fixture' trapped: out of bounds memory access in wsp_process"},
        MisbehaviourCase{Unreachable, Fault::Trap, "unreachable executed in wsp_process"},
        MisbehaviourCase{LoopForever, Fault::Runaway, "ran out of instruction fuel"},
        MisbehaviourCase{Recurse, Fault::Trap, "recursion too deep"},
        MisbehaviourCase{WriteNan, Fault::NonFinite, "Plugin 'Fixture' output NaN"},
        MisbehaviourCase{GrowMemory, Fault::Failed, "wsp_process returned -2"}));

TEST(WspModuleRefusal, BadBytes) {
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
  auto module = loadWspModule(png, testOptions());
  ASSERT_FALSE(module.ok());
  EXPECT_EQ(module.error(), "not a valid WebAssembly module: not a WebAssembly module (bad magic)");
  auto bytes = testing::readFixture("fixture_plugin.wasm");
  bytes.resize(bytes.size() / 2);
  module = loadWspModule(bytes, testOptions());
  ASSERT_FALSE(module.ok());
  EXPECT_NE(module.error().find("truncated at byte"), std::string::npos) << module.error();
}

TEST(WspModuleRefusal, ContractViolations) {
  EXPECT_EQ(loadError("imports_fd_write.wasm"),
            "not a WSP plugin: the module imports env.fd_write: a WSP plugin may import only "
            "wsp_host.log (ABI-4)");
  EXPECT_NE(loadError("memory_imported.wasm").find("imports its memory env.memory"), std::string::npos);
  EXPECT_NE(loadError("memory_imported.wasm").find("(ABI-3)"), std::string::npos);
  EXPECT_EQ(loadError("memory_max_too_big.wasm"),
            "not a WSP plugin: the module declares a maximum memory of 128 MiB, over the 64 MiB "
            "ceiling (ABI-5)");
  EXPECT_EQ(loadError("missing_exports.wasm"),
            "not a WSP plugin: the module does not export wsp_abi_version (ABI-1)");
  EXPECT_EQ(loadError("wrong_signature.wasm"),
            "not a WSP plugin: the module exports wsp_abi_version as (i32) -> i32, expected () -> "
            "i32 (ABI-1)");
}

TEST(WspModuleRefusal, BadDescriptors) {
  EXPECT_NE(loadError("descriptor_not_json.wasm").find("descriptor: not valid JSON"), std::string::npos);
  EXPECT_EQ(loadError("descriptor_no_nul.wasm"), "the descriptor is not NUL-terminated (ABI-6)");
  EXPECT_EQ(loadError("descriptor_huge.wasm"),
            "the descriptor is longer than 64 KiB or not NUL-terminated (ABI-6)");
}

}  // namespace
}  // namespace wstudio::host

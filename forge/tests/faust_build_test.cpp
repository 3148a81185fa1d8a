// Faust effects on Faust's standard library, built through the Forge's real path (the source
// guard, Faust and clang in the compile jail, the conformance suite in the plugin sandbox), then
// loaded as any uploaded module is and measured on real signals: the low-pass attenuates as a
// 4th-order Butterworth does, the echo repeats at its delay, the controls are the descriptor's
// parameters, and a compile error comes back at its line.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "faust_build_support.hpp"
#include "faust_test_sources.hpp"
#include "wstudio/forge/faust_compile.hpp"
#include "wstudio/forge/faust_description.hpp"
#include "wstudio/host/plugin.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::forge {
namespace {

using Channels = std::vector<std::vector<float>>;

constexpr double kRate = test::kFaustTestRate;
constexpr uint32_t kBlock = test::kFaustTestBlock;

using test::Built;
using test::instantiate;
Built build(const std::string& source) { return test::buildFaust(source); }

Channels render(host::PluginInstance& plugin, const Channels& input, std::span<const wsp_event> events = {}) {
  const size_t frames = input[0].size();
  Channels output(plugin.descriptor().outputs, std::vector<float>(frames));
  for (size_t at = 0; at < frames; at += kBlock) {
    const auto n = static_cast<uint32_t>(std::min<size_t>(kBlock, frames - at));
    for (uint32_t c = 0; c < input.size(); ++c) std::copy_n(input[c].data() + at, n, plugin.input(c));
    EXPECT_TRUE(plugin.process(n, at == 0 ? events : std::span<const wsp_event>())) << plugin.faultMessage();
    for (uint32_t c = 0; c < output.size(); ++c) std::copy_n(plugin.output(c), n, output[c].data() + at);
  }
  return output;
}

uint32_t paramId(const host::PluginInstance& plugin, const std::string& key) {
  for (const auto& p : plugin.descriptor().params)
    if (p.key == key) return p.id;
  ADD_FAILURE() << "no parameter " << key;
  return 0;
}

// The gain of a tone through the plugin, in dB, after 0.5 s of settling (left channel in, left out).
double toneGainDb(host::PluginInstance& plugin, double hz) {
  plugin.reset();
  const size_t frames = static_cast<size_t>(kRate);
  const std::vector<float> tone = testsupport::sine(hz, kRate, frames, 0.5);
  const Channels out = render(plugin, {tone, std::vector<float>(frames)});
  const std::span<const float> settled(out[0].data() + frames / 2, frames / 2);
  return testsupport::toDb(testsupport::toneAmplitude(settled, hz, kRate) / 0.5);
}

// A bilinear-transformed Butterworth low-pass of order 4 (filters.lib prewarps at the cutoff).
double butterworthDb(double hz, double cutoff) {
  const double ratio = std::tan(std::numbers::pi * hz / kRate) / std::tan(std::numbers::pi * cutoff / kRate);
  return -10.0 * std::log10(1.0 + std::pow(ratio, 8.0));
}

TEST(ForgeFaustBuild, ALowpassAttenuatesAsDesigned) {
  const Built built = build(test::kFaustLowpass);
  ASSERT_TRUE(built.validation.passed);
  EXPECT_EQ(built.validation.pluginId, "forge.faust.faust-low-pass");
  auto plugin = instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  EXPECT_EQ(plugin->descriptor().inputs, 2u);  // mono Faust, one copy per channel
  // Default cutoff 1 kHz: the pass band passes, two octaves up is ~49 dB down.
  EXPECT_NEAR(toneGainDb(*plugin, 250.0), butterworthDb(250.0, 1000.0), 0.2);
  EXPECT_NEAR(toneGainDb(*plugin, 4000.0), butterworthDb(4000.0, 1000.0), 1.0);
  EXPECT_LT(toneGainDb(*plugin, 4000.0), -45.0);
  // The Cutoff knob moves it: at 4 kHz the 4 kHz tone is at -3 dB.
  ASSERT_TRUE(plugin->setParam(paramId(*plugin, "cutoff"), 4000.0));
  EXPECT_NEAR(toneGainDb(*plugin, 4000.0), -3.01, 0.2);
  // The right channel has its own copy: silence in, silence out.
  const Channels out = render(*plugin, {testsupport::sine(440, kRate, 4800, 0.5), std::vector<float>(4800)});
  EXPECT_EQ(testsupport::peak(out[1]), 0.0);
}

TEST(ForgeFaustBuild, AnEchoRepeatsAtItsDelay) {
  const Built built = build(test::kFaustEcho);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const size_t frames = 48000;
  const Channels out = render(*plugin, {testsupport::impulse(frames, 100), std::vector<float>(frames)});
  // y[n] = x[n] + 0.5 y[n - 1 - 0.25 s]: repeats 12,001 frames apart, halving.
  const size_t delay = 12001;
  EXPECT_NEAR(out[0][100], 1.0f, 1e-6f);
  EXPECT_NEAR(out[0][100 + delay], 0.5f, 1e-6f);
  EXPECT_NEAR(out[0][100 + 2 * delay], 0.25f, 1e-6f);
  EXPECT_NEAR(out[0][100 + 3 * delay], 0.125f, 1e-6f);
  double between = 0;
  for (size_t n = 101; n < 100 + delay; ++n) between = std::max(between, double(std::fabs(out[0][n])));
  EXPECT_LT(between, 1e-6);
  // A shorter Time and more Feedback, set by their keys.
  const std::array<wsp_event, 2> events = {testsupport::paramEvent(0, paramId(*plugin, "time"), 100.0),
                                           testsupport::paramEvent(0, paramId(*plugin, "feedback"), 80.0)};
  plugin->reset();
  const Channels changed = render(*plugin, {testsupport::impulse(frames, 2400), std::vector<float>(frames)}, events);
  EXPECT_NEAR(changed[0][2400 + 4801], 0.8f, 1e-3f);
}

TEST(ForgeFaustBuild, ControlsAreTheDescriptorsParameters) {
  const Built built = build(test::kFaustControls);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const host::PluginDescriptor& d = plugin->descriptor();
  EXPECT_EQ(d.name, "Faust Controls");
  EXPECT_EQ(d.vendor, "Forge tests");
  EXPECT_EQ(d.version, "2.1.0");
  EXPECT_EQ(d.category, "utility");
  ASSERT_EQ(d.params.size(), 5u);
  for (const auto& p : d.params) {
    EXPECT_EQ(p.id, faustParamId(p.key)) << p.key;
    if (p.key == "gain") {
      EXPECT_EQ(p.unit, "dB");
      EXPECT_EQ(p.min, -60);
      EXPECT_EQ(p.max, 12);
      EXPECT_EQ(p.defaultValue, -6);
      EXPECT_EQ(p.scale, host::ParamScale::Db);
    } else if (p.key == "tone_freq") {
      EXPECT_EQ(p.name, "Tone Freq");
      EXPECT_EQ(p.unit, "Hz");
      EXPECT_EQ(p.scale, host::ParamScale::Log);
      EXPECT_EQ(p.min, 20);
      EXPECT_EQ(p.max, 20000);
      EXPECT_EQ(p.defaultValue, 440);
    } else if (p.key == "stages") {
      EXPECT_EQ(p.type, host::ParamType::Int);
    } else if (p.key == "mode") {
      EXPECT_EQ(p.type, host::ParamType::Choice);
      EXPECT_EQ(p.choices, (std::vector<std::string>{"Clean", "Warm", "Hot"}));
      EXPECT_EQ(p.defaultValue, 1);
    } else {
      EXPECT_EQ(p.key, "bypass");
      EXPECT_EQ(p.type, host::ParamType::Bool);
    }
  }
  // -6 dB by default on both channels; Bypass passes the input through.
  const std::vector<float> tone = testsupport::sine(1000, kRate, 4800, 0.5);
  const Channels out = render(*plugin, {tone, tone});
  EXPECT_NEAR(testsupport::toDb(testsupport::peak(out[1]) / 0.5), -6.0, 0.05);
  ASSERT_TRUE(plugin->setParam(paramId(*plugin, "bypass"), 1.0));
  const Channels bypassed = render(*plugin, {tone, tone});
  EXPECT_NEAR(testsupport::peak(bypassed[0]), 0.5, 1e-4);
}

TEST(ForgeFaustBuild, AMonoInputHearsBothChannels) {
  const Built built = build(test::kFaustMonoToStereo);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const Channels out = render(*plugin, {std::vector<float>(256, 1.0f), std::vector<float>(256, 0.0f)});
  EXPECT_FLOAT_EQ(out[0][10], 0.5f);
  EXPECT_FLOAT_EQ(out[1][10], -0.5f);
}

TEST(ForgeFaustBuild, AnErrorComesBackAtItsLine) {
  const CompileOutcome outcome = compileFaust(test::kFaustErrorAtLine3, CompileLimits{});
  ASSERT_EQ(outcome.status, CompileStatus::Errors) << outcome.message;
  ASSERT_FALSE(outcome.diagnostics.diagnostics.empty());
  const Diagnostic& first = outcome.diagnostics.diagnostics.front();
  EXPECT_EQ(first.file, "plugin.dsp");
  EXPECT_EQ(first.line, 3);
  EXPECT_EQ(first.severity, "error");
  EXPECT_NE(first.message.find("undefined_filter"), std::string::npos) << first.message;
  EXPECT_EQ(outcome.message, "the Faust program does not compile: 1 error");
}

}  // namespace
}  // namespace wstudio::forge

// Faust programs without inputs, built through the Forge's real path (Faust and clang in the
// compile jail, the conformance suite in the plugin sandbox) and played with notes: a generator
// sounds at its own knob while a note is held; an instrument in Faust's poly convention sounds at
// the note's pitch, falls silent after its release, plays chords with its voices and one note at
// a time without nvoices; a voice count too large is refused, voices too big for the plugin's
// memory and a generator that blows up or plays far above full scale fail validation.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "faust_build_support.hpp"
#include "faust_test_sources.hpp"
#include "wstudio/forge/faust_compile.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/native_plugin.hpp"

namespace wstudio::forge {
namespace {

using Channels = std::vector<std::vector<float>>;
constexpr double kRate = test::kFaustTestRate;
constexpr uint32_t kBlock = test::kFaustTestBlock;

// `frames` of the plugin's output with `events` at their (absolute) frames, block by block.
Channels play(host::PluginInstance& plugin, size_t frames, std::vector<wsp_event> events = {}) {
  Channels output(plugin.descriptor().outputs, std::vector<float>(frames));
  size_t next = 0;
  for (size_t at = 0; at < frames; at += kBlock) {
    const auto n = static_cast<uint32_t>(std::min<size_t>(kBlock, frames - at));
    std::vector<wsp_event> block;
    for (; next < events.size() && events[next].frame < at + n; ++next) {
      block.push_back(events[next]);
      block.back().frame -= static_cast<uint32_t>(at);
    }
    EXPECT_TRUE(plugin.process(n, block)) << plugin.faultMessage();
    for (uint32_t c = 0; c < output.size(); ++c) std::copy_n(plugin.output(c), n, output[c].data() + at);
  }
  return output;
}

std::span<const float> between(const std::vector<float>& x, double fromSeconds, double toSeconds) {
  const auto from = static_cast<size_t>(fromSeconds * kRate);
  return std::span(x).subspan(from, static_cast<size_t>(toSeconds * kRate) - from);
}

// The frequency of a steady tone from its rising zero crossings (interpolated between samples).
double frequency(std::span<const float> x) {
  double first = -1, last = -1;
  int crossings = 0;
  for (size_t i = 1; i < x.size(); ++i) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      const double at = static_cast<double>(i - 1) + x[i - 1] / (x[i - 1] - x[i]);
      if (first < 0) first = at;
      last = at;
      ++crossings;
    }
  }
  return crossings > 1 ? (crossings - 1) * kRate / (last - first) : 0.0;
}

double amplitudeAt(std::span<const float> x, double hz) { return testsupport::toneAmplitude(x, hz, kRate); }

uint32_t paramId(const host::PluginInstance& plugin, const std::string& key) {
  for (const auto& p : plugin.descriptor().params)
    if (p.key == key) return p.id;
  ADD_FAILURE() << "no parameter " << key;
  return 0;
}

TEST(ForgeFaustInstrument, AGeneratorSoundsAtItsKnobWhileANoteIsHeld) {
  const test::Built built = test::buildFaust(test::kFaustOscillator);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const host::PluginDescriptor& d = plugin->descriptor();
  EXPECT_EQ(d.kind, host::PluginKind::Instrument);
  EXPECT_TRUE(d.midi);
  EXPECT_EQ(d.inputs, 0u);
  EXPECT_EQ(d.outputs, 2u);  // mono Faust, on both channels
  EXPECT_EQ(d.category, "synth");
  ASSERT_EQ(d.params.size(), 2u);
  // Silent until a note, then at the Frequency knob (the note's pitch plays no part) and its Level.
  const Channels out = play(*plugin, 48000, {testsupport::noteOn(4800, 60, 1.0f), testsupport::noteOff(38400, 60)});
  EXPECT_EQ(testsupport::peak(between(out[0], 0.0, 0.1)), 0.0);
  EXPECT_NEAR(frequency(between(out[0], 0.2, 0.7)), 440.0, 0.5);
  EXPECT_NEAR(amplitudeAt(between(out[1], 0.2, 0.7), 440.0), 0.5, 0.01);
  // After the note-off and its 5 ms fade: silence.
  EXPECT_EQ(testsupport::peak(between(out[0], 0.81, 1.0)), 0.0);
  // The knob moves it.
  plugin->reset();
  ASSERT_TRUE(plugin->setParam(paramId(*plugin, "frequency"), 1000.0));
  const Channels higher = play(*plugin, 24000, {testsupport::noteOn(0, 60, 1.0f)});
  EXPECT_NEAR(frequency(between(higher[0], 0.1, 0.5)), 1000.0, 0.5);
}

TEST(ForgeFaustInstrument, NoteSixtyNineSoundsAt440AndEndsAfterItsRelease) {
  const test::Built built = test::buildFaust(test::kFaustPolySynth);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const host::PluginDescriptor& d = plugin->descriptor();
  EXPECT_EQ(d.kind, host::PluginKind::Instrument);
  EXPECT_EQ(d.inputs, 0u);
  // freq, gain and gate are the notes'; the user sees only Release.
  ASSERT_EQ(d.params.size(), 1u);
  EXPECT_EQ(d.params[0].key, "release");
  const Channels out = play(*plugin, 48000, {testsupport::noteOn(0, 69, 1.0f), testsupport::noteOff(24000, 69)});
  EXPECT_NEAR(frequency(between(out[0], 0.05, 0.5)), 440.0, 1.0);
  // gain = velocity 1, times 0.5: amplitude 0.5.
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.05, 0.5), 440.0), 0.5, 0.01);
  // Release 50 ms: nothing at all 0.1 s after the note-off.
  EXPECT_EQ(testsupport::peak(between(out[0], 0.6, 1.0)), 0.0);
  // Velocity is gain: half velocity, half amplitude.
  plugin->reset();
  const Channels soft = play(*plugin, 24000, {testsupport::noteOn(0, 69, 0.5f)});
  EXPECT_NEAR(amplitudeAt(between(soft[0], 0.05, 0.5), 440.0), 0.25, 0.01);
}

// Faust's poly `effect`, applied once to the mix of the voices: a mono echo 0.1 s later at its
// Release knob's level (named as the voice's Release, so it is "Release (effect)", key
// effect_release); the voices' own Release is untouched.
TEST(ForgeFaustInstrument, AnInstrumentIsHeardThroughItsEffectAndItsKnobActs) {
  const std::string source = test::kFaustPolySynth +
                             "effect = _ <: _, (@(4800) : *(hslider(\"Release\", 0.5, 0, 1, 0.01))) :> _;\n";
  const test::Built built = test::buildFaust(source);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  const host::PluginDescriptor& d = plugin->descriptor();
  EXPECT_EQ(d.kind, host::PluginKind::Instrument);
  EXPECT_EQ(d.outputs, 2u);
  ASSERT_EQ(d.params.size(), 2u);
  EXPECT_EQ(d.params[0].key, "release");
  EXPECT_EQ(d.params[1].key, "effect_release");
  EXPECT_EQ(d.params[1].name, "Release (effect)");
  // A 40 ms note (release 50 ms): the note, then its echo at half its level, on both channels.
  const auto note = [&] {
    plugin->reset();
    return play(*plugin, 24000, {testsupport::noteOn(0, 69, 1.0f), testsupport::noteOff(1920, 69)});
  };
  const Channels out = note();
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.01, 0.04), 440.0), 0.5, 0.02);
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.11, 0.14), 440.0), 0.25, 0.02);
  EXPECT_NEAR(amplitudeAt(between(out[1], 0.11, 0.14), 440.0), 0.25, 0.02);
  EXPECT_EQ(testsupport::peak(between(out[0], 0.3, 0.5)), 0.0);
  // The effect's knob: the echo at full level.
  ASSERT_TRUE(plugin->setParam(paramId(*plugin, "effect_release"), 1.0));
  const Channels louder = note();
  EXPECT_NEAR(amplitudeAt(between(louder[0], 0.11, 0.14), 440.0), 0.5, 0.02);
  EXPECT_NEAR(amplitudeAt(between(louder[0], 0.01, 0.04), 440.0), 0.5, 0.02);
}

// A stereo effect after stereo voices keeps its channels; a generator's mono output through a
// mono-to-stereo effect: each channel at its own level.
TEST(ForgeFaustInstrument, EffectsKeepTheirChannels) {
  const std::string stereo = R"(declare options "[nvoices:2]";
import("stdfaust.lib");
process = os.osc(hslider("freq", 200, 20, 5000, 0.01)) * hslider("gain", 0.5, 0, 1, 0.01) * button("gate") <: _, _;
effect = *(0.5), *(0.25);
)";
  const test::Built built = test::buildFaust(stereo);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  Channels out = play(*plugin, 24000, {testsupport::noteOn(0, 69, 1.0f)});
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.05, 0.4), 440.0), 0.5, 0.01);
  EXPECT_NEAR(amplitudeAt(between(out[1], 0.05, 0.4), 440.0), 0.25, 0.01);

  const test::Built generator = test::buildFaust(test::kFaustOscillator + "effect = _ <: *(0.5), *(0.25);\n");
  ASSERT_TRUE(generator.validation.passed);
  plugin = test::instantiate(generator.wasm);
  ASSERT_TRUE(plugin);
  out = play(*plugin, 24000, {testsupport::noteOn(0, 60, 1.0f)});
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.05, 0.4), 440.0), 0.25, 0.01);
  EXPECT_NEAR(amplitudeAt(between(out[1], 0.05, 0.4), 440.0), 0.125, 0.01);
}

// What cannot be applied is refused in words: an effect whose inputs are not the voices'
// outputs, an error in the effect (at its line), and a file outside Faust's libraries named in
// it (refused before Faust runs, as in process).
TEST(ForgeFaustInstrument, AnEffectThatCannotBeAppliedIsRefused) {
  const auto said = [](const CompileOutcome& c) {
    std::string all = c.message;
    for (const Diagnostic& d : c.diagnostics.diagnostics) all.append("\n").append(std::to_string(d.line)).append(": ").append(d.message);
    return all;
  };
  const CompileOutcome mismatched = compileFaust(test::kFaustPolySynth + "effect = *(0.5), *(0.5);\n", CompileLimits{});
  EXPECT_EQ(mismatched.status, CompileStatus::Errors);
  EXPECT_NE(said(mismatched).find("effect has 2 inputs but the voices (process) have 1 output"), std::string::npos)
      << said(mismatched);
  const CompileOutcome wrong = compileFaust(test::kFaustPolySynth + "effect = _ : nosuch;\n", CompileLimits{});
  EXPECT_EQ(wrong.status, CompileStatus::Errors);
  ASSERT_FALSE(wrong.diagnostics.diagnostics.empty()) << said(wrong);
  EXPECT_EQ(wrong.diagnostics.diagnostics[0].line, 9) << said(wrong);
  EXPECT_NE(said(wrong).find("nosuch"), std::string::npos) << said(wrong);
  for (const char* attack : {"effect = component(\"/etc/passwd\");\n", "effect = library(\"../../etc/x.lib\").f;\n"}) {
    const CompileOutcome refused = compileFaust(test::kFaustPolySynth + attack, CompileLimits{});
    EXPECT_EQ(refused.status, CompileStatus::Errors) << attack;
    EXPECT_NE(refused.message.find("the Faust program is refused"), std::string::npos) << said(refused);
  }
  // In a program with inputs (an effect itself) `effect` means nothing, as in Faust's own poly
  // architectures: it is not compiled, so even one that could not be is no error.
  const CompileOutcome inEffect = compileFaust(test::kFaustLowpass + "effect = _ : nosuch;\n", CompileLimits{});
  EXPECT_EQ(inEffect.status, CompileStatus::Built) << said(inEffect);
  // Without effect, an instrument builds exactly as before, with nothing to say.
  const CompileOutcome plain = compileFaust(test::kFaustPolySynth, CompileLimits{});
  EXPECT_EQ(plain.status, CompileStatus::Built);
  EXPECT_TRUE(plain.diagnostics.diagnostics.empty()) << said(plain);
}

TEST(ForgeFaustInstrument, VoicesPlayChordsAndTheOldestIsStolen) {
  const test::Built built = test::buildFaust(test::kFaustPolySynth);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  // A and E above it at once: both sound, each at full amplitude.
  const Channels chord = play(*plugin, 24000, {testsupport::noteOn(0, 69, 1.0f), testsupport::noteOn(0, 76, 1.0f)});
  const double e5 = 440.0 * std::exp2(7.0 / 12.0);
  EXPECT_NEAR(amplitudeAt(between(chord[0], 0.05, 0.5), 440.0), 0.5, 0.02);
  EXPECT_NEAR(amplitudeAt(between(chord[0], 0.05, 0.5), e5), 0.5, 0.02);
  // Five notes on four voices: the first (A4) is stolen, the four later ones sound.
  plugin->reset();
  std::vector<wsp_event> five;
  const int keys[] = {69, 60, 64, 67, 72};
  for (int i = 0; i < 5; ++i) five.push_back(testsupport::noteOn(static_cast<uint32_t>(i * 2400), static_cast<uint16_t>(keys[i]), 1.0f));
  const Channels stolen = play(*plugin, 36000, five);
  const auto hz = [](int key) { return 440.0 * std::exp2((key - 69) / 12.0); };
  EXPECT_LT(amplitudeAt(between(stolen[0], 0.35, 0.75), hz(69)), 0.01);
  for (int key : {60, 64, 67, 72}) EXPECT_NEAR(amplitudeAt(between(stolen[0], 0.35, 0.75), hz(key)), 0.5, 0.02) << key;
}

TEST(ForgeFaustInstrument, WithoutNvoicesTheLastNoteHeldSounds) {
  const test::Built built = test::buildFaust(test::kFaustMonoSynth);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  EXPECT_TRUE(plugin->descriptor().params.empty());
  // C4 held, A4 over it, A4 released: C4 again, never both at once.
  const Channels out = play(*plugin, 48000,
                            {testsupport::noteOn(0, 60, 1.0f), testsupport::noteOn(12000, 69, 1.0f),
                             testsupport::noteOff(24000, 69), testsupport::noteOff(36000, 60)});
  const double c4 = 440.0 * std::exp2(-9.0 / 12.0);
  EXPECT_NEAR(frequency(between(out[0], 0.02, 0.24)), c4, 1.0);
  EXPECT_NEAR(frequency(between(out[0], 0.27, 0.49)), 440.0, 1.0);
  EXPECT_LT(amplitudeAt(between(out[0], 0.27, 0.49), c4), 0.01);
  EXPECT_NEAR(frequency(between(out[1], 0.52, 0.74)), c4, 1.0);
  EXPECT_EQ(testsupport::peak(between(out[0], 0.85, 1.0)), 0.0);
}

TEST(ForgeFaustInstrument, KeyAndVelocityAreTheNotesToo) {
  const test::Built built = test::buildFaust(test::kFaustKeyVelocity);
  ASSERT_TRUE(built.validation.passed);
  auto plugin = test::instantiate(built.wasm);
  ASSERT_TRUE(plugin);
  EXPECT_TRUE(plugin->descriptor().params.empty());
  // Key 69 at half velocity (63.5 of 127): 440 Hz at a quarter; nothing once released.
  const Channels out = play(*plugin, 24000, {testsupport::noteOn(0, 69, 0.5f), testsupport::noteOff(12000, 69)});
  EXPECT_NEAR(frequency(between(out[0], 0.01, 0.24)), 440.0, 1.0);
  EXPECT_NEAR(amplitudeAt(between(out[0], 0.01, 0.24), 440.0), 0.25, 0.01);
  EXPECT_EQ(testsupport::peak(between(out[0], 0.26, 0.5)), 0.0);
}

TEST(ForgeFaustInstrument, AHundredThousandVoicesAreRefusedInWords) {
  const CompileOutcome outcome = compileFaust(test::kFaustVoiceBomb, CompileLimits{});
  ASSERT_NE(outcome.status, CompileStatus::Built);
  std::string said = outcome.message;
  for (const Diagnostic& d : outcome.diagnostics.diagnostics) said += "\n" + d.message;
  EXPECT_NE(said.find("[nvoices:100000]"), std::string::npos) << said;
  EXPECT_NE(said.find("at most 32"), std::string::npos) << said;
}

TEST(ForgeFaustInstrument, VoicesTooBigForThePluginsMemoryFailValidation) {
  const CompileOutcome compiled = compileFaust(test::kFaustHeavyVoices, CompileLimits{});
  ASSERT_EQ(compiled.status, CompileStatus::Built) << compiled.message;
  const BuildValidation validation = validateBuild(compiled.wasm, test::scratch("module-cache"));
  // Each instance is a whole plugin's voices: more than the plugin sandbox's memory, so none is made.
  EXPECT_FALSE(validation.passed);
  EXPECT_NE(validation.message.find("could not create an instance"), std::string::npos) << validation.message;
}

TEST(ForgeFaustInstrument, AGeneratorThatBlowsUpFailsValidation) {
  const CompileOutcome compiled = compileFaust(test::kFaustRunaway, CompileLimits{});
  ASSERT_EQ(compiled.status, CompileStatus::Built) << compiled.message;
  const BuildValidation validation = validateBuild(compiled.wasm, test::scratch("module-cache"));
  EXPECT_FALSE(validation.passed);
  EXPECT_NE(validation.message.find("Inf"), std::string::npos) << validation.message;
}

TEST(ForgeFaustInstrument, AGeneratorFarLouderThanFullScaleFailsValidation) {
  const CompileOutcome compiled = compileFaust(test::kFaustBlaring, CompileLimits{});
  ASSERT_EQ(compiled.status, CompileStatus::Built) << compiled.message;
  const BuildValidation validation = validateBuild(compiled.wasm, test::scratch("module-cache"));
  EXPECT_FALSE(validation.passed);
  // 100 / sqrt(2) RMS: +37 dBFS, against at most 0 dBFS.
  EXPECT_NE(validation.message.find("comes out at +37 dBFS"), std::string::npos) << validation.message;
}

}  // namespace
}  // namespace wstudio::forge

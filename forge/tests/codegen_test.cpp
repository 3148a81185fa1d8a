// The C++ writer: the source says what the plan says (names, ranges, chain, mix), names that
// would clash in C++ are renamed, and an invalid plan is refused.
#include <gtest/gtest.h>

#include <stdexcept>

#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_edit.hpp"

namespace {

using namespace wstudio::forge;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ForgeCodegen, SourceFollowsThePlan) {
  const Plan plan = generatePlan("a warm tape saturator with a Heat knob and a 500 Hz high-pass");
  const std::string code = writePluginSource(plan, "forge_tape");
  EXPECT_TRUE(contains(code, "floatParam(kHeat, \"heat\", \"Heat\", \"dB\", 0.0, 48.0, 9.0)")) << code;
  EXPECT_TRUE(contains(code, "floatParam(kCutoff, \"cutoff\", \"Cutoff\", \"Hz\", 20.0, 20000.0, 500.0, Scale::Log)"));
  EXPECT_TRUE(contains(code, "saturator_.process(l, r, heat, 0.0f /* Output, dB */);"));
  EXPECT_TRUE(contains(code, "highPass_.process(l, r, cutoff, 0.707"));
  EXPECT_TRUE(contains(code, "Saturator saturator_{wsp::dsp::ShaperType::Tanh, 0.0f};"));
  EXPECT_TRUE(contains(code, ".id = \"forge.warm_tape_saturator_high_pass\""));
  EXPECT_TRUE(contains(code, "WSP_PLUGIN(forge_tape::WarmTapeSaturatorHighPassPlugin, forge_tape);"));
  EXPECT_TRUE(contains(code, "// Asked for: \"a warm tape saturator with a Heat knob and a 500 Hz high-pass\""));
  EXPECT_FALSE(contains(code, "dryL"));  // no mix knob, no dry path
  // Only the blocks used are written.
  EXPECT_FALSE(contains(code, "class Delay"));
  EXPECT_TRUE(contains(code, "#include <wsp/dsp/svf.hpp>"));
}

TEST(ForgeCodegen, MixKnobBlendsTheDrySignal) {
  Plan plan = generatePlan("wavefolder");
  ASSERT_TRUE(addMix(plan).empty());
  const std::string code = writePluginSource(plan);
  EXPECT_TRUE(contains(code, "const float dryL = l, dryR = r;"));
  EXPECT_TRUE(contains(code, "const float wet = mix * 0.01f;"));
  EXPECT_TRUE(contains(code, "outL[i] = dryL + wet * (l - dryL);"));
}

TEST(ForgeCodegen, SyncedBlocksFollowTheTempo) {
  const std::string code = writePluginSource(generatePlan("tempo-synced delay on 1/8 notes"));
  EXPECT_TRUE(contains(code, "void transport(const Transport& t)"));
  EXPECT_TRUE(contains(code, "syncedMs(0.5 /* 1/8 note */)"));
}

TEST(ForgeCodegen, InstrumentsTakeNotes) {
  const std::string code = writePluginSource(generatePlan("pluck synth with reverb"));
  EXPECT_TRUE(contains(code, ".kind = Kind::Instrument"));
  EXPECT_TRUE(contains(code, "void noteOn(const Note& note) { synth_.noteOn(note); }"));
  EXPECT_TRUE(contains(code, "float l = 0.0f, r = 0.0f;"));
}

TEST(ForgeCodegen, NamesThatWouldClashInCppAreRenamed) {
  Plan plan = generatePlan("gain");
  ASSERT_TRUE(renamePlugin(plan, "Quote \" and \\ back\\").empty());
  plan.parameters[0].id = "delete";
  plan.blocks[0].controls["gain"].param = "delete";
  plan.description = "ends in a backslash \\";
  const std::string code = writePluginSource(plan);
  EXPECT_TRUE(contains(code, "const float deleteValue = param(kDeleteValue).next();")) << code;
  EXPECT_TRUE(contains(code, ".name = \"Quote \\\" and \\\\ back\\\\\""));
  EXPECT_TRUE(contains(code, "// Asked for: \"ends in a backslash  \""));
}

TEST(ForgeCodegen, InvalidPlansAreRefused) {
  Plan plan = generatePlan("gain");
  plan.blocks[0].kind = "teleporter";
  EXPECT_THROW(writePluginSource(plan), std::invalid_argument);
  EXPECT_THROW(writePluginSource(generatePlan("gain"), "Bad Name"), std::invalid_argument);
}

}  // namespace

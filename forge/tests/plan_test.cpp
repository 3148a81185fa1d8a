// The plan format (docs/forge-plan.md): canonical JSON round trip, every shape error with its
// path, each validation rule by its id, and edits that are all or nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <variant>

#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/plan_edit.hpp"
#include "wstudio/forge/plan_edit_json.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace {

using namespace wstudio::forge;

// A saturator with a Heat knob into a high-pass with a Cutoff knob.
Plan samplePlan() {
  Plan plan;
  plan.id = "warm_saturator";
  plan.name = "Warm Saturator";
  plan.description = "a warm tape saturator with a Heat knob and a 500 Hz high-pass";
  plan.blocks.push_back(defaultBlock(*findBlockSpec("saturate")));
  plan.blocks.push_back(defaultBlock(*findBlockSpec("highpass")));
  plan.blocks[0].options["character"] = "tape";
  plan.parameters.push_back({"heat", "Heat", "dB", 0, 48, 9, Scale::Linear});
  plan.parameters.push_back({"cutoff", "Cutoff", "Hz", 20, 20000, 500, Scale::Log});
  plan.blocks[0].controls["drive"] = Control{"heat", 0};
  plan.blocks[1].controls["cutoff"] = Control{"cutoff", 0};
  return plan;
}

std::vector<PlanError> errorsOf(const std::string& text) {
  auto result = readPlan(text);
  if (std::holds_alternative<Plan>(result)) return {};
  return std::get<std::vector<PlanError>>(result);
}

bool hasError(const std::vector<PlanError>& errors, const std::string& path, const std::string& rule) {
  for (const PlanError& e : errors)
    if (e.path == path && e.rule == rule) return true;
  return false;
}

std::string describe(const std::vector<PlanError>& errors) {
  std::string s;
  for (const PlanError& e : errors) s += toString(e) + "\n";
  return s;
}

TEST(ForgePlan, SampleIsValidAndRoundTripsCanonically) {
  const Plan plan = samplePlan();
  ASSERT_TRUE(validatePlan(plan).empty()) << describe(validatePlan(plan));
  const std::string text = writePlan(plan);
  auto read = readPlan(text);
  ASSERT_TRUE(std::holds_alternative<Plan>(read)) << describe(std::get<std::vector<PlanError>>(read));
  EXPECT_EQ(std::get<Plan>(read), plan);
  EXPECT_EQ(writePlan(std::get<Plan>(read)), text);
}

TEST(ForgePlan, ShapeErrorsNameTheirPath) {
  std::string text = writePlan(samplePlan());
  EXPECT_TRUE(hasError(errorsOf("{"), "$", "PLAN-1"));
  EXPECT_TRUE(hasError(errorsOf("[]"), "$", "PLAN-1"));
  const auto swap = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return errorsOf(t);
  };
  EXPECT_TRUE(hasError(swap("\"min\": 0.0", "\"min\": \"zero\""), "$.parameters[0].min", "PLAN-1"));
  EXPECT_TRUE(hasError(swap("\"default\": 9.0", "\"defualt\": 9.0"), "$.parameters[0].default", "PLAN-1"));
  EXPECT_TRUE(hasError(swap("\"default\": 9.0", "\"default\": 9.0, \"defualt\": 9.0"),
                       "$.parameters[0].defualt", "PLAN-1"));
  EXPECT_TRUE(hasError(swap("\"scale\": \"log\"", "\"scale\": \"cubic\""), "$.parameters[1].scale", "PLAN-1"));
  EXPECT_TRUE(hasError(swap("{\n          \"param\": \"heat\"\n        }", "true"), "$.blocks[0].controls.drive", "PLAN-1"))
      << text;
  EXPECT_TRUE(hasError(swap("\"version\": 1", "\"version\": 2"), "$.version", "PLAN-1"));
  EXPECT_TRUE(hasError(swap("wasm-studio-forge-plan", "something-else"), "$.format", "PLAN-1"));
}

TEST(ForgePlan, HostileTextIsRefusedWithoutHarm) {
  EXPECT_TRUE(hasError(errorsOf(std::string(100000, '[') + std::string(100000, ']')), "$", "PLAN-1"));
  EXPECT_TRUE(hasError(errorsOf(std::string(100000, '[')), "$", "PLAN-1"));
  EXPECT_TRUE(hasError(errorsOf(""), "$", "PLAN-1"));
  EXPECT_TRUE(hasError(errorsOf("{\"format\": 1e999}"), "$", "PLAN-1"));
  EXPECT_FALSE(errorsOf(std::string("{\"format\": \"\xff\xfe\"}")).empty());
}

TEST(ForgePlan, EachRuleIsChecked) {
  struct Case {
    const char* rule;
    std::string path;
    void (*breakIt)(Plan&);
  };
  const Case cases[] = {
      {"PLAN-2", "$.id", [](Plan& p) { p.id = "Bad Id"; }},
      {"PLAN-2", "$.name", [](Plan& p) { p.name = ""; }},
      {"PLAN-2", "$.name", [](Plan& p) { p.name = "two\nlines"; }},
      {"PLAN-3", "$.parameters[1].id", [](Plan& p) { p.parameters[1].id = "heat"; }},
      {"PLAN-3", "$.parameters[0].id", [](Plan& p) { p.parameters[0].id = "2hot"; }},
      {"PLAN-3", "$.parameters[0].id", [](Plan& p) { p.parameters[0].id = "heat-knob"; }},
      {"PLAN-4", "$.parameters[0]", [](Plan& p) { p.parameters[0].min = 50; }},
      {"PLAN-4", "$.parameters[0]", [](Plan& p) { p.parameters[0].max = std::nan(""); }},
      {"PLAN-4", "$.parameters[0].scale", [](Plan& p) { p.parameters[0].scale = Scale::Log; }},
      {"PLAN-5", "$.parameters[0].default", [](Plan& p) { p.parameters[0].defaultValue = 60; }},
      {"PLAN-6", "$.blocks[1].kind", [](Plan& p) { p.blocks[1].kind = "flux_capacitor"; }},
      {"PLAN-6", "$.blocks", [](Plan& p) { p.blocks.clear(), p.parameters.clear(); }},
      {"PLAN-7", "$.blocks[1].controls.cutoff", [](Plan& p) { p.blocks[1].controls["cutoff"].param = "nope"; }},
      {"PLAN-7", "$.blocks[1].controls.cutoff", [](Plan& p) { p.parameters[1].unit = "kHz"; }},
      {"PLAN-7", "$.blocks[1].controls.cutoff", [](Plan& p) { p.parameters[1].max = 30000; }},
      {"PLAN-7", "$.blocks[1].controls.warp", [](Plan& p) { p.blocks[1].controls["warp"] = Control{{}, 1}; }},
      {"PLAN-7", "$.blocks[1].controls.resonance", [](Plan& p) { p.blocks[1].controls.erase("resonance"); }},
      {"PLAN-8", "$.blocks[1].controls.resonance", [](Plan& p) { p.blocks[1].controls["resonance"].value = 50; }},
      {"PLAN-9", "$.blocks[0].options.character", [](Plan& p) { p.blocks[0].options["character"] = "laser"; }},
      {"PLAN-9", "$.blocks[0].options.sync", [](Plan& p) { p.blocks[0].options["sync"] = "1/8"; }},
      {"PLAN-10", "$.blocks[1].kind", [](Plan& p) { p.blocks[1] = defaultBlock(*findBlockSpec("synth")); p.parameters.pop_back(); }},
      {"PLAN-11", "$.mix", [](Plan& p) { p.mix = "cutoff"; }},
      {"PLAN-11", "$.mix", [](Plan& p) { p.mix = "nothing"; }},
      {"PLAN-12", "$.parameters[2]", [](Plan& p) { p.parameters.push_back({"spare", "Spare", "%", 0, 100, 0}); }},
      {"PLAN-13", "$.description", [](Plan& p) { p.description = std::string(1001, 'x'); }},
  };
  for (const Case& c : cases) {
    Plan plan = samplePlan();
    c.breakIt(plan);
    const auto errors = validatePlan(plan);
    EXPECT_TRUE(hasError(errors, c.path, c.rule)) << c.rule << " at " << c.path << ", got:\n" << describe(errors);
    // The same plan read from JSON is refused with the same error.
    if (std::isfinite(plan.parameters.empty() ? 0.0 : plan.parameters[0].max)) {
      EXPECT_TRUE(hasError(errorsOf(writePlan(plan)), c.path, c.rule)) << c.rule << " at " << c.path;
    }
  }
}

TEST(ForgePlan, SyncedBlockCannotHaveATimeKnob) {
  Plan plan = samplePlan();
  plan.blocks.push_back(defaultBlock(*findBlockSpec("delay")));
  plan.blocks[2].options["sync"] = "1/8 dotted";
  plan.parameters.push_back({"time", "Time", "ms", 1, 2000, 300, Scale::Log});
  plan.blocks[2].controls["time"] = Control{"time", 0};
  EXPECT_TRUE(hasError(validatePlan(plan), "$.blocks[2].controls.time", "PLAN-9"));
  plan.blocks[2].options["sync"] = "off";
  EXPECT_TRUE(validatePlan(plan).empty()) << describe(validatePlan(plan));
}

TEST(ForgePlanEdit, RenameAndRanges) {
  Plan plan = samplePlan();
  EXPECT_TRUE(renamePlugin(plan, "Hot Tape").empty());
  EXPECT_EQ(plan.name, "Hot Tape");
  EXPECT_TRUE(renameParameter(plan, "heat", "Warmth").empty());
  EXPECT_EQ(plan.parameters[0].name, "Warmth");
  EXPECT_EQ(plan.parameters[0].id, "heat");  // ids stay: presets and sessions use them
  EXPECT_TRUE(setParameterRange(plan, "cutoff", 100, 2000, 400).empty());
  EXPECT_EQ(plan.parameters[1].max, 2000);

  const Plan before = plan;
  EXPECT_TRUE(hasError(setParameterRange(plan, "cutoff", 10, 2000, 400), "$.blocks[1].controls.cutoff", "PLAN-7"));
  EXPECT_TRUE(hasError(setParameterRange(plan, "cutoff", 100, 2000, 4000), "$.parameters[1].default", "PLAN-5"));
  EXPECT_FALSE(renamePlugin(plan, "").empty());
  EXPECT_FALSE(renameParameter(plan, "nope", "X").empty());
  EXPECT_EQ(plan, before);  // refused edits change nothing
}

TEST(ForgePlanEdit, AddAndRemoveBlocksAndParameters) {
  Plan plan = samplePlan();
  ASSERT_TRUE(addBlock(plan, "delay", 2).empty());
  ASSERT_EQ(plan.blocks.size(), 3u);
  EXPECT_EQ(plan.blocks[2].kind, "delay");
  EXPECT_TRUE(findParameter(plan, "time"));
  EXPECT_TRUE(findParameter(plan, "feedback"));
  ASSERT_TRUE(addBlock(plan, "lowpass", 0).empty());
  // Its Cutoff clashes with the high-pass's: it is named after its block.
  EXPECT_TRUE(findParameter(plan, "low_pass_cutoff"));
  EXPECT_EQ(plan.blocks[0].kind, "lowpass");

  ASSERT_TRUE(addParameter(plan, 3, "tone", "Tone").empty());
  EXPECT_EQ(plan.blocks[3].controls["tone"].param, "tone");
  EXPECT_FALSE(addParameter(plan, 3, "tone", "Tone").empty());  // already a knob
  EXPECT_FALSE(addParameter(plan, 3, "warp", "Warp").empty());

  ASSERT_TRUE(removeParameter(plan, "feedback").empty());
  EXPECT_FALSE(findParameter(plan, "feedback"));
  EXPECT_EQ(plan.blocks[3].controls["feedback"], (Control{{}, 35.0}));  // fixed at its default

  ASSERT_TRUE(removeBlock(plan, 3).empty());  // the delay and its knobs go
  EXPECT_FALSE(findParameter(plan, "time"));
  EXPECT_FALSE(findParameter(plan, "tone"));
  EXPECT_TRUE(validatePlan(plan).empty());

  ASSERT_TRUE(addMix(plan).empty());
  EXPECT_EQ(plan.mix, "mix");
  EXPECT_FALSE(addMix(plan).empty());
  EXPECT_FALSE(addBlock(plan, "synth", 1).empty());  // an instrument only comes first
  EXPECT_FALSE(addBlock(plan, "teleporter", 0).empty());
  EXPECT_FALSE(removeBlock(plan, 17).empty());
  // Removing every block leaves no plan.
  Plan one = samplePlan();
  ASSERT_TRUE(removeBlock(one, 0).empty());
  EXPECT_FALSE(removeBlock(one, 0).empty());
}

TEST(ForgePlanEdit, MoveBlocksAndSetOptions) {
  Plan plan = samplePlan();
  ASSERT_TRUE(moveBlock(plan, 1, 0).empty());
  EXPECT_EQ(plan.blocks[0].kind, "highpass");
  EXPECT_EQ(plan.blocks[1].kind, "saturate");
  ASSERT_TRUE(setOption(plan, 1, "character", "tube").empty());
  EXPECT_EQ(plan.blocks[1].options["character"], "tube");

  const Plan before = plan;
  EXPECT_TRUE(hasError(setOption(plan, 1, "character", "velvet"), "$.blocks[1].options.character", "PLAN-9"));
  EXPECT_TRUE(hasError(setOption(plan, 0, "character", "tube"), "$.blocks[0].options", "EDIT"));
  EXPECT_FALSE(moveBlock(plan, 2, 0).empty());
  EXPECT_FALSE(moveBlock(plan, 0, 2).empty());
  Plan synth = samplePlan();
  ASSERT_TRUE(removeBlock(synth, 1).empty());
  ASSERT_TRUE(addBlock(synth, "synth", 0).empty());
  EXPECT_FALSE(moveBlock(synth, 0, 1).empty());  // an instrument stays first (PLAN-10)
  EXPECT_EQ(plan, before);
}

TEST(ForgePlanEdit, EditsAsJsonAreAppliedOrRefusedWithTheMemberAtFault) {
  Plan plan = samplePlan();
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"renamePlugin","name":"Hot Tape"})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"renameParameter","parameter":"heat","name":"Warmth"})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"setRange","parameter":"cutoff","min":100,"max":2000,"default":400})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"addBlock","kind":"delay","position":2})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"addParameter","block":2,"control":"tone","name":"Tone"})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"setOption","block":2,"option":"pingpong","value":"on"})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"moveBlock","from":2,"to":0})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"removeParameter","parameter":"feedback"})").empty());
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"addMix"})").empty());
  EXPECT_EQ(plan.name, "Hot Tape");
  EXPECT_EQ(plan.parameters[0].name, "Warmth");
  EXPECT_EQ(plan.blocks[0].kind, "delay");
  EXPECT_EQ(plan.blocks[0].options["pingpong"], "on");
  EXPECT_EQ(plan.mix, "mix_2");  // the delay's own Mix knob has the id "mix"
  EXPECT_TRUE(applyEditJson(plan, R"({"op":"removeBlock","index":0})").empty());
  EXPECT_TRUE(validatePlan(plan).empty());

  const Plan before = plan;
  EXPECT_TRUE(hasError(applyEditJson(plan, "[1]"), "$", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, "{nope"), "$", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"name":"x"})"), "$.op", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"launchRocket"})"), "$.op", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"removeBlock","index":-1})"), "$.index", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"removeBlock","index":0.5})"), "$.index", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"renamePlugin"})"), "$.name", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"renamePlugin","name":7})"), "$.name", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"setRange","parameter":"cutoff","min":"low","max":2000,"default":400})"), "$.min", "EDIT"));
  EXPECT_TRUE(hasError(applyEditJson(plan, R"({"op":"setRange","parameter":"cutoff","min":100,"max":2000,"default":40000})"), "$.parameters[1].default", "PLAN-5"));
  EXPECT_EQ(plan, before);  // nothing refused changed anything
}

TEST(ForgePlanEdit, TheCatalogAsJsonListsEveryKindWithItsControlsAndChoices) {
  const std::string text = catalogJson();
  for (const BlockSpec& spec : blockCatalog()) {
    EXPECT_NE(text.find("\"kind\":\"" + std::string(spec.kind) + "\""), std::string::npos) << spec.kind;
  }
  EXPECT_NE(text.find(R"({"choices":["tape","tube","hard","fuzz","fold"],"id":"character"})"), std::string::npos);
  EXPECT_NE(text.find(R"("default":375.0,"id":"time","max":2000.0,"min":1.0,"name":"Time","scale":"log","unit":"ms")"), std::string::npos);
}

TEST(ForgePlanEdit, IdentifiersFromNames) {
  EXPECT_EQ(identifierFrom("Heat"), "heat");
  EXPECT_EQ(identifierFrom("Hi-Cut 2"), "hi_cut_2");
  EXPECT_EQ(identifierFrom("3 Band"), "p_3_band");
  EXPECT_EQ(identifierFrom("!!!"), "param");
  EXPECT_TRUE(isPlanIdentifier(identifierFrom(std::string(100, 'a')), 32));
}

}  // namespace

// The offline refiner on (plan, instruction) pairs: every kind of instruction the issue names,
// that ids survive, that a refused or unknown part changes nothing and is said, and that every
// result is a valid plan. And the factory presets a plan gives.
#include <gtest/gtest.h>

#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_presets.hpp"
#include "wstudio/forge/plan_validate.hpp"
#include "wstudio/forge/refine.hpp"

namespace {

using namespace wstudio::forge;

double valueOf(const Plan& plan, const std::string& kind, const std::string& control) {
  for (const Block& b : plan.blocks)
    if (b.kind == kind) {
      const Control& c = b.controls.at(control);
      return c.param ? findParameter(plan, *c.param)->defaultValue : c.value;
    }
  ADD_FAILURE() << "no " << kind;
  return 0;
}

std::vector<std::string> kinds(const Plan& plan) {
  std::vector<std::string> k;
  for (const Block& b : plan.blocks) k.push_back(b.kind);
  return k;
}

Refinement refined(const Plan& plan, const std::string& instruction) {
  Refinement r = refinePlan(plan, instruction);
  const auto errors = validatePlan(r.plan);
  EXPECT_TRUE(errors.empty()) << instruction << ": " << (errors.empty() ? "" : toString(errors[0]));
  return r;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += l + "\n";
  return s;
}

// Functions, not globals: the generator's tables are other globals (no order between them).
const Plan& tape() {
  static const Plan plan = generatePlan("a warm tape saturator with a Heat knob and a 500 Hz high-pass");
  return plan;
}
const Plan& echo() {
  static const Plan plan = generatePlan("a delay with 40% feedback, a chorus and a low-pass at 4 kHz");
  return plan;
}

TEST(ForgeRefine, DarkerLowersEveryToneControlAndBrighterRaisesIt) {
  const Refinement darker = refined(echo(), "make it darker");
  EXPECT_LT(valueOf(darker.plan, "lowpass", "cutoff"), 4000);
  EXPECT_LT(valueOf(darker.plan, "delay", "tone"), valueOf(echo(), "delay", "tone"));
  EXPECT_TRUE(darker.notUnderstood.empty()) << joined(darker.notUnderstood);
  EXPECT_EQ(darker.changes.size(), 2u) << joined(darker.changes);
  const Refinement brighter = refined(echo(), "a bit brighter");
  EXPECT_GT(valueOf(brighter.plan, "lowpass", "cutoff"), 4000);
  EXPECT_LT(valueOf(brighter.plan, "lowpass", "cutoff"), valueOf(refined(echo(), "brighter").plan, "lowpass", "cutoff"));
}

TEST(ForgeRefine, DarkerWithNoToneControlAddsALowPass) {
  const Refinement r = refined(tape(), "darker");
  EXPECT_EQ(kinds(r.plan), (std::vector<std::string>{"saturate", "highpass", "lowpass"}));
  EXPECT_EQ(valueOf(r.plan, "lowpass", "cutoff"), 5000);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_NE(r.changes[0].find("Low-pass"), std::string::npos);
}

TEST(ForgeRefine, MoreAndLessMoveTheNamedKnobAndKeepItsId) {
  const Refinement less = refined(echo(), "less feedback");
  EXPECT_LT(valueOf(less.plan, "delay", "feedback"), 40);
  EXPECT_TRUE(findParameter(less.plan, "feedback"));
  const Refinement more = refined(tape(), "more heat");
  EXPECT_GT(findParameter(more.plan, "heat")->defaultValue, findParameter(tape(), "heat")->defaultValue);
  const Refinement drive = refined(tape(), "more drive");  // the control word finds the Heat knob
  EXPECT_EQ(findParameter(drive.plan, "heat")->defaultValue, findParameter(more.plan, "heat")->defaultValue);
  const Refinement wetter = refined(echo(), "wetter");
  EXPECT_GT(valueOf(wetter.plan, "delay", "mix"), valueOf(echo(), "delay", "mix"));
  EXPECT_GT(valueOf(wetter.plan, "chorus", "mix"), valueOf(echo(), "chorus", "mix"));
  const Refinement slower = refined(echo(), "much slower chorus");
  EXPECT_LT(valueOf(slower.plan, "chorus", "rate"), valueOf(echo(), "chorus", "rate"));
}

TEST(ForgeRefine, AKnobAtItsEndSaysSo) {
  const Plan plan = refined(echo(), "feedback 95%").plan;
  const Refinement r = refined(plan, "more feedback");
  EXPECT_EQ(r.plan, plan);
  ASSERT_EQ(r.notUnderstood.size(), 1u);
  EXPECT_NE(r.notUnderstood[0].find("already at its highest"), std::string::npos) << r.notUnderstood[0];
}

TEST(ForgeRefine, AddAMixKnobAKnobOnAFixedControlAndEffects) {
  const Refinement mix = refined(tape(), "add a mix knob");
  ASSERT_TRUE(mix.plan.mix);
  EXPECT_EQ(findParameter(mix.plan, *mix.plan.mix)->name, "Mix");
  EXPECT_EQ(refined(mix.plan, "add a mix knob").notUnderstood.size(), 1u);

  const Refinement tone = refined(echo(), "add a tone knob");
  ASSERT_TRUE(findParameter(tone.plan, "tone"));
  EXPECT_EQ(tone.plan.blocks[0].controls.at("tone").param, "tone");

  const Refinement delay = refined(tape(), "add a 300 ms delay");
  EXPECT_EQ(kinds(delay.plan), (std::vector<std::string>{"saturate", "highpass", "delay"}));
  EXPECT_EQ(valueOf(delay.plan, "delay", "time"), 300);
  EXPECT_TRUE(delay.notUnderstood.empty()) << joined(delay.notUnderstood);

  const Refinement two = refined(tape(), "add a reverb and a chorus");
  EXPECT_EQ(kinds(two.plan), (std::vector<std::string>{"saturate", "highpass", "reverb", "chorus"}));
  // the chorus's knobs do not take the reverb's ids or names
  EXPECT_EQ(two.plan.blocks[3].controls.at("mix").param, "mix_2");
  EXPECT_EQ(findParameter(two.plan, "mix_2")->name, "Chorus Mix");

  const Refinement first = refined(echo(), "add a high-pass at 80 Hz first");
  EXPECT_EQ(first.plan.blocks.front().kind, "highpass");
  EXPECT_EQ(valueOf(first.plan, "highpass", "cutoff"), 80);
}

TEST(ForgeRefine, RemoveABlockOrAKnob) {
  const Refinement chorus = refined(echo(), "remove the chorus");
  EXPECT_EQ(kinds(chorus.plan), (std::vector<std::string>{"delay", "lowpass"}));
  EXPECT_FALSE(findParameter(chorus.plan, "rate"));  // its knobs went with it
  EXPECT_TRUE(chorus.notUnderstood.empty()) << joined(chorus.notUnderstood);

  const Refinement knob = refined(echo(), "remove the feedback knob");
  EXPECT_FALSE(findParameter(knob.plan, "feedback"));
  EXPECT_EQ(kinds(knob.plan), kinds(echo()));
  EXPECT_EQ(valueOf(knob.plan, "delay", "feedback"), 40);  // fixed where it was

  const Refinement none = refined(tape(), "remove the reverb");
  EXPECT_EQ(none.plan, tape());
  ASSERT_EQ(none.notUnderstood.size(), 1u);
  EXPECT_NE(none.notUnderstood[0].find("no Reverb"), std::string::npos) << none.notUnderstood[0];

  const Plan single = generatePlan("a chorus");
  const Refinement last = refined(single, "remove the chorus");
  EXPECT_EQ(last.plan, single);
  EXPECT_EQ(last.notUnderstood.size(), 1u);
}

TEST(ForgeRefine, RenameAKnobOrThePluginKeepingIds) {
  const Refinement heat = refined(tape(), "call Heat Warmth");
  EXPECT_EQ(findParameter(heat.plan, "heat")->name, "Warmth");
  EXPECT_EQ(heat.plan.parameters.size(), tape().parameters.size());
  const Refinement to = refined(echo(), "rename the feedback knob to Repeats");
  EXPECT_EQ(findParameter(to.plan, "feedback")->name, "Repeats");
  EXPECT_TRUE(to.notUnderstood.empty()) << joined(to.notUnderstood);
  const Refinement plugin = refined(echo(), "call it Canyon Echo");
  EXPECT_EQ(plugin.plan.name, "Canyon Echo");
  EXPECT_EQ(plugin.plan.id, echo().id);
}

TEST(ForgeRefine, ValuesAndRangesWithUnits) {
  const Refinement cutoff = refined(echo(), "cutoff 2 kHz");
  EXPECT_EQ(valueOf(cutoff.plan, "lowpass", "cutoff"), 2000);
  const Refinement feedback = refined(echo(), "set the feedback to 60%");
  EXPECT_EQ(valueOf(feedback.plan, "delay", "feedback"), 60);
  const Refinement time = refined(tape(), "add a delay, delay time 250 ms");
  EXPECT_EQ(valueOf(time.plan, "delay", "time"), 250);

  const Refinement synced = refined(echo(), "delay 1/8 note");
  EXPECT_EQ(synced.plan.blocks[0].options.at("sync"), "1/8");
  EXPECT_FALSE(findParameter(synced.plan, "time"));  // the tempo sets it now
  EXPECT_NE(joined(synced.changes).find("tempo"), std::string::npos);

  const Refinement range = refined(echo(), "cutoff from 200 Hz to 5 kHz");
  const Parameter* c = findParameter(range.plan, "cutoff");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->min, 200);
  EXPECT_EQ(c->max, 5000);
  EXPECT_EQ(c->defaultValue, 4000);

  const Refinement clamped = refined(echo(), "feedback 150%");
  EXPECT_EQ(valueOf(clamped.plan, "delay", "feedback"), 95);
  EXPECT_NE(joined(clamped.changes).find("so 95 is used"), std::string::npos) << joined(clamped.changes);

  const Refinement ambiguous = refined(generatePlan("a high-pass and a low-pass"), "cutoff 1 kHz");
  EXPECT_EQ(ambiguous.notUnderstood.size(), 1u);
  EXPECT_TRUE(ambiguous.changes.empty());
}

TEST(ForgeRefine, SeveralPartsInOrderAndNothingDroppedSilently) {
  const Refinement r = refined(echo(), "less feedback, add a mix knob and call Cutoff Tone, flibbertigibbet the wobble");
  EXPECT_LT(valueOf(r.plan, "delay", "feedback"), 40);
  EXPECT_TRUE(r.plan.mix);
  EXPECT_EQ(findParameter(r.plan, "cutoff")->name, "Tone");
  ASSERT_EQ(r.notUnderstood.size(), 1u) << joined(r.notUnderstood);
  EXPECT_NE(r.notUnderstood[0].find("flibbertigibbet the wobble"), std::string::npos);
  EXPECT_EQ(r.changes.size(), 3u) << joined(r.changes);

  const Refinement leftover = refined(echo(), "more feedback please with sparkles");
  EXPECT_NE(joined(leftover.notUnderstood).find("sparkles"), std::string::npos) << joined(leftover.notUnderstood);

  // A part naming nothing does not take the previous part's action: it is said as it was typed.
  const Refinement alone = refined(echo(), "add a reverb, sparkle");
  ASSERT_EQ(alone.notUnderstood.size(), 1u) << joined(alone.notUnderstood);
  EXPECT_EQ(alone.notUnderstood[0], "not understood: 'sparkle'");

  const Refinement empty = refined(echo(), "   ");
  EXPECT_EQ(empty.plan, echo());
  EXPECT_EQ(empty.notUnderstood.size(), 1u);
}

TEST(ForgeRefine, ASynthCannotBeAddedAndAnInvalidPlanIsRefused) {
  const Refinement r = refined(echo(), "add a bass synth");
  EXPECT_EQ(r.plan, echo());
  EXPECT_EQ(r.notUnderstood.size(), 1u);
  Plan broken = echo();
  broken.blocks.clear();
  EXPECT_THROW(refinePlan(broken, "darker"), std::invalid_argument);
}

TEST(ForgePlanPresets, DefaultSubtleHeavyAndThoseOfTheBlocks) {
  const auto presets = planPresets(echo());
  std::vector<std::string> names;
  for (const PlanPreset& p : presets) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Default", "Subtle", "Heavy", "Slapback", "Long Echo", "Dark", "Bright", "Slow", "Fast"}));
  for (const PlanPreset& p : presets) {
    EXPECT_EQ(p.values.size(), echo().parameters.size()) << p.name;
    for (const Parameter& param : echo().parameters) {
      const double v = p.values.at(param.id);
      EXPECT_TRUE(v >= param.min && v <= param.max) << p.name << " " << param.id << " " << v;
    }
  }
  EXPECT_LT(presets[1].values.at("feedback"), 40);  // Subtle
  EXPECT_GT(presets[2].values.at("feedback"), 40);  // Heavy
  EXPECT_EQ(presets[0].values.at("feedback"), 40);
  EXPECT_EQ(presets[3].values.at("time"), 110);
  // Presets that would be Default again are left out: a gain's one knob has no intensity.
  EXPECT_EQ(planPresets(generatePlan("gain")).size(), 1u);
}

}  // namespace

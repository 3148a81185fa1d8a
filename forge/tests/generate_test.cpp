// The offline generator: vocabulary, numbers with units, knob names, adjectives, order, and that
// nothing asked for is dropped without a word.
#include <gtest/gtest.h>

#include <set>

#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace {

using namespace wstudio::forge;

std::vector<std::string> kinds(const Plan& plan) {
  std::vector<std::string> k;
  for (const Block& b : plan.blocks) k.push_back(b.kind);
  return k;
}

// The value a control has at the plan's defaults.
double valueOf(const Plan& plan, size_t block, const std::string& control) {
  const Control& c = plan.blocks.at(block).controls.at(control);
  if (!c.param) return c.value;
  return findParameter(plan, *c.param)->defaultValue;
}

bool notesMention(const Plan& plan, const std::string& text) {
  for (const std::string& n : plan.notes)
    if (n.find(text) != std::string::npos) return true;
  return false;
}

Plan generateValid(const std::string& prompt) {
  Plan plan = generatePlan(prompt);
  const auto errors = validatePlan(plan);
  EXPECT_TRUE(errors.empty()) << prompt << ": " << (errors.empty() ? "" : toString(errors[0]));
  return plan;
}

TEST(ForgeGenerate, TheIssuesFirstExample) {
  const Plan plan = generateValid("a warm tape saturator with a Heat knob and a 500 Hz high-pass");
  EXPECT_EQ(kinds(plan), (std::vector<std::string>{"saturate", "highpass"}));
  EXPECT_EQ(plan.blocks[0].options.at("character"), "tape");
  const Parameter* heat = findParameter(plan, "heat");
  ASSERT_TRUE(heat);
  EXPECT_EQ(heat->name, "Heat");
  EXPECT_EQ(plan.blocks[0].controls.at("drive").param, "heat");
  EXPECT_EQ(valueOf(plan, 1, "cutoff"), 500.0);
  EXPECT_TRUE(plan.notes.empty()) << plan.notes[0];
  EXPECT_EQ(plan.name, "Warm Tape Saturator + High Pass");
}

TEST(ForgeGenerate, TheIssuesSecondExample) {
  const Plan plan = generateValid("ping-pong delay synced to tempo with ducking");
  ASSERT_EQ(kinds(plan), (std::vector<std::string>{"delay"}));
  EXPECT_EQ(plan.blocks[0].options.at("pingpong"), "on");
  EXPECT_EQ(plan.blocks[0].options.at("sync"), "1/8");
  EXPECT_TRUE(findParameter(plan, "ducking"));
  EXPECT_FALSE(findParameter(plan, "time"));  // the tempo sets it
  EXPECT_TRUE(plan.notes.empty());
}

TEST(ForgeGenerate, NumbersWithUnits) {
  EXPECT_EQ(valueOf(generateValid("low-pass at 2 kHz"), 0, "cutoff"), 2000.0);
  EXPECT_EQ(valueOf(generateValid("lowpass 2k"), 0, "cutoff"), 2000.0);
  EXPECT_EQ(valueOf(generateValid("a delay of 300 ms"), 0, "time"), 300.0);
  EXPECT_EQ(valueOf(generateValid("a delay of 0.5 s"), 0, "time"), 500.0);
  EXPECT_EQ(valueOf(generateValid("gain -12 dB"), 0, "gain"), -12.0);
  EXPECT_EQ(valueOf(generateValid("reverb with 50% mix"), 0, "mix"), 50.0);
  EXPECT_EQ(valueOf(generateValid("reverb, 4 seconds decay"), 0, "decay"), 4.0);
  EXPECT_EQ(valueOf(generateValid("compressor ratio 4:1"), 0, "ratio"), 4.0);
  EXPECT_EQ(valueOf(generateValid("compressor with a 6 to 1 ratio"), 0, "ratio"), 6.0);
  EXPECT_EQ(valueOf(generateValid("6-bit bitcrusher"), 0, "bits"), 6.0);
  EXPECT_EQ(valueOf(generateValid("delay with 40% feedback"), 0, "feedback"), 40.0);
  EXPECT_EQ(valueOf(generateValid("delay with feedback of 40%"), 0, "feedback"), 40.0);
  EXPECT_EQ(generateValid("delay 1/8 note").blocks[0].options.at("sync"), "1/8");
  EXPECT_EQ(generateValid("delay on dotted 1/8 notes").blocks[0].options.at("sync"), "1/8 dotted");
  EXPECT_EQ(generateValid("dotted eighth note delay").blocks[0].options.at("sync"), "1/8 dotted");
  EXPECT_EQ(generateValid("tremolo 1/16").blocks[0].options.at("sync"), "1/16");
  EXPECT_EQ(generateValid("quarter note triplet delay").blocks[0].options.at("sync"), "1/4 triplet");
}

TEST(ForgeGenerate, ControlNamesThatContainAnEffectsName) {
  // "pre-delay" is the reverb's, not a delay; "makeup gain" the compressor's, not a gain block;
  // "an EQ with a 3 dB peak" is one peaking band; "chorus with 20 ms delay" the chorus's delay.
  const Plan plate = generateValid("plate reverb, 20 ms pre-delay, 25% mix");
  EXPECT_EQ(kinds(plate), (std::vector<std::string>{"reverb"}));
  EXPECT_EQ(valueOf(plate, 0, "predelay"), 20.0);
  EXPECT_EQ(valueOf(plate, 0, "mix"), 25.0);
  const Plan comp = generateValid("compressor with makeup gain 6 dB");
  EXPECT_EQ(kinds(comp), (std::vector<std::string>{"compressor"}));
  EXPECT_EQ(valueOf(comp, 0, "makeup"), 6.0);
  const Plan eq = generateValid("an EQ with a 3 dB peak at 2.5 kHz");
  EXPECT_EQ(kinds(eq), (std::vector<std::string>{"peak"}));
  EXPECT_EQ(valueOf(eq, 0, "gain"), 3.0);
  EXPECT_EQ(valueOf(eq, 0, "frequency"), 2500.0);
  const Plan chorus = generateValid("chorus with 20 ms delay");
  EXPECT_EQ(kinds(chorus), (std::vector<std::string>{"chorus"}));
  EXPECT_EQ(valueOf(chorus, 0, "delay"), 20.0);
  EXPECT_EQ(kinds(generateValid("chorus, delay 350 ms")), (std::vector<std::string>{"chorus", "delay"}));
}

TEST(ForgeGenerate, NumbersOutsideAControlsRangeAreClampedAndSaid) {
  const Plan plan = generateValid("high-pass at 50 kHz");
  EXPECT_EQ(valueOf(plan, 0, "cutoff"), 20000.0);
  EXPECT_TRUE(notesMention(plan, "50 kHz"));
}

TEST(ForgeGenerate, CombinationsKeepTheirOrder) {
  const Plan plan = generateValid("overdrive, chorus, delay 350 ms and a hall reverb with a mix knob");
  EXPECT_EQ(kinds(plan), (std::vector<std::string>{"saturate", "chorus", "delay", "reverb"}));
  EXPECT_EQ(valueOf(plan, 2, "time"), 350.0);
  ASSERT_TRUE(plan.mix);
  EXPECT_EQ(findParameter(plan, *plan.mix)->unit, "%");
  const Plan reversed = generateValid("reverb then a delay then distortion");
  EXPECT_EQ(kinds(reversed), (std::vector<std::string>{"reverb", "delay", "saturate"}));
}

TEST(ForgeGenerate, KnobNames) {
  const Plan plan = generateValid("lush chorus with knobs for rate and depth and a feedback knob");
  EXPECT_EQ(plan.blocks[0].controls.at("feedback").param, "feedback");
  EXPECT_EQ(plan.blocks[0].controls.at("rate").param, "rate");
  const Plan named = generateValid("a fuzz with a knob called Grit, then a low-pass with a Smoothness knob");
  EXPECT_EQ(named.blocks[0].controls.at("drive").param, "grit");
  EXPECT_EQ(named.blocks[1].controls.at("cutoff").param, "smoothness");
  // Two cutoffs: each knob is named after its block.
  const Plan two = generateValid("a high-pass and a low-pass");
  EXPECT_TRUE(findParameter(two, "high_pass_cutoff"));
  EXPECT_TRUE(findParameter(two, "low_pass_cutoff"));
}

TEST(ForgeGenerate, AdjectivesMoveDefaults) {
  EXPECT_LT(valueOf(generateValid("dark low-pass"), 0, "cutoff"), valueOf(generateValid("low-pass"), 0, "cutoff"));
  EXPECT_GT(valueOf(generateValid("bright low-pass"), 0, "cutoff"), valueOf(generateValid("low-pass"), 0, "cutoff"));
  EXPECT_LT(valueOf(generateValid("subtle chorus"), 0, "mix"), valueOf(generateValid("chorus"), 0, "mix"));
  EXPECT_GT(valueOf(generateValid("heavy saturation"), 0, "drive"), valueOf(generateValid("saturation"), 0, "drive"));
  EXPECT_GT(valueOf(generateValid("heavy compression"), 0, "ratio"), valueOf(generateValid("compression"), 0, "ratio"));
  EXPECT_LT(valueOf(generateValid("warm delay"), 0, "tone"), valueOf(generateValid("delay"), 0, "tone"));
  // An explicit number wins over the adjective.
  EXPECT_EQ(valueOf(generateValid("dark low-pass at 5 kHz"), 0, "cutoff"), 5000.0);
}

TEST(ForgeGenerate, NothingIsDroppedSilently) {
  // Words it does not know are listed.
  const Plan unknown = generateValid("a delay with a flux capacitor and shimmer");
  EXPECT_TRUE(notesMention(unknown, "'flux capacitor'"));
  EXPECT_TRUE(notesMention(unknown, "'shimmer'"));
  // Known words that cannot apply are said too.
  EXPECT_TRUE(notesMention(generateValid("a high-pass with ducking"), "ducking"));
  EXPECT_TRUE(notesMention(generateValid("a gain synced to tempo"), "synced"));
  EXPECT_TRUE(notesMention(generateValid("dark gain"), "dark"));
  EXPECT_TRUE(notesMention(generateValid("reverb and 300 bananas"), "bananas"));
  EXPECT_TRUE(notesMention(generateValid("a compressor at 120 bpm"), "120 bpm"));
  EXPECT_TRUE(notesMention(generateValid("a gain with 500 Hz"), "500 Hz"));
  EXPECT_TRUE(notesMention(generateValid("a delay with a Heat knob and a swirl knob"), "swirl") ||
              findParameter(generateValid("a delay with a Heat knob and a swirl knob"), "swirl"));
  // Nothing recognised at all: a gain block to start from, and the notes say why.
  const Plan nothing = generateValid("make it sound like a spaceship");
  EXPECT_EQ(kinds(nothing), (std::vector<std::string>{"gain"}));
  EXPECT_TRUE(notesMention(nothing, "no effect recognised"));
  EXPECT_TRUE(notesMention(nothing, "spaceship"));
}

TEST(ForgeGenerate, EveryWordIsUsedOrReported) {
  // For each prompt, each word that is not a filler is either part of the plan's understanding
  // or quoted in its notes: removing a recognised word changes the plan.
  const char* prompts[] = {"warm tape saturator with a Heat knob and a 500 Hz high-pass",
                           "ping-pong delay synced to tempo with ducking",
                           "heavy distortion, high-pass at 120 Hz, then a limiter",
                           "lush stereo chorus with knobs for rate and depth"};
  for (const char* prompt : prompts) {
    const Plan full = generateValid(prompt);
    std::string text = prompt;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find_first_of(" ,", start);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(start, end - start);
      const std::string without = text.substr(0, start) + text.substr(std::min(end + 1, text.size()));
      start = end + 1;
      static const std::set<std::string> fillers = {"a", "with", "and", "to", "at", "then", "for", "knobs"};
      if (word.empty() || fillers.contains(word)) continue;
      EXPECT_NE(writePlan(generatePlan(without)), writePlan(full)) << "'" << word << "' in '" << prompt << "' changed nothing";
    }
  }
}

TEST(ForgeGenerate, SynthComesFirstAndIsAnInstrument) {
  const Plan plan = generateValid("reverb after a pad synth");
  EXPECT_EQ(kinds(plan), (std::vector<std::string>{"synth", "reverb"}));
  EXPECT_TRUE(isInstrument(plan));
  EXPECT_TRUE(notesMention(plan, "comes first"));
  EXPECT_TRUE(notesMention(generateValid("synth with a mix knob"), "no dry signal"));
}

TEST(ForgeGenerate, Deterministic) {
  const std::string prompt = "vocal chain: high-pass at 80 Hz, compressor 3:1, presence boost, plate reverb";
  EXPECT_EQ(writePlan(generatePlan(prompt)), writePlan(generatePlan(prompt)));
}

TEST(ForgeGenerate, HostileInputStillGivesAValidPlan) {
  generateValid("");
  generateValid(std::string(5000, 'x'));
  generateValid("\"delay\"\n\\ \x01\x7f called \"}\" named");
  generateValid("a delay called " + std::string(300, 'Z'));
  generateValid("-1e308 Hz low-pass 1/0 note 0:0 compressor");
}

}  // namespace

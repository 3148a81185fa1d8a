// The suite on small C plugins built to .wasm and run through the sandboxed host: the correct one
// passes every check, and each broken one fails exactly the rule it breaks, with a reason that
// says where.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "wstudio/conformance/suite.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::conformance {
namespace {

SuiteTarget loadFixture(const std::string& name) {
  const std::string path = std::string(CONFORMANCE_FIXTURE_DIR) + "/" + name + ".wasm";
  host::LoadOptions options;
  options.cacheDir = CONFORMANCE_CACHE_DIR;
  auto isolated = host::loadPlugin(path, options);
  EXPECT_TRUE(isolated.ok()) << path << ": " << (isolated.ok() ? "" : isolated.error());
  options.shareModuleInstance = true;
  auto shared = host::loadPlugin(path, options);
  EXPECT_TRUE(shared.ok()) << path << ": " << (shared.ok() ? "" : shared.error());
  if (!isolated || !shared) return {};
  return {isolated.value(), shared.value()};
}

Report validate(const std::string& name) {
  const SuiteTarget target = loadFixture(name);
  if (!target.module) return {};
  SuiteOptions options;
  options.quick = true;
  return runSuite(target, options);
}

const CheckResult& check(const Report& report, const std::string& name) {
  const auto found = std::find_if(report.checks.begin(), report.checks.end(),
                                  [&](const CheckResult& c) { return c.name == name; });
  if (found == report.checks.end()) throw std::runtime_error("no check " + name);
  return *found;
}

std::string summary(const Report& report) {
  std::string text;
  for (const auto& c : report.checks) {
    text += std::string(outcomeName(c.outcome)) + " " + c.name + ": " + c.reason + "\n";
  }
  return text;
}

TEST(FixturePlugins, CorrectPluginPassesEveryCheck) {
  const Report report = validate("good");
  ASSERT_FALSE(report.checks.empty());
  EXPECT_TRUE(report.passed()) << summary(report);
  EXPECT_EQ(report.format, "wsp");
  // Nothing but the instrument checks, and latency-word (it lists no extension), may be skipped
  // for an effect.
  for (const auto& c : report.checks) {
    if (c.name.rfind("note-", 0) == 0 || c.name == "midi-messages" || c.name == "latency-word") {
      EXPECT_EQ(c.outcome, Outcome::Skip) << c.name;
    } else {
      EXPECT_EQ(c.outcome, Outcome::Pass) << c.name << ": " << c.reason;
    }
  }
  EXPECT_EQ(check(report, "latency-word").reason,
            "the descriptor does not list wsp.latency-word/1 (an optional extension)");
}

TEST(FixturePlugins, NanAtParameterMaximumFailsAbi12NamingTheParameter) {
  const Report report = validate("nan_at_max");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-12"}) << summary(report);
  const auto& extremes = check(report, "parameter-extremes");
  EXPECT_EQ(extremes.outcome, Outcome::Fail);
  EXPECT_NE(extremes.reason.find("NaN"), std::string::npos) << extremes.reason;
  EXPECT_NE(extremes.reason.find("'gain' = 12 dB (max)"), std::string::npos) << extremes.reason;
  EXPECT_NE(extremes.reason.find("+12 dBFS white noise"), std::string::npos) << extremes.reason;
}

TEST(FixturePlugins, DenormalOutputFailsAbi12) {
  const Report report = validate("denormals");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-12"}) << summary(report);
  const auto& impulse = check(report, "impulse-response");
  EXPECT_EQ(impulse.outcome, Outcome::Fail);
  EXPECT_NE(impulse.reason.find("denormal"), std::string::npos) << impulse.reason;
}

TEST(FixturePlugins, UnsmoothedGainFailsAbi16) {
  const Report report = validate("unsmoothed");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-16"}) << summary(report);
  const auto& zipper = check(report, "zipper-noise");
  EXPECT_EQ(zipper.outcome, Outcome::Fail);
  EXPECT_NE(zipper.reason.find("'gain'"), std::string::npos) << zipper.reason;
}

TEST(FixturePlugins, IgnoredStateFailsAbi15RoundTrip) {
  const Report report = validate("state_ignored");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-15"}) << summary(report);
  EXPECT_EQ(check(report, "state-round-trip").outcome, Outcome::Fail);
  EXPECT_EQ(check(report, "corrupt-state").outcome, Outcome::Pass);
}

TEST(FixturePlugins, WrongLatencyFailsAbi13WithMeasuredDelay) {
  const Report report = validate("wrong_latency");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-13"}) << summary(report);
  const auto& latency = check(report, "latency");
  EXPECT_EQ(latency.outcome, Outcome::Fail);
  EXPECT_NE(latency.reason.find("reports 0 frames"), std::string::npos) << latency.reason;
  EXPECT_NE(latency.reason.find("arrives at frame 64"), std::string::npos) << latency.reason;
}

TEST(FixturePlugins, StaticSingletonFailsAbi7Independence) {
  const Report report = validate("static_singleton");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-7"}) << summary(report);
  EXPECT_EQ(check(report, "independent-instances").outcome, Outcome::Fail);
}

TEST(FixturePlugins, LeakOnCreateDestroyFailsAbi7Memory) {
  const Report report = validate("leak");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-7"}) << summary(report);
  const auto& memory = check(report, "create-destroy-memory");
  EXPECT_EQ(memory.outcome, Outcome::Fail);
  EXPECT_NE(memory.reason.find("memory grew"), std::string::npos) << memory.reason;
}

TEST(FixturePlugins, OutputFarLouderThanInputAtDefaultsFailsSafe1InPlainWords) {
  const Report report = validate("loud");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"SAFE-1"}) << summary(report);
  const auto& loudness = check(report, "default-loudness");
  EXPECT_EQ(loudness.outcome, Outcome::Fail);
  // x100 is +40 dB; the fixture's one-pole low-pass takes 1 dB of the pink noise's top octaves.
  EXPECT_NE(loudness.reason.find("At its default settings this plugin makes the sound 39 dB louder: pink noise "
                                 "at -18 dBFS (RMS, a usual mix level) comes out at +21 dBFS"),
            std::string::npos) << loudness.reason;
  EXPECT_NE(loudness.reason.find("at most 18 dB louder"), std::string::npos) << loudness.reason;
  EXPECT_NE(loudness.reason.find("with 'gain' = -60 dB (min) it comes out 21 dB quieter"),
            std::string::npos) << loudness.reason;
}

TEST(FixturePlugins, CorrectPluginAddsNothingAtDefaults) {
  const Report report = validate("good");
  const auto& loudness = check(report, "default-loudness");
  EXPECT_EQ(loudness.outcome, Outcome::Pass) << loudness.reason;
  EXPECT_NE(loudness.reason.find("comes out -1 dB (at most +18 dB allowed)"), std::string::npos) << loudness.reason;
}

TEST(FixturePlugins, CorrectLatencyWordPassesEveryCheck) {
  const Report report = validate("latency_word");
  EXPECT_TRUE(report.passed()) << summary(report);
  const auto& word = check(report, "latency-word");
  EXPECT_EQ(word.outcome, Outcome::Pass) << word.reason;
  // The rounds at all-min and all-max reach both ends of the 'delay' range.
  EXPECT_NE(word.reason.find("latencies from 0 to 64 frames"), std::string::npos) << word.reason;
}

TEST(FixturePlugins, StaleLatencyWordFailsAbi20) {
  const Report report = validate("latency_word_stale");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-20"}) << summary(report);
  const auto& word = check(report, "latency-word");
  EXPECT_EQ(word.outcome, Outcome::Fail);
  EXPECT_EQ(word.failedRules, std::vector<std::string>{"ABI-20"});
  // Right after activation the word holds the default delay; the first automated change of
  // 'delay' leaves it behind.
  EXPECT_NE(word.reason.find("after wsp_process in the block starting at frame"), std::string::npos)
      << word.reason;
  EXPECT_NE(word.reason.find("the latency word (wsp.latency-word/1, ABI-20) reads 16 but "
                             "wsp_latency returns"),
            std::string::npos)
      << word.reason;
  EXPECT_NE(word.reason.find("store the new latency in the word"), std::string::npos) << word.reason;
}

TEST(FixturePlugins, LatencyWordStaleAfterStateLoadFailsAbi20) {
  const Report report = validate("latency_word_stale_after_load");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-20"}) << summary(report);
  // Only the latency-word check compares right after a load: every render's first block
  // brings the word up to date again.
  const auto& word = check(report, "latency-word");
  EXPECT_EQ(word.outcome, Outcome::Fail);
  EXPECT_NE(word.reason.find("after wsp_state_load of a state saved after"), std::string::npos)
      << word.reason;
  EXPECT_EQ(check(report, "state-round-trip").outcome, Outcome::Pass);
}

TEST(FixturePlugins, CorrectInstrumentPassesEveryCheck) {
  const Report report = validate("synth");
  EXPECT_TRUE(report.passed()) << summary(report);
  // default-loudness: one note at its defaults, at most 0 dBFS RMS.
  for (const char* name : {"note-onset", "note-release", "note-range", "midi-messages", "default-loudness"}) {
    EXPECT_EQ(check(report, name).outcome, Outcome::Pass) << name;
  }
  // Nothing goes in, so there is no impulse to time and no input to stop.
  EXPECT_EQ(check(report, "latency").outcome, Outcome::Skip);
  EXPECT_EQ(check(report, "tail").outcome, Outcome::Skip);
}

TEST(FixturePlugins, NotesAppliedAtBlockStartFailAbi11) {
  const Report report = validate("synth_block_start");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-11"}) << summary(report);
  const auto& onset = check(report, "note-onset");
  EXPECT_EQ(onset.outcome, Outcome::Fail);
  EXPECT_NE(onset.reason.find("before its note (note 60 at frame 300"), std::string::npos)
      << onset.reason;
}

TEST(FixturePlugins, EndlessReleaseFailsAbi13) {
  const Report report = validate("synth_endless_release");
  EXPECT_EQ(report.failedRules(), std::vector<std::string>{"ABI-13"}) << summary(report);
  EXPECT_EQ(check(report, "note-release").outcome, Outcome::Fail);
}

TEST(FixturePlugins, JsonReportCarriesOutcomesAndFailedRules) {
  const Report report = validate("wrong_latency");
  const auto json = nlohmann::json::parse(toJson(report));
  EXPECT_EQ(json["plugin"]["id"], "test.fixture.wrong-latency");
  EXPECT_EQ(json["passed"], false);
  EXPECT_EQ(json["failedRules"], nlohmann::json::array({"ABI-13"}));
  EXPECT_EQ(json["checks"].size(), report.checks.size());
  for (const auto& c : json["checks"]) {
    if (c["name"] == "latency") {
      EXPECT_EQ(c["outcome"], "FAIL");
    }
  }
}

}  // namespace
}  // namespace wstudio::conformance

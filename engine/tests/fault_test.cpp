// A plugin that traps, outputs NaN or overruns its time budget is taken out of the path (its
// input passes on), reported with its track and slot, and everything else keeps playing. The
// trapping and NaN plugins are the host's fixture plugin as real .wasm, run sandboxed.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

constexpr uint32_t kMisbehave = 7;  // host/tests/fixtures/fixture_plugin.c
constexpr double kUnreachable = 2;
constexpr double kWriteNan = 5;

std::shared_ptr<host::PluginModule> fixtureModule() {
  const std::filesystem::path dir = WSTUDIO_HOST_FIXTURE_DIR;
  host::LoadOptions options;
  options.cacheDir = dir / "cache";  // shared with the host tests: translated once
  auto module = host::loadPlugin(dir / "fixture_plugin.wasm", options);
  EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error());
  return module.ok() ? module.value() : nullptr;
}

// Two tracks; the "bad" one has a utility then the fixture (slot 1), which starts misbehaving
// at beat 0.5 (an automation step on its misbehave parameter).
session::Session faultySession(double misbehaviour) {
  auto s = emptySession();
  addClip(addTrack(s, "good"), "c1", "sine", 0, 2);
  auto& bad = addTrack(s, "bad");
  addClip(bad, "c2", "noise", 0, 2);
  addInsert(bad.inserts, "util", "studio.wasm.utility");
  addInsert(bad.inserts, "fix", "studio.wasm.test.fixture");
  auto& lane = addLane(s, "misbehave", "bad", session::AutomatedControl::parameter);
  lane.target.insert = "fix";
  lane.target.param = kMisbehave;
  lane.points = {point(0, 0, session::SegmentShape::step), point(0.5, misbehaviour)};
  return s;
}

class Faults : public ::testing::TestWithParam<std::pair<double, Fault>> {};

TEST_P(Faults, FaultingWasmPluginIsBypassedAndReportedWhileEverythingPlays) {
  Rig rig;
  const auto sine = testsupport::sine(440, kRate, 48000, 0.5);
  const auto noise = testsupport::whiteNoise(3, 48000, 0.25);
  rig.sources.add("sine", sine);
  rig.sources.add("noise", noise);
  auto module = fixtureModule();
  ASSERT_TRUE(module);
  rig.plugins.add("studio.wasm.test.fixture", module);

  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(faultySession(GetParam().first)));
  player.play();
  const auto out = playBlocks(player, 150, 256);  // 38400 frames; the fault comes at 12000

  // The fixture is a unity gain until it breaks, and its input passes on after: the mix never
  // changes, so the sandboxed fault is inaudible.
  for (std::size_t i = 0; i < out.left.size(); ++i) {
    ASSERT_NEAR(out.left[i], sine[i] + noise[i], 1e-6) << i;
  }
  const auto fault = player.nextFault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, GetParam().second);
  EXPECT_EQ(fault->trackId(), "bad");
  EXPECT_EQ(fault->slot, 1u);
  EXPECT_EQ(fault->insertId(), "fix");
  EXPECT_FALSE(fault->text().empty());
  EXPECT_FALSE(player.nextFault().has_value());  // reported once
}

INSTANTIATE_TEST_SUITE_P(Engine, Faults,
                         ::testing::Values(std::pair{kUnreachable, Fault::Trap},
                                           std::pair{kWriteNan, Fault::NonFinite}),
                         [](const auto& info) {
                           return info.param.second == Fault::Trap ? std::string("Trap")
                                                                       : std::string("NonFinite");
                         });

TEST(TimeBudget, PluginOverItsBudgetIsBypassedAndReported) {
  Rig rig;
  const auto noise = testsupport::whiteNoise(5, 4096, 0.25);
  rig.sources.add("noise", noise);
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  addClip(track, "c", "noise", 0, 1);
  addInsert(track.inserts, "u", "studio.wasm.utility").params[0] = -6.0;
  // A budget of a billionth of real time: no plugin call can meet it.
  Player player(PlayerOptions{rig.format(), 1e-9});
  player.setGraph(rig.build(s));
  player.play();
  const auto out = playBlocks(player, 16, 256);
  const auto fault = player.nextFault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, Fault::OverBudget);
  EXPECT_EQ(fault->trackId(), "t");
  EXPECT_EQ(fault->slot, 0u);
  // The first call's output was kept (-6 dB); from the second block on the input passes dry.
  EXPECT_NEAR(out.left[100], noise[100] * 0.5011872, 1e-6);
  for (std::size_t i = 256; i < 4096; ++i) ASSERT_EQ(out.left[i], noise[i]) << i;
}

}  // namespace
}  // namespace wstudio::engine::testing

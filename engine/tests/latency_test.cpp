// Plugin delay compensation: a latent path (the factory limiter's lookahead) and a dry path
// meet sample-exactly at every mix point, and the total latency is reported.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

constexpr uint32_t kLookahead = 2;  // limiter parameter id (plugins/limiter/limiter.cpp)

// Noise well below the limiter's ceiling, which the limiter passes bit-exactly, only delayed;
// and its negation, so that aligned paths cancel to exact silence.
session::Session cancellingSession(const std::string& latentOutput, double lookaheadMs) {
  auto s = emptySession();
  auto& wet = addTrack(s, "wet");
  addInsert(wet.inserts, "lim", "studio.wasm.limiter").params[kLookahead] = lookaheadMs;
  addClip(wet, "c1", "noise", 0, 2);
  wet.output = latentOutput;
  addClip(addTrack(s, "dry"), "c2", "inverted", 0, 2);
  if (latentOutput != "master") addTrack(s, latentOutput, session::TrackKind::bus);
  return s;
}

class Latency : public ::testing::Test {
 protected:
  void SetUp() override {
    noise_ = testsupport::whiteNoise(7, 48000, 0.1);
    std::vector<float> inverted(noise_.size());
    for (std::size_t i = 0; i < noise_.size(); ++i) inverted[i] = -noise_[i];
    rig_.sources.add("noise", noise_);
    rig_.sources.add("inverted", inverted);
  }
  Rig rig_;
  std::vector<float> noise_;
};

TEST_F(Latency, LatentTrackAndDryTrackAlignAtTheMaster) {
  const auto s = cancellingSession("master", 5.0);
  EXPECT_EQ(rig_.build(s)->latency(), 240u);  // 5 ms at 48 kHz
  const auto out = rig_.render(s, 0, 48000, {"wet", "dry"});
  EXPECT_EQ(testsupport::peak(out.master.left), 0.0);
  EXPECT_EQ(testsupport::peak(out.master.right), 0.0);
  // Each path alone is the source itself, aligned to the timeline.
  for (std::size_t i = 0; i < noise_.size(); ++i) {
    ASSERT_EQ(out.stems[0].left[i], noise_[i]) << i;
    ASSERT_EQ(out.stems[1].left[i], -noise_[i]) << i;
  }
}

TEST_F(Latency, LatentTrackThroughABusAlignsWithADryTrack) {
  auto s = cancellingSession("bus", 3.0);
  // The bus adds latency of its own: the master's total is both.
  addInsert(s.tracks[2].inserts, "bus-lim", "studio.wasm.limiter").params[kLookahead] = 2.0;
  const auto graph = rig_.build(s);
  EXPECT_EQ(graph->latency(), 144u + 96u);
  EXPECT_EQ(graph->trackLatency(*graph->trackIndex("bus")), 240u);
  const auto out = rig_.render(s, 0, 48000);
  EXPECT_EQ(testsupport::peak(out.master.left), 0.0);
}

TEST_F(Latency, LiveOutputLagsTheTimelineByTheReportedLatency) {
  auto s = cancellingSession("master", 5.0);
  s.tracks[1].mute = true;  // only the latent path
  Player player(PlayerOptions{rig_.format(), 0.0});
  player.setGraph(rig_.build(s));
  player.play();
  const auto out = playBlocks(player, 100, 256);
  for (std::size_t i = 0; i < 240; ++i) ASSERT_EQ(out.left[i], 0.0f);
  for (std::size_t i = 240; i < out.left.size(); ++i) ASSERT_EQ(out.left[i], noise_[i - 240]) << i;
}

}  // namespace
}  // namespace wstudio::engine::testing

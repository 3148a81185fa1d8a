// Loop wraps, seeks and automation at exact samples, through the real player.
#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixture.hpp"
#include "wstudio/session/automation.hpp"

namespace wstudio::engine::testing {
namespace {

using session::AutomatedControl;

// Sample n of the source holds n + 1 (exactly representable), so the output names the frame.
std::vector<float> counting(std::size_t frames) {
  std::vector<float> x(frames);
  for (std::size_t i = 0; i < frames; ++i) x[i] = float(i + 1);
  return x;
}

double volumeAt(const session::AutomationLane& lane, int64_t frame) {
  const double db = *session::valueAt(lane, session::framesToBeats(double(frame), kTempo, kRate));
  return std::pow(10.0, db / 20.0);
}

// Plays `blocks` blocks of `block` frames from `start`.
Stereo playFrom(Rig& rig, const session::Session& s, int64_t start, std::size_t blocks,
                uint32_t block) {
  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(s));
  player.seek(start);
  player.play();
  return playBlocks(player, blocks, block);
}

TEST(Transport, LoopWrapsSampleExactlyForAnyBlockSize) {
  Rig rig;
  rig.sources.add("count", counting(100000));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "count", 0, 4);
  s.loop = {};
  s.loop.start = 0.5;  // frame 12000
  s.loop.end = 0.75;   // frame 18000
  s.loop.enabled = true;
  for (const uint32_t block : {64u, 100u, 256u}) {
    const auto out = playFrom(rig, s, 11000, 20000 / block, block);
    for (std::size_t i = 0; i < out.left.size(); ++i) {
      // Timeline frame of output i: 11000.. up to the loop end, then around the loop.
      int64_t frame = 11000 + int64_t(i);
      if (frame >= 18000) frame = 12000 + (frame - 18000) % 6000;
      ASSERT_EQ(out.left[i], float(frame + 1)) << "block " << block << " output " << i;
    }
  }
}

TEST(Transport, SeekPastTheLoopEndPlaysOn) {
  Rig rig;
  rig.sources.add("count", counting(100000));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "count", 0, 4);
  s.loop.start = 0;
  s.loop.end = 0.5;
  s.loop.enabled = true;
  const auto out = playFrom(rig, s, 30000, 10, 128);
  for (std::size_t i = 0; i < out.left.size(); ++i) ASSERT_EQ(out.left[i], float(30000 + i + 1));
}

TEST(Transport, VolumeAutomationIsExactAtEverySampleAcrossAWrapAndAfterASeek) {
  Rig rig;
  rig.sources.add("one", std::vector<float>(200000, 1.0f));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "one", 0, 8);
  auto& lane = addLane(s, "vol", "t", AutomatedControl::volume);
  lane.points = {point(0.0, -30.0), point(0.6, 0.0, session::SegmentShape::curve),
                 point(0.9, -12.0, session::SegmentShape::step), point(1.0, -6.0)};
  lane.points[1].curvature = 0.7;
  const session::AutomationLane expectedLane = lane;
  s.loop.start = 0.5;  // 12000
  s.loop.end = 1.0;    // 24000
  s.loop.enabled = true;

  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(s));
  player.seek(20000);
  player.play();
  const auto wrapped = playBlocks(player, 50, 160);  // 8000 frames: wraps at output 4000
  for (std::size_t i = 0; i < wrapped.left.size(); ++i) {
    const int64_t frame = i < 4000 ? 20000 + int64_t(i) : 12000 + int64_t(i) - 4000;
    ASSERT_NEAR(wrapped.left[i], volumeAt(expectedLane, frame), 2e-6) << "output " << i;
  }
  player.seek(5000);
  const auto sought = playBlocks(player, 10, 160);
  for (std::size_t i = 0; i < sought.left.size(); ++i) {
    ASSERT_NEAR(sought.left[i], volumeAt(expectedLane, 5000 + int64_t(i)), 2e-6) << "output " << i;
  }
}

TEST(Transport, PanAutomationIsExactAtEverySample) {
  Rig rig;
  rig.sources.add("one", std::vector<float>(30000, 1.0f));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "one", 0, 1);
  auto& lane = addLane(s, "pan", "t", AutomatedControl::pan);
  lane.points = {point(0.0, -1.0), point(1.0, 1.0)};
  const auto out = rig.render(s, 0, 24000);
  for (int64_t f = 0; f < 24000; f += 7) {
    const double pan = -1.0 + 2.0 * double(f) / 24000.0;
    const double x = pan * std::acos(-1.0) / 4.0;
    ASSERT_NEAR(out.master.left[std::size_t(f)], std::cos(x) - std::sin(x), 2e-6) << f;
    ASSERT_NEAR(out.master.right[std::size_t(f)], std::cos(x) + std::sin(x), 2e-6) << f;
  }
}

TEST(Transport, StopSilencesAndPlayResumesWhereItStopped) {
  Rig rig;
  rig.sources.add("count", counting(100000));
  auto s = emptySession();
  addClip(addTrack(s, "t"), "c", "count", 0, 4);
  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(s));
  player.play();
  playBlocks(player, 4, 100);
  player.stop();
  const auto stopped = playBlocks(player, 2, 100);
  for (float x : stopped.left) ASSERT_EQ(x, 0.0f);
  EXPECT_EQ(player.position(), 400);
  EXPECT_FALSE(player.playing());
  player.play();
  const auto resumed = playBlocks(player, 1, 100);
  EXPECT_EQ(resumed.left[0], 401.0f);
}

}  // namespace
}  // namespace wstudio::engine::testing

// Rebuilding the graph while playing: the new graph takes over at a block boundary, plugin
// instances (and so their state) carry over, and control changes glide instead of clicking.
#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/analysis.hpp"
#include "wstudio/testsupport/signals.hpp"

namespace wstudio::engine::testing {
namespace {

// A short burst into the factory delay: after it, everything audible is the delay's tail.
session::Session echoSession() {
  auto s = emptySession();
  auto& echo = addTrack(s, "echo");
  addClip(echo, "burst", "burst", 0, 0.1);
  addInsert(echo.inserts, "delay", "studio.wasm.delay");
  addTrack(s, "other");
  return s;
}

class GraphSwap : public ::testing::Test {
 protected:
  // Plays `blocks` blocks with fresh plugin instances; before block `swapAt`, hands over a graph
  // built from `edited`.
  static Stereo play(const session::Session& initial, const session::Session& edited,
                     std::size_t swapAt, std::size_t blocks) {
    Rig rig;
    rig.sources.add("burst", testsupport::sine(330, kRate, 2400, 0.8));
    Player player(PlayerOptions{rig.format(), 0.0});
    const RenderGraph* published = player.setGraph(rig.build(initial));
    player.play();
    Stereo out = playBlocks(player, swapAt, kBlock);
    player.setGraph(rig.build(edited, published));
    const Stereo rest = playBlocks(player, blocks - swapAt, kBlock);
    player.collectRetired();
    out.left.insert(out.left.end(), rest.left.begin(), rest.left.end());
    out.right.insert(out.right.end(), rest.right.begin(), rest.right.end());
    return out;
  }

  static constexpr uint32_t kBlock = 128;
};

TEST_F(GraphSwap, DelayTailContinuesUnchangedAcrossASwap) {
  const auto s = echoSession();
  auto edited = s;
  edited.tracks[1].volumeDb = -20;  // an edit elsewhere
  const auto reference = play(s, s, 0, 400);
  // Swap at frame 25600, in the middle of the echoes (the burst ended at 2400).
  const auto swapped = play(s, edited, 200, 400);
  ASSERT_GT(testsupport::peak(std::span(reference.left).subspan(25600, 20000)), 0.01);
  for (std::size_t i = 0; i < reference.left.size(); ++i) {
    ASSERT_EQ(swapped.left[i], reference.left[i]) << i;
    ASSERT_EQ(swapped.right[i], reference.right[i]) << i;
  }
}

TEST_F(GraphSwap, VolumeEditGlidesToItsNewValueWithoutAStep) {
  const auto s = echoSession();
  auto edited = s;
  edited.tracks[0].volumeDb = -12;
  const auto reference = play(s, s, 0, 400);
  const auto swapped = play(s, edited, 200, 400);
  const std::size_t at = 200 * kBlock;
  const std::size_t ramp = 480;  // BuildOptions::controlRampMs = 10 ms
  const double target = std::pow(10.0, -12.0 / 20.0);
  for (std::size_t i = 0; i < at; ++i) ASSERT_EQ(swapped.left[i], reference.left[i]);
  // Sample by sample the gain moves linearly from 1 to the target over the ramp, then stays.
  for (std::size_t i = at; i < at + ramp; ++i) {
    const double g = 1.0 + (target - 1.0) * double(i - at + 1) / double(ramp);
    ASSERT_NEAR(swapped.left[i], reference.left[i] * g, 1e-5) << i;
  }
  for (std::size_t i = at + ramp; i < reference.left.size(); ++i) {
    ASSERT_NEAR(swapped.left[i], reference.left[i] * target, 1e-6) << i;
  }
}

TEST_F(GraphSwap, InsertEditsKeepTheInstanceAndNewInsertsStartClean) {
  auto s = echoSession();
  Rig rig;
  PluginProvider& provider = rig.provider();
  const auto first = provider.acquire(s.tracks[0].inserts[0]);
  ASSERT_TRUE(first.ok());
  auto withParam = s.tracks[0].inserts[0];
  withParam.params[0] = 100.0;  // a parameter edit: same instance, the graph sends the value
  EXPECT_EQ(provider.acquire(withParam).value(), first.value());
  auto otherState = withParam;
  otherState.state = {1, 2, 3};  // different state bytes: a fresh instance (this state is refused)
  EXPECT_FALSE(provider.acquire(otherState).ok());
  auto otherPlugin = withParam;
  otherPlugin.plugin.id = "studio.wasm.eq";
  EXPECT_NE(provider.acquire(otherPlugin).value(), first.value());
}

// While stopped nothing is heard, so there is nothing to glide from: a track muted (or turned
// down) between Stop and Play is at its new level from Play's first frame. Gliding from where the
// old graph's fader was would play the muted track for the ramp's 10 ms at Play.
TEST_F(GraphSwap, AnEditMadeWhileStoppedIsInFullEffectFromPlaysFirstFrame) {
  auto s = emptySession();
  auto& loud = addTrack(s, "loud");
  addClip(loud, "tone", "tone", 0, 1.0);
  auto muted = s;
  muted.tracks[0].mute = true;
  auto quieter = s;
  quieter.tracks[0].volumeDb = -12;
  for (const auto& edited : {muted, quieter}) {
    Rig rig;
    rig.sources.add("tone", testsupport::sine(330, kRate, 48000, 0.8));
    Player player(PlayerOptions{rig.format(), 0.0});
    const RenderGraph* published = player.setGraph(rig.build(s));
    player.play();
    playBlocks(player, 10, kBlock);
    player.stop();
    playBlocks(player, 2, kBlock);  // the stop is taken; a stopped graph is not processed
    player.setGraph(rig.build(edited, published));
    playBlocks(player, 2, kBlock);  // the new graph is taken while stopped
    player.play();  // from where Stop left it: frame 1280
    const Stereo out = playBlocks(player, 4, kBlock);
    player.collectRetired();
    const double gain = edited.tracks[0].mute ? 0.0 : std::pow(10.0, -12.0 / 20.0);
    const auto tone = testsupport::sine(330, kRate, 14 * kBlock, 0.8);
    for (std::size_t i = 0; i < out.left.size(); ++i) {
      ASSERT_NEAR(out.left[i], tone[10 * kBlock + i] * gain, 1e-5) << "frame " << i << (gain == 0 ? " (muted)" : " (-12 dB)");
    }
  }
}

// Bypass glides like a mute: the graph that bypasses a playing plugin blends its output into the
// dry signal over the control ramp. A cut would step by the whole difference between the two (here
// 0.8 * (1 - 0.063) at a crest of the tone); the crossfade moves by 1/480 of it per sample.
session::Session toneThroughUtility(bool bypassed) {
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  addClip(track, "tone", "tone", 0, 4.0);  // beats at 120 bpm: the whole 2 s tone
  auto& utility = addInsert(track.inserts, "u", "studio.wasm.utility");
  utility.params[0] = -24.0;  // gain, dB
  utility.bypass = bypassed;
  return s;
}

// Plays `blocks` blocks of the tone through `sessions[0]`'s graph, handing over to sessions[k]'s
// before block swapAt[k-1].
Stereo playTone(const std::vector<session::Session>& sessions, const std::vector<std::size_t>& swapAt,
                std::size_t blocks, uint32_t block) {
  Rig rig;
  rig.sources.add("tone", testsupport::sine(330, kRate, 2 * 48000, 0.8));
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* published = player.setGraph(rig.build(sessions[0]));
  player.play();
  Stereo out;
  std::size_t played = 0;
  for (std::size_t k = 1; k <= swapAt.size(); ++k) {
    const Stereo part = playBlocks(player, swapAt[k - 1] - played, block);
    out.left.insert(out.left.end(), part.left.begin(), part.left.end());
    played = swapAt[k - 1];
    published = player.setGraph(rig.build(sessions[k], published));
  }
  const Stereo rest = playBlocks(player, blocks - played, block);
  player.collectRetired();
  out.left.insert(out.left.end(), rest.left.begin(), rest.left.end());
  return out;
}

double largestStep(std::span<const float> x) {
  double step = 0.0;
  for (std::size_t i = 1; i < x.size(); ++i) step = std::max(step, double(std::abs(x[i] - x[i - 1])));
  return step;
}

TEST_F(GraphSwap, BypassingAPlayingPluginCrossfadesToTheDrySignal) {
  const auto out = playTone({toneThroughUtility(false), toneThroughUtility(true)}, {200}, 400, kBlock);
  const auto tone = testsupport::sine(330, kRate, 400 * kBlock, 0.8);
  const double gain = std::pow(10.0, -24.0 / 20.0);
  const std::size_t at = 200 * kBlock;
  const std::size_t ramp = 480;  // BuildOptions::controlRampMs = 10 ms
  for (std::size_t i = at - 4800; i < at; ++i) ASSERT_NEAR(out.left[i], tone[i] * gain, 1e-5) << i;
  for (std::size_t i = at; i < at + ramp; ++i) {
    const double wet = 1.0 - double(i - at + 1) / double(ramp);
    ASSERT_NEAR(out.left[i], tone[i] * (1.0 - wet + gain * wet), 1e-5) << i;
  }
  for (std::size_t i = at + ramp; i < out.left.size(); ++i) ASSERT_EQ(out.left[i], tone[i]) << i;
  EXPECT_LT(largestStep(out.left), 0.04);  // the tone's own largest step is 0.0346
}

// Back in: the instance kept its settings while bypassed, so without the crossfade its -24 dB
// would cut in at once.
TEST_F(GraphSwap, UnbypassingFadesThePluginBackInWithoutAStep) {
  const auto in = toneThroughUtility(false);
  const auto out = playTone({in, toneThroughUtility(true), in}, {200, 400}, 600, kBlock);
  const auto tone = testsupport::sine(330, kRate, 600 * kBlock, 0.8);
  const double gain = std::pow(10.0, -24.0 / 20.0);
  const std::size_t at = 400 * kBlock;
  const std::size_t ramp = 480;
  for (std::size_t i = at - 4800; i < at; ++i) ASSERT_EQ(out.left[i], tone[i]) << i;
  for (std::size_t i = at; i < at + ramp; ++i) {
    const double wet = double(i - at + 1) / double(ramp);
    ASSERT_NEAR(out.left[i], tone[i] * (1.0 - wet + gain * wet), 1e-5) << i;
  }
  for (std::size_t i = at + ramp; i < out.left.size(); ++i) ASSERT_NEAR(out.left[i], tone[i] * gain, 1e-5) << i;
  EXPECT_LT(largestStep(out.left), 0.04);
}

// Stopped, nothing is heard: a bypass made then is in full effect from Play's first frame.
TEST_F(GraphSwap, ABypassMadeWhileStoppedHasNoCrossfadeAtPlay) {
  Rig rig;
  rig.sources.add("tone", testsupport::sine(330, kRate, 2 * 48000, 0.8));
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* published = player.setGraph(rig.build(toneThroughUtility(false)));
  player.play();
  playBlocks(player, 10, kBlock);
  player.stop();
  playBlocks(player, 2, kBlock);
  player.setGraph(rig.build(toneThroughUtility(true), published));
  playBlocks(player, 2, kBlock);
  player.play();
  const Stereo out = playBlocks(player, 4, kBlock);
  player.collectRetired();
  const auto tone = testsupport::sine(330, kRate, 14 * kBlock, 0.8);
  for (std::size_t i = 0; i < out.left.size(); ++i) ASSERT_EQ(out.left[i], tone[10 * kBlock + i]) << i;
}

}  // namespace
}  // namespace wstudio::engine::testing

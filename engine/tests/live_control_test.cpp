// Live control (Player::sendLive): parameter changes, notes and fader moves reach the playing
// graph at their frame without a rebuild; what addresses nothing or carries nonsense is dropped;
// CPU time is metered per track and per insert when asked.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/analysis.hpp"

namespace wstudio::engine::testing {
namespace {

constexpr uint32_t kInvertLeft = 3;  // utility parameter ids (plugins/utility/utility.cpp)
constexpr uint32_t kGain = 0;
constexpr float kLevel = 0.25f;

// One track playing a constant kLevel through the utility (slot 1; slot 0 a bypassed utility, so
// that the session slot and the graph index differ).
session::Session dcThroughUtility() {
  auto s = emptySession();
  auto& track = addTrack(s, "t");
  addClip(track, "c", "dc", 0, 16);
  addInsert(track.inserts, "off", "studio.wasm.utility").bypass = true;
  addInsert(track.inserts, "u", "studio.wasm.utility");
  return s;
}

struct Playing {
  Rig rig;
  std::unique_ptr<Player> player;
  const RenderGraph* graph = nullptr;

  explicit Playing(const session::Session& s, uint32_t maxBlock = 256, bool meterCpu = false)
      : rig(maxBlock) {
    rig.sources.add("dc", std::vector<float>(48000 * 8, kLevel), std::vector<float>(48000 * 8, kLevel));
    player = std::make_unique<Player>(PlayerOptions{rig.format(), 0.0, meterCpu});
    graph = player->setGraph(rig.build(s));
    player->play();
  }
  LiveEvent param(uint32_t slot, uint32_t id, double value, uint32_t offset) const {
    LiveEvent e;
    e.kind = LiveEventKind::Param;
    e.track = int32_t(*graph->trackIndex("t"));
    e.slot = slot;
    e.id = id;
    e.value = value;
    e.offset = offset;
    return e;
  }
};

TEST(LiveControl, ParameterChangeActsOnItsExactFrame) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 4, 256);
  ASSERT_TRUE(p.player->sendLive(p.param(1, kInvertLeft, 1.0, 100)));
  const Stereo out = playBlocks(*p.player, 1, 256);
  for (std::size_t i = 0; i < 100; ++i) ASSERT_FLOAT_EQ(out.left[i], kLevel) << i;
  for (std::size_t i = 100; i < 256; ++i) ASSERT_FLOAT_EQ(out.left[i], -kLevel) << i;
  EXPECT_FLOAT_EQ(out.right[200], kLevel);
}

TEST(LiveControl, OffsetBeyondTheFirstBlockOfACallLandsInTheRightBlock) {
  // One render call of 512 frames runs as four 128-frame graph blocks; offset 300 falls in the
  // third (frames 256..383), at its frame 44.
  Playing p(dcThroughUtility(), 128);
  playBlocks(*p.player, 2, 512);
  ASSERT_TRUE(p.player->sendLive(p.param(1, kInvertLeft, 1.0, 300)));
  const Stereo out = playBlocks(*p.player, 1, 512);
  EXPECT_FLOAT_EQ(out.left[299], kLevel);
  EXPECT_FLOAT_EQ(out.left[300], -kLevel);
  EXPECT_FLOAT_EQ(out.left[511], -kLevel);
}

TEST(LiveControl, OffsetPastTheCallActsInTheNextCall) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 2, 256);
  ASSERT_TRUE(p.player->sendLive(p.param(1, kInvertLeft, 1.0, 256 + 10)));
  const Stereo out = playBlocks(*p.player, 2, 256);
  EXPECT_FLOAT_EQ(out.left[256 + 9], kLevel);
  EXPECT_FLOAT_EQ(out.left[256 + 10], -kLevel);
}

TEST(LiveControl, EventsAddressingNothingOrCarryingNonsenseAreDroppedAndChangeNothing) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 2, 256);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  LiveEvent wrongTrack = p.param(1, kInvertLeft, 1.0, 0);
  wrongTrack.track = 7;
  LiveEvent belowMaster = wrongTrack;
  belowMaster.track = -2;
  LiveEvent nanVolume;
  nanVolume.kind = LiveEventKind::Volume;
  nanVolume.track = 0;
  nanVolume.value = nan;
  LiveEvent noteToAnEffectTrack;
  noteToAnEffectTrack.kind = LiveEventKind::NoteOn;
  noteToAnEffectTrack.track = 0;
  noteToAnEffectTrack.id = 60;
  noteToAnEffectTrack.value = 1.0;
  for (const LiveEvent& e : {p.param(1, 999, 1.0, 0),        // no such parameter
                             p.param(0, kInvertLeft, 1.0, 0), // bypassed slot: not heard
                             p.param(5, kInvertLeft, 1.0, 0), // no such slot
                             p.param(1, kGain, nan, 0), p.param(1, kGain, inf, 0), wrongTrack,
                             belowMaster, nanVolume, noteToAnEffectTrack}) {
    ASSERT_TRUE(p.player->sendLive(e));
  }
  const Stereo out = playBlocks(*p.player, 4, 256);
  for (std::size_t i = 0; i < out.left.size(); ++i) {
    ASSERT_FLOAT_EQ(out.left[i], kLevel) << i;
    ASSERT_FLOAT_EQ(out.right[i], kLevel) << i;
  }
}

TEST(LiveControl, ParameterValuesAreClampedToTheParametersRange) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 2, 256);
  ASSERT_TRUE(p.player->sendLive(p.param(1, kGain, 1e9, 0)));  // gain's range ends at +24 dB
  const Stereo out = playBlocks(*p.player, 200, 256);          // past the gain's smoothing
  EXPECT_NEAR(out.left.back(), kLevel * std::pow(10.0, 24.0 / 20.0), 1e-4);
}

TEST(LiveControl, ChangesMadeWhileStoppedAreHeardWhenPlaybackStarts) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 2, 256);
  p.player->stop();
  playBlocks(*p.player, 1, 256);
  ASSERT_TRUE(p.player->sendLive(p.param(1, kInvertLeft, 1.0, 50)));
  playBlocks(*p.player, 3, 256);  // stopped: silence, the change waits in the insert
  p.player->play();
  const Stereo out = playBlocks(*p.player, 1, 256);
  EXPECT_FLOAT_EQ(out.left[0], -kLevel);  // from the first frame played, whatever its offset was
}

TEST(LiveControl, FaderMovesGlideToTheirTarget) {
  Playing p(dcThroughUtility());
  playBlocks(*p.player, 2, 256);
  LiveEvent volume;
  volume.kind = LiveEventKind::Volume;
  volume.track = 0;
  volume.value = -6.0;
  LiveEvent pan;
  pan.kind = LiveEventKind::Pan;
  pan.track = 0;
  pan.value = -1.0;
  ASSERT_TRUE(p.player->sendLive(volume));
  ASSERT_TRUE(p.player->sendLive(pan));
  const Stereo out = playBlocks(*p.player, 40, 256);
  // No jump at the first frame (a click), the targets by the end.
  EXPECT_NEAR(out.left[0], kLevel, 0.01);
  const double gain = std::pow(10.0, -6.0 / 20.0);
  EXPECT_NEAR(out.left.back(), kLevel * gain * std::sqrt(2.0), 1e-4);
  EXPECT_NEAR(out.right.back(), 0.0, 1e-6);
}

TEST(LiveControl, LiveNotesPlayTheTracksInstrumentFromTheirFrame) {
  auto s = emptySession();
  addInsert(addTrack(s, "keys", session::TrackKind::instrument).inserts, "synth", "studio.wasm.synth");
  Rig rig(128);
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* graph = player.setGraph(rig.build(s));
  player.play();
  EXPECT_EQ(testsupport::peak(playBlocks(player, 8, 128).left), 0.0f);
  LiveEvent on;
  on.kind = LiveEventKind::NoteOn;
  on.track = int32_t(*graph->trackIndex("keys"));
  on.id = 69;
  on.value = 1.0;
  on.offset = 77;
  ASSERT_TRUE(player.sendLive(on));
  const Stereo sounding = playBlocks(player, 40, 128);
  const std::size_t onset = testsupport::firstAbove(sounding.left, 0.0f);
  EXPECT_GE(onset, 77u);
  EXPECT_LE(onset, 79u);  // the oscillators may start on a zero crossing
  EXPECT_GT(testsupport::peak(sounding.left), 0.05f);

  LiveEvent off = on;
  off.kind = LiveEventKind::NoteOff;
  off.offset = 0;
  ASSERT_TRUE(player.sendLive(off));
  playBlocks(player, 48000 / 128 * 3, 128);  // well past any release
  EXPECT_LT(testsupport::peak(playBlocks(player, 8, 128).left), 1e-4f);
}

TEST(LiveControl, CpuTimeIsMeteredPerTrackAndInsertOnlyWhenAsked) {
  for (const bool metered : {false, true}) {
    Playing p(dcThroughUtility(), 256, metered);
    playBlocks(*p.player, 200, 256);
    const std::size_t t = *p.graph->trackIndex("t");
    ASSERT_EQ(p.graph->insertCount(t), 2u);
    EXPECT_EQ(p.graph->insertId(t, 0), "off");
    EXPECT_EQ(p.graph->insertId(t, 1), "u");
    EXPECT_EQ(p.graph->insertCpu(t, 0).take(), 0.0);  // a bypassed plugin is not called
    const double track = p.graph->trackCpu(t).take();
    const double insert = p.graph->insertCpu(t, 1).take();
    const double master = p.graph->trackCpu(RenderGraph::kMaster).take();
    if (!metered) {
      EXPECT_EQ(track + insert + master, 0.0);
      continue;
    }
    EXPECT_GT(insert, 0.0);
    EXPECT_GT(track, insert);  // the track's time includes its inserts
    EXPECT_GT(master, 0.0);
    EXPECT_EQ(p.graph->trackCpu(t).take(), 0.0);  // a take resets
  }
}

}  // namespace
}  // namespace wstudio::engine::testing

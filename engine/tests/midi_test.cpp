// MIDI clips drive the factory synth with notes on their exact frames, across blocks and loops.
#include <gtest/gtest.h>

#include <cmath>

#include "engine_fixture.hpp"
#include "wstudio/testsupport/analysis.hpp"

namespace wstudio::engine::testing {
namespace {

constexpr uint32_t kAmpRelease = 20;  // synth parameter ids (plugins/synth/synth.cpp)

session::Session synthSession(std::vector<session::Note> notes, double clipStart = 0,
                              double clipLength = 8) {
  auto s = emptySession();
  auto& track = addTrack(s, "keys", session::TrackKind::instrument);
  addInsert(track.inserts, "synth", "studio.wasm.synth").params[kAmpRelease] = 1.0;
  session::MidiClip clip;
  clip.id = "clip";
  clip.start = clipStart;
  clip.length = clipLength;
  clip.notes = std::move(notes);
  track.midiClips.push_back(clip);
  return s;
}

session::Note note(double start, double length, int pitch = 60, double velocity = 1.0) {
  session::Note n;
  n.start = start;
  n.length = length;
  n.pitch = pitch;
  n.velocity = velocity;
  return n;
}

TEST(Midi, NoteStartsOnItsFrameWhateverTheBlockBoundaries) {
  // Beat 0.1234 = frame 2961.6, rounded to 2962; 37 frames later is beat 0.1234 + 37/24000.
  Rig rig(128);
  const auto first = rig.render(synthSession({note(0.1234, 0.5)}), 0, 20000);
  const std::size_t onset = testsupport::firstAbove(first.master.left, 0.0f);
  EXPECT_GE(onset, 2962u);
  EXPECT_LE(onset, 2964u);  // the oscillators may start on a zero crossing

  // The same note 37 frames later gives the same sound 37 frames later: a shift by one frame
  // more or less matches far worse. (Not bit-exact: the synth updates some of its state per
  // sub-block, so block boundaries leave a small trace.)
  const auto later = rig.render(synthSession({note(0.1234 + 37.0 / 24000.0, 0.5)}), 0, 20000);
  auto mismatch = [&](std::size_t shift) {
    double worst = 0;
    for (std::size_t i = 0; i < 2962 + 1000; ++i) {  // up to 1000 frames into the note
      worst = std::max(worst, double(std::fabs(later.master.left[i + shift] - first.master.left[i])));
    }
    return worst;
  };
  EXPECT_LT(mismatch(37), 0.01);
  EXPECT_GT(mismatch(36), 20 * mismatch(37));
  EXPECT_GT(mismatch(38), 20 * mismatch(37));
}

TEST(Midi, ClipOffsetsNotesAndCutsThemAtItsEnd) {
  Rig rig(128);
  // A clip at beat 1 holding a note from 0.25 that would last past the clip's end (beat 1.5).
  const auto cut = rig.render(synthSession({note(0.25, 4.0)}, 1.0, 0.5), 0, 48000);
  const std::size_t onset = testsupport::firstAbove(cut.master.left, 0.0f);
  EXPECT_GE(onset, 30000u);  // beat 1.25
  EXPECT_LE(onset, 30002u);
  // Released at beat 1.5 (frame 36000) with a 1 ms release: silent well before beat 1.6.
  EXPECT_GT(testsupport::peak(std::span(cut.master.left).subspan(34000, 2000)), 0.01);
  EXPECT_LT(testsupport::peak(std::span(cut.master.left).subspan(36000 + 2400, 4000)), 1e-6);
}

TEST(Midi, LoopWrapReleasesSoundingNotesAndReplaysTheLoopExactly) {
  Rig rig(128);
  // Loop [1, 2) beats = frames [24000, 48000); a note from 1.1 that outlasts the loop end.
  auto s = synthSession({note(1.1, 3.0)});
  s.loop.start = 1.0;
  s.loop.end = 2.0;
  s.loop.enabled = true;
  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(s));
  player.seek(24000);
  player.play();
  const auto out = playBlocks(player, 400, 128);  // 51200 frames: one wrap at output 24000
  // Released at the wrap: silence from 1 ms after it until the note starts again at 1.1.
  EXPECT_LT(testsupport::peak(std::span(out.left).subspan(24000 + 100, 2200)), 1e-6);
  // The second pass repeats the first exactly once the released voice is gone.
  for (std::size_t i = 2400; i < 20000; ++i) {
    ASSERT_NEAR(out.left[24000 + i], out.left[i], 1e-5) << "frame " << i << " into the loop";
  }
}

TEST(Midi, AfterASeekOnlyNotesStartingLaterSoundAndOnTheirFrame) {
  Rig rig(128);
  // A long note from beat 0 and a short one at beat 1.5 (frame 36000).
  const auto s = synthSession({note(0, 4.0, 48), note(1.5, 0.25, 72)});
  Player player(PlayerOptions{rig.format(), 0.0});
  player.setGraph(rig.build(s));
  player.play();
  playBlocks(player, 50, 128);  // the long note is sounding
  player.seek(30000);           // into the middle of it: reset, nothing sounds
  const auto out = playBlocks(player, 100, 128);  // timeline 30000..42800
  EXPECT_EQ(testsupport::peak(std::span(out.left).subspan(0, 6000)), 0.0);
  const std::size_t onset = testsupport::firstAbove(out.left, 0.0f);
  EXPECT_GE(onset, 6000u);
  EXPECT_LE(onset, 6002u);
}

TEST(Midi, GraphSwapReleasesNotesTheNewGraphNoLongerHas) {
  Rig rig(128);
  const auto s = synthSession({note(0, 4.0)});
  Player player(PlayerOptions{rig.format(), 0.0});
  const RenderGraph* published = player.setGraph(rig.build(s));
  player.play();
  const auto before = playBlocks(player, 50, 128);
  EXPECT_GT(testsupport::peak(before.left), 0.05);
  auto edited = s;
  edited.tracks[0].midiClips[0].notes.clear();  // the sounding note is deleted
  player.setGraph(rig.build(edited, published));
  const auto after = playBlocks(player, 100, 128);
  // Released at the swap with the 1 ms release: silent soon after, not at the note's old end.
  EXPECT_LT(testsupport::peak(std::span(after.left).subspan(2400)), 1e-6);
  // A note still in the new graph keeps sounding through a swap.
  Player keep(PlayerOptions{rig.format(), 0.0});
  published = keep.setGraph(rig.build(s));
  keep.play();
  playBlocks(keep, 50, 128);
  auto unrelated = s;
  unrelated.tracks[0].volumeDb = -1;
  keep.setGraph(rig.build(unrelated, published));
  const auto kept = playBlocks(keep, 100, 128);
  EXPECT_GT(testsupport::peak(std::span(kept.left).subspan(2400)), 0.05);
}

}  // namespace
}  // namespace wstudio::engine::testing

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_support.hpp"
#include "wstudio/session/edit.hpp"
#include "wstudio/session/ids.hpp"
#include "wstudio/session/lookup.hpp"

namespace wstudio::session {
namespace {

// sampleSession(): tracks "drums" (audio, clip "drum-clip", insert "comp", output "bus"),
// "synth" (instrument, clip "riff", insert "delay"), "bus"; master insert "limiter"; lanes
// "pan-lane" (synth pan) and "delay-mix" (synth/delay/3); marker "m1".
class Edit : public ::testing::Test {
 protected:
  Session session = test::sampleSession();

  // A refused edit must leave the session exactly as it was.
  void expectRefused(const Issues& issues, const std::vector<std::string>& expected) {
    EXPECT_EQ(test::toStrings(issues), expected);
    EXPECT_EQ(session, test::sampleSession());
  }
};

Track busTrack(std::string id) {
  Track t;
  t.id = std::move(id);
  t.kind = TrackKind::bus;
  return t;
}

TEST_F(Edit, AddTrackAtTheEndOrAtAnIndex) {
  EXPECT_TRUE(addTrack(session, busTrack("fx")).empty());
  EXPECT_EQ(session.tracks.back().id, "fx");
  EXPECT_TRUE(addTrack(session, busTrack("first"), 0).empty());
  EXPECT_EQ(session.tracks.front().id, "first");
  EXPECT_EQ(session.tracks.size(), 5u);
}

TEST_F(Edit, AddTrackWithANewIdFromTheGenerator) {
  Track t = busTrack("");
  t.id = newId(session, "track");
  EXPECT_EQ(t.id, "track-100");
  EXPECT_TRUE(addTrack(session, t).empty());
}

TEST_F(Edit, AddTrackIsRefusedForADuplicateIdOrABadIndex) {
  expectRefused(addTrack(session, busTrack("drums")),
                {"tracks[3].id: duplicate id \"drums\" (first used at tracks[0].id)"});
  expectRefused(addTrack(session, busTrack("fx"), 4),
                {"tracks: index 4 is past the end (3 items)"});
}

TEST_F(Edit, RemoveTrackReroutesItsSendersAndDropsItsLanes) {
  EXPECT_TRUE(removeTrack(session, "bus").empty());
  EXPECT_EQ(findTrack(session, "drums")->output, "master");
  EXPECT_TRUE(removeTrack(session, "synth").empty());
  EXPECT_TRUE(session.automation.empty());
}

TEST_F(Edit, RemoveUnknownTrackIsRefused) {
  expectRefused(removeTrack(session, "nope"), {"tracks: no track \"nope\""});
}

TEST_F(Edit, MoveTrack) {
  EXPECT_TRUE(moveTrack(session, "bus", 0).empty());
  EXPECT_EQ(session.tracks[0].id, "bus");
  EXPECT_EQ(session.tracks[1].id, "drums");
  EXPECT_TRUE(moveTrack(session, "bus", 2).empty());
  EXPECT_EQ(session.tracks[2].id, "bus");
  EXPECT_EQ(session.tracks[0].id, "drums");
}

TEST_F(Edit, UpdateTrackValidatesTheResult) {
  EXPECT_TRUE(updateTrack(session, "synth", [](Track& t) { t.volumeDb = -6; }).empty());
  EXPECT_EQ(findTrack(session, "synth")->volumeDb, -6.0);
  session = test::sampleSession();
  expectRefused(updateTrack(session, "synth", [](Track& t) { t.pan = 3; }),
                {"tracks[1].pan: must be between -1 and 1"});
  expectRefused(updateTrack(session, "bus", [](Track& t) { t.output = "bus"; }),
                {"tracks[2].output: a track cannot output to itself"});
}

TEST_F(Edit, RoutingCyclesAreRefused) {
  ASSERT_TRUE(addTrack(session, busTrack("bus2")).empty());
  ASSERT_TRUE(updateTrack(session, "bus", [](Track& t) { t.output = "bus2"; }).empty());
  const Session before = session;
  EXPECT_EQ(test::toStrings(updateTrack(session, "bus2", [](Track& t) { t.output = "bus"; })),
            std::vector<std::string>{"tracks[2].output: routing cycle: bus -> bus2 -> bus"});
  EXPECT_EQ(session, before);
}

TEST_F(Edit, ClipsGoOnTracksOfTheirKind) {
  AudioClip clip = test::sampleSession().tracks[0].audioClips[0];
  clip.id = "take-2";
  expectRefused(addAudioClip(session, "synth", clip),
                {"tracks[1].clips: audio clips go on audio tracks, and \"synth\" is an "
                 "instrument track"});
  EXPECT_TRUE(addAudioClip(session, "drums", clip).empty());
  EXPECT_EQ(session.tracks[0].audioClips.size(), 2u);

  MidiClip midi;
  midi.id = "riff-2";
  EXPECT_TRUE(addMidiClip(session, "synth", midi).empty());
  EXPECT_EQ(session.tracks[1].midiClips.size(), 2u);
}

TEST_F(Edit, RemoveClip) {
  EXPECT_TRUE(removeClip(session, "riff").empty());
  EXPECT_TRUE(session.tracks[1].midiClips.empty());
  session = test::sampleSession();
  expectRefused(removeClip(session, "nope"), {"no clip \"nope\""});
}

TEST_F(Edit, MoveClipInTimeAndAcrossTracks) {
  EXPECT_TRUE(moveClip(session, "drum-clip", 16).empty());
  EXPECT_EQ(session.tracks[0].audioClips[0].start, 16.0);

  Track second;
  second.id = "drums-2";
  ASSERT_TRUE(addTrack(session, second).empty());
  EXPECT_TRUE(moveClip(session, "drum-clip", 8, "drums-2").empty());
  EXPECT_TRUE(session.tracks[0].audioClips.empty());
  ASSERT_EQ(session.tracks[3].audioClips.size(), 1u);
  EXPECT_EQ(session.tracks[3].audioClips[0].start, 8.0);
}

TEST_F(Edit, MoveClipIsRefusedToANegativeStartOrAnotherKind) {
  expectRefused(moveClip(session, "riff", -1),
                {"tracks[1].clips[0].start: must be between 0 and 1000000"});
  expectRefused(moveClip(session, "riff", 0, "drums"),
                {"tracks[0].clips: MIDI clips go on instrument tracks, and \"drums\" is an "
                 "audio track"});
}

TEST_F(Edit, UpdateClips) {
  EXPECT_TRUE(updateAudioClip(session, "drum-clip", [](AudioClip& c) { c.gainDb = -3; }).empty());
  EXPECT_EQ(session.tracks[0].audioClips[0].gainDb, -3.0);
  session = test::sampleSession();
  expectRefused(updateAudioClip(session, "drum-clip", [](AudioClip& c) { c.fadeIn = 9; }),
                {"tracks[0].clips[0].fadeIn: must be <= length"});
  expectRefused(updateMidiClip(session, "riff", [](MidiClip& c) { c.notes[0].pitch = 200; }),
                {"tracks[1].clips[0].notes[0].pitch: must be between 0 and 127"});
  expectRefused(updateMidiClip(session, "drum-clip", [](MidiClip&) {}),
                {"no MIDI clip \"drum-clip\""});
}

TEST_F(Edit, InsertsAreAddedMovedAndRemoved) {
  Insert eq;
  eq.id = "eq";
  eq.plugin.id = "studio.wasm.eq";
  EXPECT_TRUE(addInsert(session, "drums", eq, 0).empty());
  EXPECT_EQ(session.tracks[0].inserts[0].id, "eq");
  EXPECT_TRUE(moveInsert(session, "eq", 1).empty());
  EXPECT_EQ(session.tracks[0].inserts[1].id, "eq");
  EXPECT_EQ(session.tracks[0].inserts[0].id, "comp");

  Insert meter = eq;
  meter.id = "meter";
  EXPECT_TRUE(addInsert(session, "master", meter).empty());
  EXPECT_EQ(session.master.inserts.back().id, "meter");

  EXPECT_TRUE(removeInsert(session, "eq").empty());
  EXPECT_EQ(session.tracks[0].inserts.size(), 1u);
}

TEST_F(Edit, RemovingAnInsertDropsTheLanesAutomatingIt) {
  EXPECT_TRUE(removeInsert(session, "delay").empty());
  ASSERT_EQ(session.automation.size(), 1u);
  EXPECT_EQ(session.automation[0].id, "pan-lane");
}

TEST_F(Edit, InsertEditsAreRefusedWhenInvalid) {
  Insert bad;
  bad.id = "bad";
  bad.plugin.id = "Not A Plugin";
  expectRefused(addInsert(session, "synth", bad),
                {"tracks[1].inserts[1].plugin.id: must be 1 to 128 characters of [a-z0-9._-]"});
  expectRefused(addInsert(session, "nope", bad), {"tracks: no track \"nope\""});
  expectRefused(moveInsert(session, "comp", 1), {"tracks[0].inserts: index 1 is past the end (1 items)"});
}

TEST_F(Edit, SetParameterBypassAndState) {
  EXPECT_TRUE(setParameter(session, "comp", 3, 0.5).empty());
  EXPECT_EQ(findInsert(session, "comp")->params.at(3), 0.5);
  EXPECT_TRUE(setBypass(session, "limiter", true).empty());
  EXPECT_TRUE(session.master.inserts[0].bypass);
  EXPECT_TRUE(setPluginState(session, "delay", {1, 2, 3}).empty());
  EXPECT_EQ(findInsert(session, "delay")->state, (std::vector<std::uint8_t>{1, 2, 3}));
}

TEST_F(Edit, SetParameterRefusesNonFiniteValuesAndUnknownInserts) {
  expectRefused(setParameter(session, "comp", 3, std::nan("")),
                {"tracks[0].inserts[0].params[\"3\"]: must be a finite number"});
  expectRefused(setParameter(session, "nope", 3, 1), {"no insert \"nope\""});
}

TEST_F(Edit, AutomationLanes) {
  AutomationLane volume;
  volume.id = "vol";
  volume.target = {"drums", AutomatedControl::volume, "", 0, {}};
  volume.points = {{0, -6, SegmentShape::linear, 0, {}}};
  EXPECT_TRUE(addAutomationLane(session, volume).empty());
  EXPECT_TRUE(setAutomationPoints(session, "vol", {{0, 0, SegmentShape::linear, 0, {}},
                                                   {4, -3, SegmentShape::linear, 0, {}}})
                  .empty());
  EXPECT_EQ(findLane(session, "vol")->points.size(), 2u);
  EXPECT_TRUE(removeAutomationLane(session, "vol").empty());
  EXPECT_EQ(session, test::sampleSession());

  AutomationLane dangling = volume;
  dangling.target.track = "ghost";
  expectRefused(addAutomationLane(session, dangling),
                {"automation[2].target.track: unknown track \"ghost\""});
  expectRefused(setAutomationPoints(session, "pan-lane", {{2, 0, SegmentShape::linear, 0, {}},
                                                          {1, 0, SegmentShape::linear, 0, {}}}),
                {"automation[0].points[1].time: must be greater than the previous point's time"});
}

TEST_F(Edit, MarkersLoopTempoAndTimeSignature) {
  EXPECT_TRUE(addMarker(session, {"m2", 8, "Bridge", {}}).empty());
  EXPECT_TRUE(removeMarker(session, "m1").empty());
  ASSERT_EQ(session.markers.size(), 1u);
  EXPECT_EQ(session.markers[0].id, "m2");
  EXPECT_TRUE(setLoop(session, {4, 8, true, {}}).empty());
  EXPECT_TRUE(setTempo(session, 90).empty());
  EXPECT_TRUE(setTimeSignature(session, {3, 4, {}}).empty());
  EXPECT_EQ(session.tempoBpm, 90.0);

  session = test::sampleSession();
  expectRefused(setLoop(session, {8, 4, true, {}}), {"loop.end: must be greater than start"});
  expectRefused(setTempo(session, 0), {"tempo: must be between 20 and 999"});
  expectRefused(setTimeSignature(session, {4, 5, {}}),
                {"timeSignature.denominator: must be 1, 2, 4, 8, 16 or 32"});
  expectRefused(removeMarker(session, "nope"), {"markers: no marker \"nope\""});
}

}  // namespace
}  // namespace wstudio::session

// OPS-4 and OPS-8: an operation the session's rules refuse changes nothing, and says why with the
// session model's own reasons and paths; in a batch, one refused operation refuses them all.
#include <gtest/gtest.h>

#include "ops_test_support.hpp"
#include "wstudio/session/apply_ops.hpp"

namespace wstudio::session {
namespace {

using test::toStrings;
using Strings = std::vector<std::string>;

// Applies one operation that must be refused; returns the reasons and checks nothing changed.
Strings refusal(const Op& op) {
  Session session = test::sampleSession();
  const std::string before = save(session);
  const Applied applied = applyOps(session, {op});
  EXPECT_FALSE(applied.ok()) << writeOp(op);
  EXPECT_EQ(applied.failedOp, 0u);
  EXPECT_TRUE(applied.inverse.empty());
  EXPECT_EQ(save(session), before) << writeOp(op);
  return toStrings(applied.errors);
}

TEST(OpsRefusal, UnknownIdsAndIndicesPastTheEnd) {
  EXPECT_EQ(refusal(op::TrackRemove{"ghost"}), Strings{"tracks: no track \"ghost\""});
  EXPECT_EQ(refusal(op::TrackMove{"drums", 3}),
            Strings{"tracks: index 3 is past the end (3 items)"});
  EXPECT_EQ(refusal(op::ClipRemove{"ghost"}), Strings{"no clip \"ghost\""});
  op::ClipChanges mute;
  mute.mute = true;
  EXPECT_EQ(refusal(op::ClipUpdate{"ghost", mute}), Strings{"no clip \"ghost\""});
  EXPECT_EQ(refusal(op::InsertMove{"comp", 1}),
            Strings{"tracks[0].inserts: index 1 is past the end (1 items)"});
  EXPECT_EQ(refusal(op::LaneRemove{"ghost"}), Strings{"automation: no lane \"ghost\""});
  EXPECT_EQ(refusal(op::MarkerUpdate{"ghost", {1, std::nullopt}}),
            Strings{"markers: no marker \"ghost\""});
  EXPECT_EQ(refusal(op::MarkerAdd{{"m2", 1, "", {}}, 5}),
            Strings{"markers: index 5 is past the end (1 items)"});
  EXPECT_EQ(refusal(op::ParamClear{"comp", 12}),
            Strings{"insert \"comp\" stores no value for parameter 12"});
}

TEST(OpsRefusal, TheSessionRulesGiveTheReason) {
  op::TrackChanges loud;
  loud.volumeDb = 20;
  EXPECT_EQ(refusal(op::TrackUpdate{"drums", loud}), Strings{"tracks[0].volumeDb: must be between -96 and 12"});
  op::TrackChanges cycle;
  cycle.output = "drums";
  EXPECT_EQ(refusal(op::TrackUpdate{"bus", cycle}),
            Strings{"tracks[2].output: track \"drums\" is not a bus"});
  EXPECT_EQ(refusal(op::TempoSet{5}), Strings{"tempo: must be between 20 and 999"});
  EXPECT_EQ(refusal(op::TrackAdd{test::audioTrack("drums"), std::nullopt}).size(), 1u);
  EXPECT_EQ(refusal(op::ClipAdd{"bus", test::audioClip("c", 0), std::nullopt}),
            Strings{"tracks[2].clips: audio clips go on audio tracks, and \"bus\" is a bus track"});
  op::ClipChanges notes;
  notes.notes = std::vector<Note>{};
  EXPECT_EQ(refusal(op::ClipUpdate{"drum-clip", notes}),
            Strings{"tracks[0].clips[0]: an audio clip has no notes"});
  op::ClipChanges gain;
  gain.gainDb = 1;
  EXPECT_EQ(refusal(op::ClipUpdate{"riff", gain}),
            Strings{"tracks[1].clips[0]: a MIDI clip has no gainDb"});
}

TEST(OpsRefusal, OneRefusedOperationRefusesTheWholeBatch) {
  Session session = test::sampleSession();
  const std::string before = save(session);
  const Applied applied = applyOps(session, {op::TempoSet{100}, op::TrackRemove{"synth"},
                                             op::LaneRemove{"pan-lane"}, op::TempoSet{101}});
  // pan-lane went with the synth track, so the third operation names a lane that is gone.
  EXPECT_FALSE(applied.ok());
  EXPECT_EQ(applied.failedOp, 2u);
  EXPECT_EQ(toStrings(applied.errors), Strings{"automation: no lane \"pan-lane\""});
  EXPECT_EQ(save(session), before);
}

TEST(OpsRefusal, TheResultHasAJsonForm) {
  Session session = test::sampleSession();
  EXPECT_EQ(writeApplied(applyOps(session, {op::TempoSet{100}, op::TempoSet{1}}), std::nullopt),
            R"({"ok":false,"op":1,"errors":[{"path":"tempo","message":"must be between 20 and 999"}]})");
  EXPECT_EQ(writeApplied(applyOps(session, {op::TempoSet{100}}), 8),
            R"({"ok":true,"revision":8,"inverse":[{"op":"tempo.set","bpm":123.456}]})");
  EXPECT_EQ(writeRefused(parseOp(R"({"op":"tempo.set"})").errors),
            R"({"ok":false,"errors":[{"path":"bpm","message":"missing"}]})");
}

}  // namespace
}  // namespace wstudio::session

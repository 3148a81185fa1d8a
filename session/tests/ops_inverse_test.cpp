// OPS-6: every operation's inverse, captured when it is applied, gives back the session byte for
// byte (compared as save() text, which spells out every field and unknown member).
#include <gtest/gtest.h>

#include <set>

#include "ops_test_support.hpp"
#include "wstudio/session/apply_ops.hpp"

namespace wstudio::session {
namespace {

TEST(OpsInverse, TheExamplesCoverEveryOperation) {
  std::set<std::size_t> kinds;
  for (const auto& example : test::opExamples()) {
    for (const Op& op : example.ops) kinds.insert(op.index());
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<Op>);
}

TEST(OpsInverse, EveryOperationIsUndoneByteForByte) {
  for (const auto& example : test::opExamples()) {
    SCOPED_TRACE(example.name);
    Session session = test::sampleSession();
    const std::string before = save(session);
    const Applied applied = applyOps(session, example.ops);
    ASSERT_TRUE(applied.ok()) << test::toStrings(applied.errors)[0];
    EXPECT_NE(save(session), before) << "the example changes nothing";
    const Applied undone = applyOps(session, applied.inverse);
    ASSERT_TRUE(undone.ok()) << test::toStrings(undone.errors)[0];
    EXPECT_EQ(save(session), before);
    // The inverse of the inverse redoes the edit.
    Session redone = test::sampleSession();
    ASSERT_TRUE(applyOps(redone, example.ops).ok());
    const std::string after = save(redone);
    ASSERT_TRUE(applyOps(session, undone.inverse).ok());
    EXPECT_EQ(save(session), after);
  }
}

TEST(OpsInverse, RemovingATrackRestoresItsLanesAndTheTracksRoutedToIt) {
  Session session = test::sampleSession();
  const std::string before = save(session);
  const Applied applied =
      applyOps(session, {op::TrackRemove{"synth"}, op::TrackRemove{"bus"}});
  ASSERT_TRUE(applied.ok());
  EXPECT_TRUE(session.automation.empty());
  EXPECT_EQ(session.tracks[0].output, kMasterId);
  // The last removal is undone first: the bus, then the drums' routing to it, then the synth
  // and its two lanes at their old positions.
  ASSERT_EQ(applied.inverse.size(), 5u);
  EXPECT_EQ(opName(applied.inverse[0]), "track.add");
  EXPECT_EQ(opName(applied.inverse[1]), "track.update");
  EXPECT_EQ(opName(applied.inverse[2]), "track.add");
  EXPECT_EQ(std::get<op::LaneAdd>(applied.inverse[3]).index, 0u);
  EXPECT_EQ(std::get<op::LaneAdd>(applied.inverse[4]).index, 1u);
  ASSERT_TRUE(applyOps(session, applied.inverse).ok());
  EXPECT_EQ(save(session), before);
}

TEST(OpsInverse, ABatchIsUndoneInReverseOrder) {
  Session session = test::demoSession();
  const std::string before = save(session);
  // Operations on the demo session's own objects, several touching the same ones.
  std::vector<Op> ops;
  ops.push_back(op::TempoSet{100});
  ops.push_back(op::TempoSet{140});
  ops.push_back(op::InsertRemove{"insert-8"});  // takes lane-21 along
  ops.push_back(op::TrackRemove{"track-4"});    // track-3 outputs to it
  ops.push_back(op::ClipMove{"clip-13", 2, "track-1", 0});
  ops.push_back(op::TrackMove{"track-1", 2});
  const Applied applied = applyOps(session, ops);
  ASSERT_TRUE(applied.ok()) << test::toStrings(applied.errors)[0];
  ASSERT_TRUE(applyOps(session, applied.inverse).ok());
  EXPECT_EQ(save(session), before);
}

}  // namespace
}  // namespace wstudio::session

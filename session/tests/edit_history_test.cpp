// OPS-5 and OPS-7: revisions and undo/redo over many random operations on demo-like sessions.
#include <gtest/gtest.h>

#include <set>

#include "ops_test_support.hpp"
#include "wstudio/session/edit_history.hpp"

namespace wstudio::session {
namespace {

using test::toStrings;

// Random batches, undos and redos; after each step the session must be exactly the one the
// step promises: a refused batch changes nothing, an undo gives back the text before the step
// it undoes, a redo the text after it. Finally everything is undone.
// kindsApplied collects the operations that were part of an applied batch.
void randomWalk(Session start, std::uint32_t seed, int steps, std::set<std::size_t>& kindsApplied) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  test::RandomOps random(seed);
  EditHistory history(start);
  const std::string original = save(start);
  std::vector<std::string> past;    // the text before each undoable step
  std::vector<std::string> future;  // the text after each redoable step
  int applied = 0;
  int refused = 0;
  for (int step = 0; step < steps; ++step) {
    const std::string before = save(history.session());
    const int choice = random.integer(0, 9);
    if (choice < 6) {
      Batch batch;
      for (int n = random.integer(1, 3); n > 0; --n) batch.ops.push_back(random.next(history.session()));
      const Applied result = history.apply(batch);
      if (result.ok()) {
        ++applied;
        for (const Op& op : batch.ops) kindsApplied.insert(op.index());
        past.push_back(before);
        future.clear();
      } else {
        ++refused;
        ASSERT_EQ(save(history.session()), before) << writeBatch(batch);
      }
    } else if (choice < 9) {
      const Applied result = history.undo();
      ASSERT_EQ(result.ok(), !past.empty());
      if (result.ok()) {
        ASSERT_EQ(save(history.session()), past.back());
        past.pop_back();
        future.push_back(before);
      }
    } else {
      const Applied result = history.redo();
      ASSERT_EQ(result.ok(), !future.empty());
      if (result.ok()) {
        ASSERT_EQ(save(history.session()), future.back());
        future.pop_back();
        past.push_back(before);
      }
    }
  }
  while (history.canUndo()) ASSERT_TRUE(history.undo().ok());
  EXPECT_EQ(save(history.session()), original);
  // Both kinds of outcome were exercised.
  EXPECT_GT(applied, steps / 5);
  EXPECT_GT(refused, steps / 20);
}

TEST(EditHistory, RandomOperationsUndoAndRedoExactly) {
  std::set<std::size_t> kindsApplied;
  for (std::uint32_t seed : {1u, 2u, 3u}) randomWalk(test::demoSession(), seed, 300, kindsApplied);
  for (std::uint32_t seed : {4u, 5u, 6u}) randomWalk(test::sampleSession(), seed, 300, kindsApplied);
  randomWalk(Session{}, 7, 300, kindsApplied);
  // Every kind of operation was applied (and so undone and redone) somewhere.
  EXPECT_EQ(kindsApplied.size(), std::variant_size_v<Op>);
}

TEST(EditHistory, EachChangeIsARevisionAndAStaleBatchIsRefused) {
  EditHistory history(test::sampleSession());
  EXPECT_EQ(history.revision(), 0u);
  ASSERT_TRUE(history.apply({0, {op::TempoSet{100}}}).ok());
  EXPECT_EQ(history.revision(), 1u);
  const Applied stale = history.apply({0, {op::TempoSet{90}}});
  EXPECT_EQ(toStrings(stale.errors),
            std::vector<std::string>{
                "baseRevision: the session has moved on to revision 1 (batch made at 0)"});
  EXPECT_EQ(history.session().tempoBpm, 100);
  ASSERT_TRUE(history.apply({std::nullopt, {op::TempoSet{90}}}).ok());  // no base: any revision
  ASSERT_TRUE(history.undo().ok());
  EXPECT_EQ(history.revision(), 3u);
  EXPECT_EQ(history.session().tempoBpm, 100);
  ASSERT_TRUE(history.redo().ok());
  EXPECT_EQ(history.session().tempoBpm, 90);
  EXPECT_EQ(history.revision(), 4u);
}

TEST(EditHistory, ARefusedOrEmptyBatchIsNotAStepAndANewBatchClearsRedo) {
  EditHistory history(test::sampleSession());
  EXPECT_FALSE(history.undo().ok());
  EXPECT_TRUE(history.apply({0, {}}).ok());
  EXPECT_EQ(history.revision(), 0u);
  EXPECT_FALSE(history.apply({std::nullopt, {op::TempoSet{1}}}).ok());
  EXPECT_FALSE(history.canUndo());
  EXPECT_EQ(history.revision(), 0u);
  ASSERT_TRUE(history.apply({std::nullopt, {op::TempoSet{100}}}).ok());
  ASSERT_TRUE(history.undo().ok());
  EXPECT_TRUE(history.canRedo());
  ASSERT_TRUE(history.apply({std::nullopt, {op::TempoSet{110}}}).ok());
  EXPECT_FALSE(history.canRedo());
}

TEST(EditHistory, TheOldestStepsAreForgottenBeyondTheLimit) {
  EditHistory history(test::sampleSession(), 2);
  for (double bpm : {100.0, 101.0, 102.0}) {
    ASSERT_TRUE(history.apply({std::nullopt, {op::TempoSet{bpm}}}).ok());
  }
  ASSERT_TRUE(history.undo().ok());
  ASSERT_TRUE(history.undo().ok());
  EXPECT_FALSE(history.canUndo());
  EXPECT_EQ(history.session().tempoBpm, 100);
}

}  // namespace
}  // namespace wstudio::session

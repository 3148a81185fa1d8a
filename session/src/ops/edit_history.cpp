#include "wstudio/session/edit_history.hpp"

#include <string>

namespace wstudio::session {

EditHistory::EditHistory(Session session, std::size_t maxUndo)
    : session_(std::move(session)), maxUndo_(maxUndo) {}

Applied EditHistory::apply(const Batch& batch) {
  if (batch.baseRevision && *batch.baseRevision != revision_) {
    Applied stale;
    stale.errors.push_back(
        Issue{"baseRevision", "the session has moved on to revision " + std::to_string(revision_) +
                                  " (batch made at " + std::to_string(*batch.baseRevision) + ")"});
    return stale;
  }
  // An empty batch changes nothing: no revision, no undo step.
  if (batch.ops.empty()) return Applied{};
  Applied applied = applyOps(session_, batch.ops);
  if (!applied.ok()) return applied;
  ++revision_;
  undo_.push_back(applied.inverse);
  if (undo_.size() > maxUndo_) undo_.pop_front();
  redo_.clear();
  return applied;
}

Applied EditHistory::undo() {
  if (undo_.empty()) return Applied{{Issue{"", "nothing to undo"}}, std::nullopt, {}};
  Applied applied = applyOps(session_, undo_.back());
  if (!applied.ok()) return applied;
  ++revision_;
  undo_.pop_back();
  redo_.push_back(applied.inverse);
  return applied;
}

Applied EditHistory::redo() {
  if (redo_.empty()) return Applied{{Issue{"", "nothing to redo"}}, std::nullopt, {}};
  Applied applied = applyOps(session_, redo_.back());
  if (!applied.ok()) return applied;
  ++revision_;
  redo_.pop_back();
  undo_.push_back(applied.inverse);
  if (undo_.size() > maxUndo_) undo_.pop_front();
  return applied;
}

}  // namespace wstudio::session

// A session with a revision number and undo/redo (docs/session-ops.md, OPS-5 and OPS-7). Undo
// is a property of the operation layer: every applied batch records its inverse, and undoing
// applies that inverse as an ordinary batch (which records its own inverse for redo).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "wstudio/session/apply_ops.hpp"
#include "wstudio/session/model.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session {

class EditHistory {
 public:
  // maxUndo bounds the memory the history holds: the oldest steps are forgotten beyond it.
  explicit EditHistory(Session session, std::size_t maxUndo = 1000);

  const Session& session() const { return session_; }
  // Counts every change (applied batch, undo, redo); starts at 0.
  std::uint64_t revision() const { return revision_; }

  // Refused, changing nothing, when batch.baseRevision is present and not revision() (OPS-5).
  // A successful batch becomes one undo step and clears the redo steps; an empty one changes
  // nothing (no revision, no step).
  [[nodiscard]] Applied apply(const Batch& batch);
  [[nodiscard]] Applied undo();
  [[nodiscard]] Applied redo();
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }

 private:
  Session session_;
  std::uint64_t revision_ = 0;
  std::size_t maxUndo_;
  std::deque<std::vector<Op>> undo_;  // back: the most recent step
  std::vector<std::vector<Op>> redo_;
};

}  // namespace wstudio::session

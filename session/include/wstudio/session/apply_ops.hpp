// Applying operations (docs/session-ops.md) through the edit functions (edit.hpp), all or
// nothing, and recording what undoes them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "wstudio/session/issue.hpp"
#include "wstudio/session/model.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::session {

struct Applied {
  Issues errors;  // empty on success; otherwise the session's rules, with their session paths
  std::optional<std::size_t> failedOp;  // the index of the operation that was refused
  // On success: the operations that, applied next, give back the session as it was (OPS-6).
  std::vector<Op> inverse;
  bool ok() const { return errors.empty(); }
};

// Applies the operations in order to a copy and keeps it only if every one succeeded (OPS-4).
[[nodiscard]] Applied applyOps(Session& session, const std::vector<Op>& ops);

// The result's JSON form (OPS-8): {"ok":true,"revision":n,"inverse":[...]} or
// {"ok":false,"op":i,"errors":[{"path":...,"message":...}]}; revision is written when given.
std::string writeApplied(const Applied& applied, std::optional<std::uint64_t> revision);
// An error result for operations that could not even be read (errors with op-JSON paths).
std::string writeRefused(const Issues& errors);

}  // namespace wstudio::session

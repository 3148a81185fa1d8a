// The JSON form of an application's result (docs/session-ops.md, OPS-8).
#include "op_json.hpp"
#include "wstudio/session/apply_ops.hpp"

namespace wstudio::session {

namespace {

detail::Out writeErrors(const Issues& errors) {
  detail::Out out = detail::Out::array();
  for (const Issue& issue : errors) {
    detail::Out entry = detail::Out::object();
    entry["path"] = issue.path;
    entry["message"] = issue.message;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::string writeApplied(const Applied& applied, std::optional<std::uint64_t> revision) {
  detail::Out out = detail::Out::object();
  out["ok"] = applied.ok();
  if (applied.ok()) {
    if (revision) out["revision"] = *revision;
    out["inverse"] = detail::writeOpsJson(applied.inverse);
  } else {
    if (applied.failedOp) out["op"] = *applied.failedOp;
    out["errors"] = writeErrors(applied.errors);
  }
  return detail::dumpCompact(out);
}

std::string writeRefused(const Issues& errors) {
  detail::Out out = detail::Out::object();
  out["ok"] = false;
  out["errors"] = writeErrors(errors);
  return detail::dumpCompact(out);
}

}  // namespace wstudio::session

// The session's JSON form (docs/session-format.md). Text in, text out: reading and writing
// files is the caller's business.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wstudio/session/issue.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session {

inline constexpr std::string_view kFormatName = "wasm-studio-session";
// The major version this build reads and writes. Additions within a major version are new
// optional fields, which older builds keep verbatim (UnknownFields), so no minor number exists.
inline constexpr int kFormatVersion = 1;

struct LoadResult {
  std::optional<Session> session;  // present exactly when errors is empty
  Issues errors;
  bool ok() const { return session.has_value(); }
};

// Parses and validates. Never throws on bad input: every problem is in errors, each with its
// JSON path (up to limits::kMaxIssues).
LoadResult load(std::string_view jsonText);

// Deterministic, pretty (2-space indented) JSON ending in a newline; load(save(s)) == s for any
// valid s. Known fields come first in the documented order, then unknown ones sorted by name.
std::string save(const Session& session);

// What changed from `before` to `after`, as compact JSON that turns JSON.parse(save(before)) into
// a document equal to JSON.parse(save(after)) without writing or reading the whole session
// (docs/session-format.md, "Changes"): {"tracks": [every track id, in order], "changed": {id:
// track, for tracks new or different}, "members": {name: value, for other top-level members
// that differ}, "removed": [top-level members gone]}. A page showing a big session patches its
// parsed copy after an edit with it and keeps every untouched track's object.
std::string writeChanges(const Session& before, const Session& after);

}  // namespace wstudio::session

// Checks a session against every rule of docs/session-format.md: ranges, finite numbers, id
// syntax and uniqueness, references (outputs, automation targets), routing cycles, limits.
#pragma once

#include "wstudio/session/issue.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::session {

// Every problem, each with the JSON path it would have in the saved file; empty when valid.
Issues validate(const Session& session);

}  // namespace wstudio::session

// Who may do what to a studio session, and announcing its new revisions: shared by the routes
// that read, save and edit sessions (routes_sessions.cpp, routes_session_ops.cpp).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/server_context.hpp"

namespace wstudio::server {

// The session and the caller's role; 404 when it does not exist or the caller may not see it
// (never 403: a private session's existence is not revealed).
std::pair<StudioSession, std::optional<Role>> visibleSession(ServerContext& context,
                                                             const std::optional<Principal>& who,
                                                             const std::string& id);

// 403 unless the role is at least `needed`; `action` completes "only ... may <action>".
void requireRole(const std::optional<Role>& role, Role needed, const std::string& action);

// Tells the session's live listeners that `userId` stored `revision`.
void publishRevision(ServerContext& context, const std::string& sessionId, int64_t revision,
                     const std::string& userId);

// The 409 of a write made against `base` while the session is at `current`; `field` names the
// request member that carried the base revision.
ApiError revisionConflict(int64_t base, int64_t current, std::string field);

}  // namespace wstudio::server

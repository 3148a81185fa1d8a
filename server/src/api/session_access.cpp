#include "api/session_access.hpp"

#include "api/api_error.hpp"
#include "api/json_body.hpp"

namespace wstudio::server {

std::pair<StudioSession, std::optional<Role>> visibleSession(ServerContext& context,
                                                             const std::optional<Principal>& who,
                                                             const std::string& id) {
  auto session = context.store.session(id);
  if (!session) throw notFound("session " + id);
  const auto role = who ? context.store.roleOf(id, who->userId) : std::nullopt;
  if (!role && !session->isPublic) throw notFound("session " + id);
  return {std::move(*session), role};
}

void requireRole(const std::optional<Role>& role, Role needed, const std::string& action) {
  if (!role || *role < needed) {
    throw forbidden("only a session's " + std::string(roleName(needed)) +
                    (needed == Role::Owner ? "" : "s and owners") + " may " + action);
  }
}

void publishRevision(ServerContext& context, const std::string& sessionId, int64_t revision,
                     const std::string& userId) {
  context.events.publish(sessionId, Json{{"type", "revision"},
                                         {"sessionId", sessionId},
                                         {"revision", revision},
                                         {"userId", userId}}
                                        .dump());
}

ApiError revisionConflict(int64_t base, int64_t current, std::string field) {
  return ApiError(409, "revision_conflict",
                  "the session changed since revision " + std::to_string(base) + " (now " +
                      std::to_string(current) + "); fetch it, merge your edits, and retry",
                  std::move(field), Json{{"currentRevision", current}});
}

}  // namespace wstudio::server

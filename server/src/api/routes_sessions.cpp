// /api/v1/sessions: studio sessions with revisions, visibility and sharing.
#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "api/session_document.hpp"
#include "auth/secrets.hpp"

namespace wstudio::server::routes {

namespace {

constexpr size_t kMaxNameBytes = 256;

Json sessionJson(const StudioSession& s, const std::optional<Role>& role) {
  return Json{{"id", s.id},
              {"ownerId", s.ownerId},
              {"name", s.name},
              {"public", s.isPublic},
              {"revision", s.revision},
              {"createdAt", s.createdAt},
              {"updatedAt", s.updatedAt},
              {"role", role ? Json(roleName(*role)) : Json(nullptr)},
              {"document", Json::parse(s.document, nullptr, false)}};
}

Response listBody(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

std::string renderList(const std::vector<SessionSummary>& sessions) {
  // The most requested listing: written directly rather than through a JSON tree.
  JsonWriter out;
  constexpr size_t kBytesPerSummary = 192;  // ids, a short name, numbers, punctuation
  out.reserve(32 + sessions.size() * kBytesPerSummary);
  out.beginObject().key("sessions").beginArray();
  for (const auto& s : sessions) writeSessionSummary(out, s);
  out.endArray().endObject();
  return out.take();
}

}  // namespace

void checkCanWatch(ServerContext& context, const Request& request, const std::string& sessionId) {
  visibleSession(context, authenticate(context, request), sessionId);
}

Response createSession(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  StudioSession s;
  s.name = requireString(body, "name", 1, kMaxNameBytes);
  s.isPublic = optionalBool(body, "public").value_or(false);
  const SessionDocument document = readSessionDocument(requireObject(body, "document"));
  s.id = newId();
  s.ownerId = who.userId;
  s.revision = 1;
  s.document = document.canonical;
  s.createdAt = s.updatedAt = context.nowMs();
  context.store.createSession(s, document.assetRefs);
  Response response = jsonResponse(201, sessionJson(s, Role::Owner));
  response.setHeader("Location", "/api/v1/sessions/" + s.id);
  return response;
}

Response listSessions(ServerContext& context, const Request& request, const PathParams&) {
  const std::string_view scope = request.queryParam("scope");
  if (scope == "public") return listBody(renderList(context.store.publicSessions(200)));
  if (!scope.empty() && scope != "mine") {
    throw badRequest("scope must be 'mine' (default) or 'public'", "scope");
  }
  const std::string userId = requireUser(context, request).userId;
  // The version is taken before the read: a list read while a write happened is remembered
  // under the older version and never served (see session_list_cache.hpp).
  const uint64_t version = context.store.sessionListsVersion();
  if (auto cached = context.sessionLists.find(userId, version)) return listBody(*cached);
  auto body = std::make_shared<const std::string>(renderList(context.store.sessionsFor(userId)));
  context.sessionLists.remember(userId, version, body);
  return listBody(*body);
}

Response getSession(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const auto [session, role] = visibleSession(context, who, params[0]);
  Response response = jsonResponse(200, sessionJson(session, role));
  response.setHeader("ETag", entityTag(std::to_string(session.revision)));
  return response;
}

Response updateSession(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto [current, role] = visibleSession(context, who, params[0]);
  requireRole(role, Role::Editor, "change it");
  const Json body = parseJsonObject(request);
  const int64_t base = requireInteger(body, "revision");
  SessionUpdate update;
  update.name = optionalString(body, "name", kMaxNameBytes).value_or(current.name);
  if (update.name.empty()) throw badRequest("name must not be empty", "name");
  update.isPublic = optionalBool(body, "public").value_or(current.isPublic);
  if (update.isPublic != current.isPublic) requireRole(role, Role::Owner, "change who can see it");
  const SessionDocument document = readSessionDocument(requireObject(body, "document"));
  update.document = document.canonical;
  update.assetRefs = document.assetRefs;
  update.now = context.nowMs();
  update.writerId = who.userId;
  const UpdateOutcome outcome = context.store.updateSession(current.id, base, update);
  switch (outcome.kind) {
    case UpdateOutcome::Kind::Missing:
      throw notFound("session " + current.id);
    case UpdateOutcome::Kind::Conflict:
      throw revisionConflict(base, outcome.revision, "revision");
    case UpdateOutcome::Kind::Updated:
      break;
  }
  // Made private: anonymous listeners lose access before the save is announced.
  if (update.isPublic != current.isPublic) context.events.accessChangedForSession(current.id);
  publishRevision(context, current.id, outcome.revision, who.userId);
  StudioSession updated = current;
  updated.name = update.name;
  updated.isPublic = update.isPublic;
  updated.document = update.document;
  updated.revision = outcome.revision;
  updated.updatedAt = update.now;
  return jsonResponse(200, sessionJson(updated, role));
}

Response deleteSession(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto [session, role] = visibleSession(context, who, params[0]);
  requireRole(role, Role::Owner, "delete it");
  if (!context.store.deleteSession(session.id)) throw notFound("session " + session.id);
  context.events.publish(session.id,
                         Json{{"type", "deleted"}, {"sessionId", session.id}}.dump());
  context.events.accessChangedForSession(session.id);  // closes its sockets after that event
  return noContent();
}

Response listShares(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto [session, role] = visibleSession(context, who, params[0]);
  requireRole(role, Role::Owner, "see whom it is shared with");
  Json list = Json::array();
  for (const Share& share : context.store.shares(session.id)) {
    list.push_back(Json{{"userId", share.userId}, {"role", roleName(share.role)}});
  }
  return jsonResponse(200, Json{{"shares", std::move(list)}});
}

Response putShare(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto [session, role] = visibleSession(context, who, params[0]);
  requireRole(role, Role::Owner, "share it");
  const Json body = parseJsonObject(request);
  const auto newRole = parseRole(requireString(body, "role", 1, 16));
  if (!newRole) throw badRequest("role must be 'owner', 'editor' or 'viewer'", "role");
  const std::string& userId = params[1];
  if (!context.store.user(userId)) throw notFound("user " + userId);
  if (userId == session.ownerId) throw badRequest("the session's owner needs no share", "userId");
  context.store.setShare(session.id, Share{userId, *newRole});
  context.events.accessChangedForSession(session.id);
  return jsonResponse(200, Json{{"userId", userId}, {"role", roleName(*newRole)}});
}

Response deleteShare(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto [session, role] = visibleSession(context, who, params[0]);
  // Anyone may leave a session shared with them; only owners remove others.
  if (params[1] != who.userId) requireRole(role, Role::Owner, "remove others from it");
  if (!context.store.removeShare(session.id, params[1])) throw notFound("share " + params[1]);
  context.events.accessChangedForSession(session.id);
  return noContent();
}

}  // namespace wstudio::server::routes

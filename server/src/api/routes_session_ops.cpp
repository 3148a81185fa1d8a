// POST /api/v1/sessions/{id}/ops: a batch of session operations (docs/session-ops.md) applied to
// the stored session by the session library (OPS-1), all or nothing, and stored as one new
// revision through the same store write as a save (PUT /sessions/{id}).
#include <algorithm>
#include <stdexcept>

#include "api/api_error.hpp"
#include "api/json_body.hpp"
#include "api/routes.hpp"
#include "api/session_access.hpp"
#include "api/session_document.hpp"
#include "wstudio/session/apply_ops.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/ops.hpp"

namespace wstudio::server::routes {

namespace {

// How often a batch without baseRevision is applied again when saves keep landing first.
constexpr int kAttempts = 3;
// How many refusals a 422 message spells out; the errors member carries them all.
constexpr size_t kErrorsInMessage = 5;

std::string describe(const session::Issues& errors) {
  std::string message;
  const size_t shown = std::min(errors.size(), kErrorsInMessage);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) message += "; ";
    message += errors[i].toString();
  }
  if (errors.size() > shown) message += "; and " + std::to_string(errors.size() - shown) + " more";
  return message;
}

// The 422 of a batch refused by the session library: the result JSON of OPS-8 ({"ok":false,
// "op"?, "errors":[{path, message}]}) joins the error object, so a client reads one shape from
// the server and from engine.wasm.
ApiError refusedBatch(const std::string& resultJson, const std::string& message,
                      std::string field) {
  Json result = Json::parse(resultJson);
  result.erase("ok");
  return ApiError(422, "invalid_ops", message, std::move(field), std::move(result));
}

session::Session storedSession(const StudioSession& stored) {
  auto loaded = session::load(stored.document);
  // Stored documents are the canonical save of a loaded session: failing to load one is a bug.
  if (!loaded.session) throw std::runtime_error("stored session " + stored.id + " does not load");
  return std::move(*loaded.session);
}

}  // namespace

Response applySessionOps(ServerContext& context, const Request& request,
                         const PathParams& params) {
  const Principal who = requireUser(context, request);
  {  // as for a save, who may change the session is answered before the body is read
    const auto [current, role] = visibleSession(context, who, params[0]);
    requireRole(role, Role::Editor, "change it");
  }
  checkJsonBody(request);  // the server's element and depth limits, before the batch is read
  const session::ParsedBatch parsed = session::parseBatch(request.body);
  if (!parsed.batch) {
    const std::string& path = parsed.errors.front().path;
    throw refusedBatch(session::writeRefused(parsed.errors),
                       "the batch is invalid: " + describe(parsed.errors), path);
  }
  const session::Batch& batch = *parsed.batch;

  // A batch without baseRevision applies to whatever is current: when a save lands between
  // reading the session and storing the edit, it is applied again to the newer revision.
  for (int attempt = 1;; ++attempt) {
    const auto [current, role] = visibleSession(context, who, params[0]);
    requireRole(role, Role::Editor, "change it");
    if (batch.baseRevision && *batch.baseRevision != static_cast<uint64_t>(current.revision)) {
      throw revisionConflict(static_cast<int64_t>(*batch.baseRevision), current.revision,
                             "baseRevision");
    }
    session::Session edited = storedSession(current);
    const session::Applied applied = session::applyOps(edited, batch.ops);
    if (!applied.ok()) {
      const size_t index = applied.failedOp.value_or(0);
      throw refusedBatch(session::writeApplied(applied, std::nullopt),
                         "operation " + std::to_string(index) + " (" +
                             std::string(session::opName(batch.ops[index])) +
                             ") was refused: " + describe(applied.errors),
                         "ops[" + std::to_string(index) + "]");
    }
    int64_t revision = current.revision;  // an empty batch is no revision (OPS-5)
    if (!batch.ops.empty()) {
      const SessionDocument document = documentOf(edited);
      SessionUpdate update;
      update.name = current.name;
      update.isPublic = current.isPublic;
      update.document = document.canonical;
      update.assetRefs = document.assetRefs;
      update.now = context.nowMs();
      update.writerId = who.userId;
      // Stored only if the session is still at the revision the batch was applied to.
      const UpdateOutcome outcome =
          context.store.updateSession(current.id, current.revision, update);
      if (outcome.kind == UpdateOutcome::Kind::Missing) throw notFound("session " + current.id);
      if (outcome.kind == UpdateOutcome::Kind::Conflict) {
        if (!batch.baseRevision && attempt < kAttempts) continue;
        throw revisionConflict(current.revision, outcome.revision, "baseRevision");
      }
      revision = outcome.revision;
      publishRevision(context, current.id, revision, who.userId);
    }
    Response response;
    response.body = session::writeApplied(applied, static_cast<uint64_t>(revision));
    response.setHeader("ETag", entityTag(std::to_string(revision)));
    return response;
  }
}

}  // namespace wstudio::server::routes

// /api/v1/forge/plugins and /api/v1/forge/refine: the Forge's kept plugins and their versions
// (issue 16, "Refine" and "Keep"; forge/README.md). A version is made from one of the user's own
// succeeded builds, with the source that build compiled (checked by the build's cache key: the
// bytes kept are the bytes built), the plan it came from, the chat message that made it and its
// parent version (lineage). Everything here is its owner's alone: another user's plugin, version
// or build answers exactly as an unknown one (404), so ids cannot be probed.
#include <variant>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/forge_model_refine.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"
#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/refine.hpp"

namespace wstudio::server::routes {

namespace {

constexpr size_t kMaxMessageBytes = 2000;

forge::BuildService& forgeService(ServerContext& context) {
  if (context.forge == nullptr) throw ApiError(503, "forge_unavailable", "the Forge is not running on this server");
  return *context.forge;
}

// The plan in a body, read and validated; 422 with every broken rule.
forge::Plan readPlanField(const Json& body) {
  if (!body["plan"].is_object()) throw badRequest("plan must be a plan object (docs/forge-plan.md)", "plan");
  auto read = forge::readPlan(body["plan"].dump());
  if (auto* errors = std::get_if<std::vector<forge::PlanError>>(&read)) {
    Json list = Json::array();
    for (const forge::PlanError& e : *errors) list.push_back({{"path", e.path}, {"rule", e.rule}, {"message", e.message}});
    throw ApiError(422, "invalid_plan",
                   "the plan breaks " + std::to_string(errors->size()) + " of its rules; the first: " + forge::toString(errors->front()),
                   "plan", {{"errors", list}});
  }
  return std::get<forge::Plan>(read);
}

// The user's own plugin, or 404 (another user's is unknown here).
ForgePlugin ownPlugin(ServerContext& context, const std::string& userId, const std::string& id) {
  auto plugin = context.store.forgePlugin(id);
  if (!plugin || plugin->ownerId != userId) throw notFound("plugin " + id);
  return *plugin;
}

// A version of one of the user's plugins (of `pluginId` when given), or 404.
ForgeVersion ownVersion(ServerContext& context, const std::string& userId, const std::string& versionId,
                        const std::string& pluginId = {}) {
  auto version = context.store.forgeVersion(versionId);
  if (!version || (!pluginId.empty() && version->pluginId != pluginId)) throw notFound("version " + versionId);
  ownPlugin(context, userId, version->pluginId);
  return *version;
}

// A version made from a body {buildId, plan?, source?, message?}: the user's succeeded build,
// the source it compiled (given, or written from the plan) and the plan.
ForgeVersion versionFromBuild(ServerContext& context, const std::string& userId, const Json& body) {
  const std::string buildId = requireString(body, "buildId", 1, 64);
  const auto build = forgeService(context).find(buildId, userId);
  if (!build) throw notFound("build " + buildId);  // FC-10: another user's build is unknown
  if (build->status != forge::BuildStatus::Succeeded) {
    throw ApiError(422, "build_not_succeeded",
                   build->status == forge::BuildStatus::Failed
                       ? "build " + buildId + " failed; only a build that compiled and passed validation can be kept"
                       : "build " + buildId + " is still " + forge::statusName(build->status) + "; keep it once it has succeeded",
                   "buildId");
  }
  ForgeVersion v;
  std::optional<forge::Plan> plan;
  if (body.contains("plan") && !body["plan"].is_null()) plan = readPlanField(body);
  if (body.contains("source") && !body["source"].is_null()) {
    if (!body["source"].is_string()) throw badRequest("source must be the source the build compiled, as a string", "source");
    v.source = body["source"].get<std::string>();
  } else if (plan) {
    v.source = forge::writePluginSource(*plan);
  } else {
    throw badRequest("send the plan or the source the build compiled", "source");
  }
  if (forge::BuildService::cacheKey(build->language, v.source) != build->key) {
    throw ApiError(422, "source_mismatch",
                   "build " + buildId + " did not compile this source" + (body.contains("source") ? "" : " (the plan's)") +
                       "; send the source that was built",
                   "source");
  }
  if (plan) v.planJson = forge::writePlan(*plan);
  v.id = newId();
  v.language = build->language;
  v.wasmSha256 = build->result->wasmSha256;
  v.pluginKey = build->result->validation->pluginId;
  v.descriptorJson = build->result->validation->descriptorJson;
  v.message = optionalString(body, "message", kMaxMessageBytes).value_or("");
  v.createdAt = context.nowMs();
  return v;
}

Json versionJson(const ForgeVersion& v, bool withBodies) {
  Json out{{"id", v.id},
           {"number", v.number},
           {"parentId", v.parentId ? Json(*v.parentId) : Json(nullptr)},
           {"message", v.message},
           {"language", v.language},
           {"pluginId", v.pluginKey},
           {"wasm", {{"sha256", v.wasmSha256}, {"url", "/api/v1/assets/" + v.wasmSha256}}},
           {"createdAt", v.createdAt}};
  if (withBodies) {
    out["plan"] = v.planJson ? Json::parse(*v.planJson) : Json(nullptr);
    out["source"] = v.source;
    out["plugin"] = Json::parse(v.descriptorJson);
  }
  return out;
}

Json pluginJson(ServerContext& context, const ForgePlugin& plugin, bool withBodies) {
  Json versions = Json::array();
  for (const ForgeVersion& v : context.store.forgeVersions(plugin.id)) versions.push_back(versionJson(v, withBodies));
  return Json{{"id", plugin.id},
              {"name", plugin.name},
              {"currentVersionId", plugin.currentVersionId},
              {"createdAt", plugin.createdAt},
              {"updatedAt", plugin.updatedAt},
              {"versions", std::move(versions)}};
}

Response noStore(Response response) {
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

Response createForgePlugin(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  ForgeVersion first = versionFromBuild(context, who.userId, body);
  // A fork names its parent: a version of one of the user's own plugins.
  if (auto parent = optionalString(body, "parentVersionId", 64)) first.parentId = ownVersion(context, who.userId, *parent).id;
  ForgePlugin plugin;
  plugin.id = newId();
  plugin.ownerId = who.userId;
  plugin.name = Json::parse(first.descriptorJson).value("name", first.pluginKey);
  plugin.createdAt = plugin.updatedAt = first.createdAt;
  first.pluginId = plugin.id;
  context.store.createForgePlugin(plugin, first);
  Response response = jsonResponse(201, pluginJson(context, *context.store.forgePlugin(plugin.id), true));
  response.setHeader("Location", "/api/v1/forge/plugins/" + plugin.id);
  return noStore(std::move(response));
}

Response addForgeVersion(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const ForgePlugin plugin = ownPlugin(context, who.userId, params[0]);
  const Json body = parseJsonObject(request);
  const std::string parentId = requireString(body, "parentVersionId", 1, 64);
  ForgeVersion v = versionFromBuild(context, who.userId, body);
  v.parentId = ownVersion(context, who.userId, parentId, plugin.id).id;  // lineage within the plugin
  v.pluginId = plugin.id;
  const ForgeVersion stored = context.store.addForgeVersion(v, v.createdAt);
  Response response = jsonResponse(201, versionJson(stored, true));
  response.setHeader("Location", "/api/v1/forge/plugins/" + plugin.id);
  return noStore(std::move(response));
}

Response listForgePlugins(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  Json list = Json::array();
  for (const ForgePlugin& p : context.store.forgePluginsOf(who.userId)) list.push_back(pluginJson(context, p, false));
  return noStore(jsonResponse(200, Json{{"plugins", std::move(list)}}));
}

Response getForgePlugin(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  return noStore(jsonResponse(200, pluginJson(context, ownPlugin(context, who.userId, params[0]), true)));
}

Response restoreForgeVersion(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const ForgePlugin plugin = ownPlugin(context, who.userId, params[0]);
  const Json body = parseJsonObject(request);
  const ForgeVersion v = ownVersion(context, who.userId, requireString(body, "versionId", 1, 64), plugin.id);
  context.store.setForgeCurrentVersion(plugin.id, v.id, context.nowMs());
  return noStore(jsonResponse(200, pluginJson(context, *context.store.forgePlugin(plugin.id), false)));
}

Response downloadForgeVersion(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const ForgePlugin plugin = ownPlugin(context, who.userId, params[0]);
  const ForgeVersion v = ownVersion(context, who.userId, params[1], plugin.id);
  const std::string fileName = v.pluginKey + "-v" + std::to_string(v.number);
  if (params[2] == "descriptor.json") {
    Response response = jsonResponse(200, Json::parse(v.descriptorJson));
    response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + ".json\"");
    return noStore(std::move(response));
  }
  if (params[2] != "plugin.wasm") throw notFound("file " + params[2] + " (plugin.wasm and descriptor.json are)");
  auto file = context.blobs.open(v.wasmSha256);
  if (!file) throw std::runtime_error("module " + v.wasmSha256 + " is kept but its bytes are missing");
  Response response;
  response.contentType = "application/wasm";
  const uint64_t size = file->size();
  response.fileBody = FileSlice{std::move(file), 0, size};
  response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + ".wasm\"");
  response.setHeader("ETag", entityTag(v.wasmSha256));
  return noStore(std::move(response));
}

Response refineForgePlan(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  const std::string instruction = requireString(body, "instruction", 1, forge::kMaxInstructionBytes);
  forge::Plan plan;
  if (body.contains("plan") && !body["plan"].is_null()) {
    plan = readPlanField(body);
  } else if (auto versionId = optionalString(body, "versionId", 64)) {  // refine a kept version
    const ForgeVersion v = ownVersion(context, who.userId, *versionId);
    if (!v.planJson) throw ApiError(422, "no_plan", "version " + *versionId + " was written by hand and has no plan to refine", "versionId");
    plan = std::get<forge::Plan>(forge::readPlan(*v.planJson));
  } else {
    throw badRequest("send the plan to refine, or the versionId of a kept version", "plan");
  }
  if (auto byModel = refineWithModel(context, who.userId, plan, body, instruction)) return std::move(*byModel);  // 202: the model's job
  const forge::Refinement refined = forge::refinePlan(plan, instruction);
  return noStore(jsonResponse(200, Json{{"refiner", "offline"},
                                        {"plan", Json::parse(forge::writePlan(refined.plan))},
                                        {"source", forge::writePluginSource(refined.plan)},
                                        {"changes", refined.changes},
                                        {"notUnderstood", refined.notUnderstood}}));
}

}  // namespace wstudio::server::routes

// /api/v1/forge/plugins and /api/v1/forge/refine: the Forge's kept plugins and their versions
// (issue 16, "Refine" and "Keep"; forge/README.md). A version is made from one of the user's own
// succeeded builds (as the server recorded it when it succeeded: any of the user's latest
// --forge-kept-builds, across restarts), with the source that build compiled (checked by the
// build's cache key: the bytes kept are the bytes built), the plan it came from, the chat message
// that made it and its parent version (lineage). A vAIst Forge module imported as built has no
// source: its version keeps the module, its descriptor, manifest and files. Plugins and versions
// can be deleted (the modules stay the user's assets). Everything here is its owner's alone:
// another user's plugin, version or build answers exactly as an unknown one (404), so ids cannot
// be probed.
#include <algorithm>
#include <variant>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/forge_model_refine.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"
#include "blob/blob_store.hpp"
#include "wstudio/forge/build_service.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/refine.hpp"

namespace wstudio::server::routes {

namespace {

constexpr size_t kMaxMessageBytes = 2000;

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

// The user's succeeded build `buildId` as the server recorded it. An unknown id and another
// user's build are 404 (FC-10); a build the service still has that did not succeed (yet), or
// whose record went with the user's older builds, is 422.
ForgeBuildRecord keepableBuild(ServerContext& context, const std::string& userId, const std::string& buildId) {
  if (auto record = context.store.forgeBuild(buildId); record && record->ownerId == userId) return *record;
  const auto build = context.forge == nullptr ? std::nullopt : context.forge->find(buildId, userId);
  if (!build) throw notFound("build " + buildId);
  switch (build->status) {
    case forge::BuildStatus::Failed:
      throw ApiError(422, "build_not_succeeded",
                     "build " + buildId + " failed; only a build that compiled and passed validation can be kept", "buildId");
    case forge::BuildStatus::Queued:
    case forge::BuildStatus::Compiling:
      throw ApiError(422, "build_not_succeeded",
                     "build " + buildId + " is still " + forge::statusName(build->status) + "; keep it once it has succeeded",
                     "buildId");
    case forge::BuildStatus::Succeeded: break;
  }
  throw ApiError(422, "build_not_kept",
                 "build " + buildId + " is older than the latest " + std::to_string(context.settings.forgeKeptBuilds) +
                     " builds the server keeps for you; build its source again (answered from the cache) and keep that build",
                 "buildId");
}

// A version made from a body {buildId, plan?, source?, message?}: the user's succeeded build,
// the source it compiled (given, or written from the plan) and the plan; a vAIst Forge module
// imported as built takes neither.
ForgeVersion versionFromBuild(ServerContext& context, const std::string& userId, const Json& body) {
  const std::string buildId = requireString(body, "buildId", 1, 64);
  const ForgeBuildRecord build = keepableBuild(context, userId, buildId);
  const bool sentPlan = body.contains("plan") && !body["plan"].is_null();
  const bool sentSource = body.contains("source") && !body["source"].is_null();
  ForgeVersion v;
  if (!build.cacheKey) {
    if (sentPlan || sentSource) {
      throw ApiError(422, "source_mismatch",
                     "build " + buildId + " is a vAIst Forge module imported as built: it compiled no source and has no plan; "
                     "keep it without source and plan",
                     sentSource ? "source" : "plan");
    }
    v.manifestJson = build.manifestJson;
    v.vaistFilesSha256 = build.vaistFilesSha256;
    v.vaistGlue = build.vaistGlue;
  } else {
    std::optional<forge::Plan> plan;
    if (sentPlan) plan = readPlanField(body);
    if (sentSource) {
      if (!body["source"].is_string()) throw badRequest("source must be the source the build compiled, as a string", "source");
      v.source = body["source"].get<std::string>();
    } else if (plan) {
      v.source = forge::writePluginSource(*plan);
    } else {
      throw badRequest("send the plan or the source the build compiled", "source");
    }
    if (forge::BuildService::cacheKey(build.language, v.source) != *build.cacheKey) {
      throw ApiError(422, "source_mismatch",
                     "build " + buildId + " did not compile this source" + (sentSource ? "" : " (the plan's)") +
                         "; send the source that was built",
                     "source");
    }
    if (plan) v.planJson = forge::writePlan(*plan);
  }
  v.id = newId();
  v.language = build.language;
  v.wasmSha256 = build.wasmSha256;
  v.pluginKey = build.pluginKey;
  v.descriptorJson = build.descriptorJson;
  v.message = optionalString(body, "message", kMaxMessageBytes).value_or("");
  v.createdAt = context.nowMs();
  return v;
}

// The files a version downloads as: its module and descriptor, and a vAIst Forge module's glue
// when it has one. A vAIst module's descriptor.json is the one it was imported with (its three
// files are a vAIst Forge build again, the glue's names included).
struct VersionFile {
  std::string name;  // in the URL
  std::string saveAs;
};

// A vAIst module's kept descriptor.json and glue ({"descriptor", "glue"?}, routes_assets.cpp).
Json vaistFiles(ServerContext& context, const ForgeVersion& v) {
  auto file = context.blobs.open(*v.vaistFilesSha256);
  if (!file) throw std::runtime_error("the vAIst files of module " + v.wasmSha256 + " are kept but their bytes are missing");
  return Json::parse(file->readAll());
}

std::vector<VersionFile> versionFiles(const ForgeVersion& v) {
  if (!v.vaistFilesSha256) {
    const std::string stem = v.pluginKey + "-v" + std::to_string(v.number);
    return {{"plugin.wasm", stem + ".wasm"}, {"descriptor.json", stem + ".json"}};
  }
  std::vector<VersionFile> files{{"plugin.wasm", "vaist-processor.wasm"}, {"descriptor.json", "descriptor.json"}};
  if (v.vaistGlue) files.push_back({"glue.js", "vaist-processor.js"});
  return files;
}

Json versionJson(const ForgeVersion& v, bool withBodies) {
  const bool vaistModule = v.vaistFilesSha256.has_value();
  Json out{{"id", v.id},
           {"number", v.number},
           {"parentId", v.parentId ? Json(*v.parentId) : Json(nullptr)},
           {"message", v.message},
           {"language", v.language},
           {"format", vaistModule ? "vaist" : "wsp"},
           {"pluginId", v.pluginKey},
           {"wasm", {{"sha256", v.wasmSha256}, {"url", "/api/v1/assets/" + v.wasmSha256}}},
           {"createdAt", v.createdAt}};
  if (vaistModule) out["wasm"]["manifest"] = "/api/v1/assets/" + v.wasmSha256 + "/manifest";
  Json files = Json::array();
  for (const VersionFile& f : versionFiles(v)) files.push_back(f.name);
  out["files"] = std::move(files);
  if (withBodies) {
    out["plan"] = v.planJson ? Json::parse(*v.planJson) : Json(nullptr);
    out["source"] = vaistModule ? Json(nullptr) : Json(v.source);
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

// Why a vAIst Forge module imported as built cannot be refined.
std::string vaistRefineRefusal(const ForgeVersion& v) {
  return "v" + std::to_string(v.number) + " is a vAIst Forge module imported as built: it has no plan or source to refine. "
         "Import the project's source folder to refine it";
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
  const std::vector<VersionFile> files = versionFiles(v);
  const auto file = std::find_if(files.begin(), files.end(), [&](const VersionFile& f) { return f.name == params[2]; });
  if (file == files.end()) {
    std::string names;
    for (const VersionFile& f : files) names += (names.empty() ? "" : ", ") + f.name;
    throw notFound("file " + params[2] + " (this version has " + names + ")");
  }
  const auto attachment = [&](Response response) {
    response.setHeader("Content-Disposition", "attachment; filename=\"" + file->saveAs + "\"");
    return noStore(std::move(response));
  };
  if (file->name == "descriptor.json") {
    return attachment(jsonResponse(200, v.vaistFilesSha256 ? vaistFiles(context, v)["descriptor"] : Json::parse(v.descriptorJson)));
  }
  if (file->name == "glue.js") {
    // A file to save, never a script to run: with nosniff, a page elsewhere that names it in a
    // <script> gets nothing executed (cross-site script inclusion).
    Response response;
    response.contentType = "application/octet-stream";
    response.body = vaistFiles(context, v)["glue"].get<std::string>();
    return attachment(std::move(response));
  }
  auto wasm = context.blobs.open(v.wasmSha256);
  if (!wasm) throw std::runtime_error("module " + v.wasmSha256 + " is kept but its bytes are missing");
  Response response;
  response.contentType = "application/wasm";
  const uint64_t size = wasm->size();
  response.fileBody = FileSlice{std::move(wasm), 0, size};
  response.setHeader("ETag", entityTag(v.wasmSha256));
  return attachment(std::move(response));
}

// DELETE /forge/plugins/{id}: the plugin and all its versions; 204.
Response deleteForgePlugin(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const ForgePlugin plugin = ownPlugin(context, who.userId, params[0]);
  if (!context.store.deleteForgePlugin(plugin.id)) throw notFound("plugin " + plugin.id);  // deleted meanwhile
  Response response;
  response.status = 204;
  return noStore(std::move(response));
}

// DELETE /forge/plugins/{id}/versions/{versionId}: one version (Store::deleteForgeVersion says
// what happens to its lineage and the current version); 200 with the plugin as it is now. The
// only version is refused (409): deleting it is deleting the plugin, which is asked for as such.
Response deleteForgeVersion(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const ForgePlugin plugin = ownPlugin(context, who.userId, params[0]);
  const ForgeVersion v = ownVersion(context, who.userId, params[1], plugin.id);
  switch (context.store.deleteForgeVersion(plugin.id, v.id, context.nowMs())) {
    case ForgeVersionDeletion::Deleted: break;
    case ForgeVersionDeletion::Missing: throw notFound("version " + v.id);  // deleted meanwhile
    case ForgeVersionDeletion::OnlyVersion:
      throw ApiError(409, "only_version",
                     "v" + std::to_string(v.number) + " is the only version of " + plugin.name +
                         "; delete the plugin to delete it");
  }
  return noStore(jsonResponse(200, pluginJson(context, *context.store.forgePlugin(plugin.id), false)));
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
    if (v.vaistFilesSha256) throw ApiError(422, "no_plan", vaistRefineRefusal(v), "versionId");
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

// POST /api/v1/forge/imports: a vAIst Forge project brought into the Forge
// (docs/forge-vaist-import.md). The body holds the files of the project folder; each is checked
// (forge/vaist: names that stay inside the folder, sizes, text that is text, a descriptor the
// host loads) and the folder's form decides what happens:
//   source  the files become one C++ source (the adapter onto the SDK included) compiled like
//           any Forge build: queued, jailed, validated, cached, counted; errors at their line in
//           the user's file;
//   glue / clean  the built module is validated in the plugin sandbox as a vAIst Forge plugin
//           and stored with its descriptor.json (and glue), like POST /assets/vaist.
// Either way the answer is a Forge build (GET /forge/builds/{id} shows it later), with what the
// import made of the folder.
#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/forge_builds.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "api/vaist_plugin_store.hpp"
#include "wstudio/forge/vaist_import.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::server::routes {

namespace {

namespace vaist = forge::vaist;

// {"files": [{"name", "text"} or {"name", "base64"}]}: a folder's files as the browser read them.
std::vector<vaist::ProjectFile> readFiles(const Json& body, size_t maxFiles, size_t maxBytes) {
  const auto files = body.find("files");
  if (files == body.end() || !files->is_array()) {
    throw badRequest("files must be the project's files: [{name, text} or {name, base64}]", "files");
  }
  // A folder of thousands of small files is refused before any is decoded.
  if (files->size() > maxFiles) {
    throw ApiError(413, "too_large", "an import takes at most " + std::to_string(maxFiles) + " files; this has " +
                                         std::to_string(files->size()) + ": pick the plugin's own folder", "files");
  }
  std::vector<vaist::ProjectFile> out;
  size_t total = 0;
  for (size_t i = 0; i < files->size(); ++i) {
    const Json& file = (*files)[i];
    const std::string field = "files[" + std::to_string(i) + "]";
    if (!file.is_object() || !file.contains("name") || !file["name"].is_string()) {
      throw badRequest(field + " must be {name, text} or {name, base64}", field);
    }
    const bool text = file.contains("text") && file["text"].is_string();
    const bool base64 = file.contains("base64") && file["base64"].is_string();
    if (text == base64) throw badRequest(field + " must hold its bytes as text or as base64, one of them", field);
    vaist::ProjectFile item{file["name"].get<std::string>(), {}};
    item.bytes = text ? file["text"].get<std::string>()
                      : decodeBase64Field(file["base64"].get_ref<const std::string&>(), "base64");
    total += item.bytes.size();
    if (total > maxBytes) {
      throw ApiError(413, "too_large", "an import is limited to " + std::to_string(maxBytes >> 20) + " MiB of files");
    }
    out.push_back(std::move(item));
  }
  return out;
}

Json importJson(const vaist::Project& project) {
  return Json{{"form", vaist::formName(project.form)},
              {"pluginName", project.pluginName},
              {"used", project.used},
              {"ignored", project.ignored}};
}

// A built module (glue or clean) validated and stored, recorded as a finished build. A module the
// sandbox refuses (it traps, it does not load, its descriptor names exports it lacks) is a
// failed build naming the plugin and why: nothing is stored, nothing else is affected.
Response importBuilt(ServerContext& context, const Principal& who, const vaist::Project& project) {
  if (context.forge == nullptr) throw ApiError(503, "forge_unavailable", "the Forge is not running on this server");
  auto result = std::make_shared<forge::BuildResult>();
  std::optional<StoredVaistPlugin> kept;
  try {
    const StoredVaistPlugin stored =
        storeVaistPlugin(context, who.userId, project.wasm, project.glue, project.descriptor, false);
    result->succeeded = true;
    result->stage = "done";
    result->message = "\"" + project.pluginName + "\" was imported as built (" + vaist::formName(project.form) +
                      " form) and passed the conformance checks";
    if (!stored.warnings.empty()) {
      result->message += ", with findings the hosts absorb:";
      for (const std::string& warning : stored.warnings) result->message += " " + warning + ";";
      result->message.pop_back();
    }
    forge::BuildValidation validation;
    validation.passed = true;
    validation.message = result->message;
    validation.descriptorJson = host::toJson(*stored.plugin);
    validation.pluginId = stored.plugin->id;
    validation.pluginName = stored.plugin->name;
    result->validation = std::move(validation);
    result->wasm = project.wasm;
    result->wasmSha256 = stored.sha256;
    kept = stored;
  } catch (const ApiError& error) {
    if (error.status() != 422) throw;
    result->stage = "validate";
    result->message = "\"" + project.pluginName + "\" cannot be used, so it was not imported: " + error.what();
  }
  const forge::BuildView build = context.forge->recordFinished(who.userId, "vaist", result);
  if (kept) {  // keepable as a version later, as a compiled build is (no source: no cache key)
    context.store.addForgeBuild(ForgeBuildRecord{build.id, who.userId, "vaist", std::nullopt, kept->sha256,
                                                 kept->plugin->id, host::toJson(*kept->plugin), kept->manifest,
                                                 kept->filesSha256, !project.glue.empty(), context.nowMs()},
                                context.settings.forgeKeptBuilds);
  }
  Json body = forgeBuildJson(context, build);
  body["import"] = importJson(project);
  Response response = jsonResponse(200, body);
  response.setHeader("Location", "/api/v1/forge/builds/" + build.id);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

Response createForgeImport(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  vaist::ImportLimits limits;
  limits.maxWasmBytes = context.settings.maxUploadBytes;
  const vaist::ProjectRead read = readProject(readFiles(body, limits.maxFiles, context.settings.maxUploadBytes), limits);
  if (!read.project) {
    if (read.tooLarge) throw ApiError(413, "too_large", read.problem, "files");
    throw ApiError(422, "invalid_project", read.problem, "files");
  }
  const vaist::Project& project = *read.project;
  if (project.form != vaist::ProjectForm::Source) return importBuilt(context, who, project);
  auto source = vaist::pluginSource(project);
  if (!source) throw ApiError(422, "invalid_project", source.error(), "files");
  Json extra{{"import", importJson(project)}, {"source", source.value()}};
  return submitForgeBuild(context, who, "cpp", source.value(), extra);
}

}  // namespace wstudio::server::routes

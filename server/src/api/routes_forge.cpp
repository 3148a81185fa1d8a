// /api/v1/forge: the Forge's compile service (forge/README.md, rules FC-*). A signed-in user
// sends C++ source; the build waits in a bounded queue, compiles in the compile jail, passes the
// conformance suite in the plugin sandbox and becomes the user's private plugin asset. Builds
// are counted per user and calendar month against --forge-builds-per-month; a cached result is
// answered at once and not counted.
#include <ctime>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/forge_builds.hpp"
#include "api/routes.hpp"
#include "wstudio/forge/build_service.hpp"

namespace wstudio::server::routes {

namespace {

forge::BuildService& forgeService(ServerContext& context) {
  if (context.forge == nullptr) throw ApiError(503, "forge_unavailable", "the Forge is not running on this server");
  return *context.forge;
}

// The calendar month of a time, in UTC: "2026-12".
std::string monthOf(int64_t unixMs) {
  const std::time_t seconds = static_cast<std::time_t>(unixMs / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m", &utc);
  return text;
}

Json usageJson(ServerContext& context, const std::string& userId) {
  const std::string month = monthOf(context.nowMs());
  const int64_t builds = context.store.forgeBuildCount(userId, month);
  const int64_t limit = context.settings.forgeMonthlyBuilds;
  const bool unlimited = limit == ServerSettings::kUnlimitedForgeBuilds;
  return Json{{"month", month},
              {"builds", builds},
              {"limit", unlimited ? Json(nullptr) : Json(limit)},
              {"remaining", unlimited ? Json(nullptr) : Json(std::max<int64_t>(0, limit - builds))}};
}

Json diagnosticsJson(const forge::ParsedDiagnostics& parsed) {
  Json list = Json::array();
  for (const forge::Diagnostic& d : parsed.diagnostics) {
    Json item{{"severity", d.severity}, {"message", d.message}};
    if (!d.file.empty()) item["file"] = d.file;
    if (d.line > 0) {
      item["line"] = d.line;
      item["column"] = d.column;
    }
    list.push_back(std::move(item));
  }
  return list;
}

Json buildJson(ServerContext& context, const forge::BuildView& build) {
  Json body{{"id", build.id},
            {"language", build.language},
            {"status", forge::statusName(build.status)},
            {"cached", build.cached},
            {"usage", usageJson(context, build.owner)}};
  if (build.status == forge::BuildStatus::Queued) body["queuePosition"] = build.queuePosition;
  if (!build.result) return body;
  const forge::BuildResult& result = *build.result;
  body["stage"] = result.stage;
  body["message"] = result.message;
  body["diagnostics"] = diagnosticsJson(result.diagnostics);
  body["diagnosticsTruncated"] = result.diagnostics.truncated;
  body["timings"] = {{"compileMs", result.compileMs}, {"validateMs", result.validateMs}};
  if (result.validation) {
    Json failures = Json::array();
    for (const forge::ValidationFailure& f : result.validation->failures) {
      failures.push_back({{"check", f.check}, {"title", f.title}, {"rules", f.rules}, {"reason", f.reason}});
    }
    body["validation"] = {{"passed", result.validation->passed},
                          {"message", result.validation->message},
                          {"checks", result.validation->checks},
                          {"failures", failures}};
  }
  if (result.succeeded) {
    body["wasm"] = {{"sha256", result.wasmSha256},
                    {"size", result.wasm.size()},
                    {"url", "/api/v1/assets/" + result.wasmSha256}};
    body["plugin"] = Json::parse(result.validation->descriptorJson);
  }
  return body;
}

}  // namespace

Json forgeBuildJson(ServerContext& context, const forge::BuildView& build) { return buildJson(context, build); }

Response submitForgeBuild(ServerContext& context, const Principal& who, const std::string& language,
                          const std::string& source, const Json& extra) {
  forge::BuildService& service = forgeService(context);
  const std::string month = monthOf(context.nowMs());
  const int64_t limit = context.settings.forgeMonthlyBuilds;
  // Asked only when a compile would start (not for a cached answer): FC-11.
  const auto admit = [&]() -> std::string {
    if (context.store.countForgeBuild(who.userId, month, limit)) return {};
    return "you have used all " + std::to_string(limit) + " builds of " + month +
           " this server allows; builds answered from the cache still work, and the count starts again "
           "next month";
  };
  const forge::Submission submission = service.submit(who.userId, language, source, admit);
  switch (submission.refusal) {
    case forge::Refusal::None: break;
    case forge::Refusal::UnsupportedLanguage: throw badRequest(submission.message, "language");
    case forge::Refusal::TooLarge: throw ApiError(413, "too_large", submission.message, "source");
    case forge::Refusal::QueueFull: {
      Response busy = errorResponse(503, "forge_busy", submission.message);
      busy.setHeader("Retry-After", "30");
      return busy;
    }
    case forge::Refusal::UserBusy: throw ApiError(429, "too_many_builds", submission.message);
    case forge::Refusal::OverLimit:
      throw ApiError(429, "build_limit_reached", submission.message, {}, {{"usage", usageJson(context, who.userId)}});
  }
  const bool finished = submission.build.result != nullptr;
  Json body = buildJson(context, submission.build);
  body.update(extra);
  Response response = jsonResponse(finished ? 200 : 202, body);
  response.setHeader("Location", "/api/v1/forge/builds/" + submission.build.id);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

Response createForgeBuild(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  forgeService(context);
  const Json body = parseJsonObject(request);
  const std::string language = requireString(body, "language", 1, 32);
  if (!body.contains("source") || !body["source"].is_string()) {
    throw badRequest("source must be the plugin's source (C++ or Faust, as language says) as a string", "source");
  }
  const std::string& source = body["source"].get_ref<const std::string&>();
  if (source.size() > forge::kMaxSourceBytes) {
    throw ApiError(413, "too_large",
                   "the source is " + std::to_string(source.size()) + " bytes; at most " +
                       std::to_string(forge::kMaxSourceBytes) + " are compiled",
                   "source");
  }
  return submitForgeBuild(context, who, language, source, Json::object());
}

Response getForgeBuild(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  // FC-10: another user's build answers exactly as an unknown one.
  const auto build = forgeService(context).find(params[0], who.userId);
  if (!build) throw notFound("build " + params[0]);
  Response response = jsonResponse(200, buildJson(context, *build));
  response.setHeader("Cache-Control", "no-store");
  return response;
}

Response forgeUsage(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  Response response = jsonResponse(200, usageJson(context, who.userId));
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace wstudio::server::routes

// /api/v1/forge/model and /api/v1/forge/generations: the Forge's language-model provider
// (forge/llm; forge/README.md "The model"). GET /forge/model tells the page whether a model is
// configured (WSTUDIO_LLM_* in the server's environment). POST /forge/generations {prompt}
// starts a generation (the model plans, then writes C++ that the compile service builds and
// validates, with repair), answered at once with its id; GET /forge/generations/{id} shows its
// stage and every attempt. Signed-in users only; every compile counts as a build (FC-11); a
// generation is seen by its owner only. Nothing answered holds the endpoint's key. With a model,
// POST /forge/refine starts the model's refinement here (forge_model_refine.hpp), a job like a
// generation.
#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/forge_model_refine.hpp"
#include "api/forge_usage.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/forge/llm/generation_service.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::server::routes {

namespace {

// As POST /forge/plans: a prompt is a sentence or a paragraph.
constexpr size_t kMaxPromptBytes = 2000;

forge::llm::GenerationService& modelService(ServerContext& context) {
  if (context.forgeModel == nullptr) {
    throw ApiError(503, "model_not_configured",
                   "no language model is configured on this server (WSTUDIO_LLM_URL); the built-in planner works without one");
  }
  return *context.forgeModel;
}

Json generationJson(ServerContext& context, const std::string& userId, const forge::llm::GenerationView& view) {
  const forge::llm::Generation& g = view.generation;
  Json attempts = Json::array();
  for (const forge::llm::Attempt& a : g.attempts) {
    Json attempt{{"stage", a.stage}, {"number", a.number}, {"status", a.status}, {"message", a.message}, {"problems", a.problems}};
    if (!a.buildId.empty()) attempt["buildId"] = a.buildId;
    attempts.push_back(std::move(attempt));
  }
  Json body{{"id", view.id},
            {"kind", view.kind},
            {"prompt", view.prompt},
            {"status", g.status},
            {"stage", g.stage},
            {"message", g.message},
            {"attempts", attempts},
            {"maxAttempts", forge::llm::kMaxAttempts},
            {"plan", g.planJson.empty() ? Json(nullptr) : Json::parse(g.planJson)},
            {"source", g.source.empty() ? Json(nullptr) : Json(g.source)},
            {"buildId", g.buildId.empty() ? Json(nullptr) : Json(g.buildId)},
            {"usage", forgeUsageJson(context, userId)}};
  return body;
}

// 202 with a started job (and `extra` members), or why it was not started.
Response startedAnswer(ServerContext& context, const std::string& userId, const forge::llm::GenerationStart& start, const Json& extra) {
  switch (start.refusal) {
    case forge::llm::GenerationRefusal::None: break;
    case forge::llm::GenerationRefusal::Busy: {
      Response busy = errorResponse(503, "forge_busy", start.message);
      busy.setHeader("Retry-After", "30");
      return busy;
    }
    case forge::llm::GenerationRefusal::UserBusy: throw ApiError(429, "too_many_generations", start.message);
  }
  Json answer = generationJson(context, userId, *start.view);
  answer.update(extra);
  Response response = jsonResponse(202, answer);
  response.setHeader("Location", "/api/v1/forge/generations/" + start.view->id);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

Response forgeModel(ServerContext& context, const Request& request, const PathParams&) {
  requireUser(context, request);
  Json body{{"configured", context.forgeModel != nullptr}, {"maxAttempts", forge::llm::kMaxAttempts}};
  if (context.forgeModel != nullptr) body["model"] = context.forgeModel->endpoint().model;
  Response response = jsonResponse(200, body);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

Response createForgeGeneration(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  forge::llm::GenerationService& service = modelService(context);
  const Json body = parseJsonObject(request);
  std::string prompt = requireString(body, "prompt", 1, kMaxPromptBytes);
  return startedAnswer(context, who.userId, service.start(who.userId, std::move(prompt)), Json::object());
}

std::optional<Response> refineWithModel(ServerContext& context, const std::string& userId, const forge::Plan& plan,
                                        const Json& body, const std::string& instruction) {
  const std::string refiner = optionalString(body, "refiner", 16).value_or(context.forgeModel != nullptr ? "model" : "offline");
  if (refiner == "offline") return std::nullopt;
  if (refiner != "model") throw badRequest("refiner must be \"model\" or \"offline\"", "refiner");
  forge::llm::GenerationService& service = modelService(context);
  forge::llm::RefineRequest current{instruction, forge::writePlan(plan), {}};
  if (auto source = optionalString(body, "source", forge::kMaxSourceBytes)) {
    current.source = std::move(*source);
  } else if (auto versionId = optionalString(body, "versionId", 64); versionId && (!body.contains("plan") || body["plan"].is_null())) {
    current.source = context.store.forgeVersion(*versionId)->source;  // the route found it the user's
  }
  if (current.source.empty()) current.source = forge::writePluginSource(plan);
  return startedAnswer(context, userId, service.startRefine(userId, std::move(current)), Json{{"refiner", "model"}});
}

Response getForgeGeneration(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  // Another user's generation answers exactly as an unknown one (as builds do, FC-10).
  const auto view = modelService(context).find(params[0], who.userId);
  if (!view) throw notFound("generation " + params[0]);
  Response response = jsonResponse(200, generationJson(context, who.userId, *view));
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace wstudio::server::routes

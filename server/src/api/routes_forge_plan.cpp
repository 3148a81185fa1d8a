// /api/v1/forge/plans and /api/v1/forge/code: the Forge's offline generator and C++ writer
// (forge/generate, forge/codegen; docs/forge-plan.md) for the page: words to a plan and its
// source, and an edited plan to its source. Pure computation on bounded input, no model, no
// compile: signed-in users only, like every Forge route, and never counted as builds.
#include <variant>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_edit_json.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::server::routes {

namespace {

// A prompt is a sentence or a paragraph, not a document.
constexpr size_t kMaxPromptBytes = 2000;

Response planAndSource(const forge::Plan& plan) {
  Response response = jsonResponse(200, Json{{"plan", Json::parse(forge::writePlan(plan))},
                                             {"source", forge::writePluginSource(plan)}});
  response.setHeader("Cache-Control", "no-store");
  return response;
}


Json errorList(const std::vector<forge::PlanError>& errors) {
  Json list = Json::array();
  for (const forge::PlanError& e : errors) list.push_back({{"path", e.path}, {"rule", e.rule}, {"message", e.message}});
  return list;
}

// The body's plan, read and validated, or 422 invalid_plan with every broken rule.
forge::Plan requirePlan(const Json& body) {
  if (!body.contains("plan") || !body["plan"].is_object()) throw badRequest("plan must be a plan object (docs/forge-plan.md)", "plan");
  auto read = forge::readPlan(body["plan"].dump());
  if (auto* errors = std::get_if<std::vector<forge::PlanError>>(&read)) {
    throw ApiError(422, "invalid_plan", "the plan breaks " + std::to_string(errors->size()) + " of its rules; the first: " + forge::toString(errors->front()),
                   "plan", {{"errors", errorList(*errors)}});
  }
  return std::get<forge::Plan>(std::move(read));
}

}  // namespace

Response createForgePlan(ServerContext& context, const Request& request, const PathParams&) {
  requireUser(context, request);
  const Json body = parseJsonObject(request);
  const std::string prompt = requireString(body, "prompt", 1, kMaxPromptBytes);
  return planAndSource(forge::generatePlan(prompt));
}

Response writeForgeCode(ServerContext& context, const Request& request, const PathParams&) {
  requireUser(context, request);
  return planAndSource(requirePlan(parseJsonObject(request)));
}

// One plan-editor edit (docs/forge-plan.md, "Edits"): the edited plan and its code, or 422
// invalid_edit naming what was refused; a refused edit changes nothing (the page keeps its plan).
Response editForgePlan(ServerContext& context, const Request& request, const PathParams&) {
  requireUser(context, request);
  const Json body = parseJsonObject(request);
  forge::Plan plan = requirePlan(body);
  if (!body.contains("edit") || !body["edit"].is_object()) throw badRequest("edit must be an edit object with an op (docs/forge-plan.md)", "edit");
  if (auto errors = forge::applyEditJson(plan, body["edit"].dump()); !errors.empty()) {
    throw ApiError(422, "invalid_edit", "the edit was not made: " + forge::toString(errors.front()), "edit",
                   {{"errors", errorList(errors)}});
  }
  return planAndSource(plan);
}

// The block catalog, for the plan editor's choices: the same table validation and the writer use.
Response forgeCatalog(ServerContext& context, const Request& request, const PathParams&) {
  requireUser(context, request);
  Response response = jsonResponse(200, Json::parse(forge::catalogJson()));
  response.setHeader("Cache-Control", "private, max-age=3600");
  return response;
}

}  // namespace wstudio::server::routes

// Refine with the model (issue 16, step 6; forge/README.md "The model"): the hook of
// POST /forge/refine (routes_forge_versions.cpp), implemented with the model's routes
// (routes_forge_model.cpp).
#pragma once

#include <optional>
#include <string>

#include "api/json_body.hpp"
#include "api/router.hpp"
#include "api/server_context.hpp"
#include "wstudio/forge/plan.hpp"

namespace wstudio::server::routes {

// With a model configured (and the body not asking for "refiner": "offline"), starts the model's
// refinement of `plan` and of the current source (the body's "source", else the kept version's
// ("versionId"), else the plan's as the C++ writer writes it) by the user's words: 202 with the
// job, read like a generation (GET /forge/generations/{id}), whose succeeded build the page keeps
// as the next version exactly as an offline refinement's. Nothing (the route's offline refiner
// answers) without a model or when the body asks for the offline one; "refiner": "model" without
// a model is 503 model_not_configured.
std::optional<Response> refineWithModel(ServerContext& context, const std::string& userId, const forge::Plan& plan,
                                        const Json& body, const std::string& instruction);

}  // namespace wstudio::server::routes

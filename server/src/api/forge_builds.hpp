// What /forge/builds answers with, shared by the routes that start or record a Forge build
// (routes_forge.cpp, routes_forge_import.cpp).
#pragma once

#include <string>

#include "api/authenticate.hpp"
#include "api/http_message.hpp"
#include "api/json_views.hpp"
#include "api/server_context.hpp"
#include "wstudio/forge/build_service.hpp"

namespace wstudio::server::routes {

// A build as GET /forge/builds/{id} shows it.
Json forgeBuildJson(ServerContext& context, const forge::BuildView& build);

// Submits `source` as `who`'s build (counted against the month's limit when it compiles, FC-11)
// and answers 202 (queued) or 200 (answered from the cache) with the build and `extra`'s fields,
// or the refusal (400, 413, 429, 503).
Response submitForgeBuild(ServerContext& context, const Principal& who, const std::string& language,
                          const std::string& source, const Json& extra);

}  // namespace wstudio::server::routes

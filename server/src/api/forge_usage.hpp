// The Forge's build count per user and calendar month (FC-11), for routes that start builds
// other than POST /forge/builds (the model's generations, routes_forge_model.cpp).
// routes_forge.cpp keeps its own copy of the same few lines until the branches that edit it are
// merged; then it should call these.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "api/json_views.hpp"
#include "api/server_context.hpp"

namespace wstudio::server {

// The calendar month of a time, in UTC: "2026-12".
std::string forgeMonth(int64_t unixMs);
// {month, builds, limit, remaining} of a user, as every build answer carries it.
Json forgeUsageJson(ServerContext& context, const std::string& userId);
// Asked when a compile is about to start: counts it and returns "", or says why the user may
// not start another build this month.
std::function<std::string()> forgeBuildAdmission(ServerContext& context, const std::string& userId);

}  // namespace wstudio::server

// /api/v1/health and /api/v1/metrics.
#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace wstudio::server::routes {

Response health(ServerContext& context, const Request&, const PathParams&) {
  const bool database = context.store.healthy();
  Response response = jsonResponse(database ? 200 : 503,
                                   Json{{"status", database ? "ok" : "degraded"},
                                        {"database", database ? "ok" : "unavailable"},
                                        {"version", WSTUDIO_VERSION}});
  response.setHeader("Cache-Control", "no-store");
  return response;
}

Response metrics(ServerContext& context, const Request&, const PathParams&) {
  Response response;
  response.body = context.metrics.toJson();
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace wstudio::server::routes

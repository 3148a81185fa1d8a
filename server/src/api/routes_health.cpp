// /api/v1/health and /api/v1/metrics.
#include "api/api_error.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"

namespace wstudio::server::routes {

namespace {

bool isLoopback(std::string_view address) {
  return address.substr(0, 4) == "127." || address == "::1" || address.substr(0, 11) == "::ffff:127.";
}

// Metrics reveal the server's traffic (request counts, latencies, open sockets): they are served
// to the host itself, i.e. a loopback client whose request did not come through a proxy (a
// reverse proxy on the same host connects from loopback too, but adds these headers), or to
// whoever holds the operator's token.
bool mayReadMetrics(const ServerContext& context, const Request& request) {
  const std::string& token = context.settings.metricsToken;
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view authorization = request.header("authorization");
  if (!token.empty() && authorization.substr(0, kBearer.size()) == kBearer &&
      secretsEqual(authorization.substr(kBearer.size()), token)) {
    return true;
  }
  const bool proxied = !request.header("forwarded").empty() ||
                       !request.header("x-forwarded-for").empty() ||
                       !request.header("x-real-ip").empty();
  return isLoopback(request.remoteAddress) && !proxied;
}

}  // namespace

Response health(ServerContext& context, const Request&, const PathParams&) {
  const bool database = context.store.healthy();
  Response response = jsonResponse(database ? 200 : 503,
                                   Json{{"status", database ? "ok" : "degraded"},
                                        {"database", database ? "ok" : "unavailable"},
                                        {"version", WSTUDIO_VERSION}});
  response.setHeader("Cache-Control", "no-store");
  return response;
}

Response metrics(ServerContext& context, const Request& request, const PathParams&) {
  if (!mayReadMetrics(context, request)) {
    throw forbidden(
        "metrics are for the operator: ask from this host itself (not through a proxy) or send "
        "'Authorization: Bearer <token>' with the token in the data folder's metrics-token file");
  }
  Response response;
  response.body = context.metrics.toJson();
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace wstudio::server::routes

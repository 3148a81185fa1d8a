#include "api/router.hpp"

#include <exception>

#include "api/api_error.hpp"
#include "db/sqlite.hpp"
#include "log/structured_log.hpp"

namespace wstudio::server {

bool matchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
  params.clear();
  while (!pattern.empty() && !path.empty()) {
    if (pattern.front() == '{') {
      const size_t close = pattern.find('}');
      const size_t slash = path.find('/');
      const std::string_view segment = path.substr(0, slash);
      if (segment.empty()) return false;
      params.emplace_back(segment);
      pattern.remove_prefix(close + 1);
      path.remove_prefix(segment.size());
      continue;
    }
    if (pattern.front() != path.front()) return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
  }
  return pattern.empty() && path.empty();
}

Work workOf(const Route* route, size_t bodyBytes) {
  if (route != nullptr && route->work != Work::Network) return route->work;
  return bodyBytes > kBulkBodyBytes ? Work::Bulk : Work::Network;
}

bool isApiPath(std::string_view path) {
  return path == "/api" || path.substr(0, 5) == "/api/";
}

RouteMatch matchRoute(std::string_view method, std::string_view path) {
  const std::string_view wanted = method == "HEAD" ? "GET" : method;
  RouteMatch match;
  PathParams params;
  for (const Route& route : apiRoutes()) {
    if (!matchPattern(route.pattern, path, params)) continue;
    match.pathExists = true;
    if (wanted == route.method) {
      match.route = &route;
      match.params = std::move(params);
      return match;
    }
  }
  return match;
}

Response dispatch(ServerContext& context, const Request& request, const RouteMatch& match) {
  if (match.route == nullptr) {
    if (match.pathExists) {
      return errorResponse(405, "method_not_allowed",
                           request.method + " is not supported on " + request.path);
    }
    return errorResponse(404, "not_found", "no API route " + request.path +
                                               "; see docs/api/openapi.yaml");
  }
  try {
    return match.route->handler(context, request, match.params);
  } catch (const ApiError& error) {
    return errorResponse(error);
  } catch (const db::SqliteError& error) {
    logEvent("error", "database", {{"path", request.path}, {"message", error.what()}});
    if ((error.code() & 0xff) == SQLITE_BUSY) {
      return errorResponse(503, "busy", "the server is busy; try again in a moment");
    }
    return errorResponse(500, "internal", "the request failed inside the server; nothing was changed");
  } catch (const std::exception& error) {
    logEvent("error", "handler", {{"path", request.path}, {"message", error.what()}});
    return errorResponse(500, "internal", "the request failed inside the server; nothing was changed");
  }
}

}  // namespace wstudio::server

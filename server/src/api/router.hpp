// The API's route table: method + path pattern ("/api/v1/sessions/{id}") -> handler. Dispatch
// renders every failure in the one error shape; no exception escapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.hpp"
#include "api/server_context.hpp"

namespace wstudio::server {

using PathParams = std::vector<std::string>;
using Handler = Response (*)(ServerContext&, const Request&, const PathParams&);

struct Route {
  const char* method;
  const char* pattern;
  Handler handler;
  // Slow work (password hashing, plugin validation, large uploads): the network layer runs it
  // on the worker pool, never on a connection's thread.
  bool slow = false;
  // Takes a file upload as its body: limited by maxUploadBytes instead of maxJsonBodyBytes.
  bool upload = false;
};

// Every route of /api/v1 (defined with the handlers, in routes_*.cpp).
const std::vector<Route>& apiRoutes();

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this path (or method, see below)
  PathParams params;
  bool pathExists = false;  // a route matches the path with another method: 405
};

RouteMatch matchRoute(std::string_view method, std::string_view path);

// Runs the matched handler (or renders 404/405) and turns ApiError and any other exception into
// the error shape. HEAD runs the GET handler; the body is dropped by the network layer.
Response dispatch(ServerContext& context, const Request& request, const RouteMatch& match);

bool isApiPath(std::string_view path);

// Matches a pattern like "/a/{x}/b" against "/a/123/b", collecting the parameters (non-empty
// path segments) into `params`.
bool matchPattern(std::string_view pattern, std::string_view path, PathParams& params);

}  // namespace wstudio::server

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

// Where the network layer runs a handler. Cheap requests run on the connection's network
// thread; expensive ones on a pool of their own, so that they wait behind each other and never
// in front of cheap ones.
enum class Work {
  Network,  // a few queries; a large body still goes to Bulk (kBulkBodyBytes)
  Hashing,  // password hashing (argon2id): login, register
  Bulk,     // uploads (content validation) and any request with a large body
};

// A body larger than this makes any request Bulk work: parsing it costs more than a query.
inline constexpr size_t kBulkBodyBytes = 64 * 1024;

struct Route {
  const char* method;
  const char* pattern;
  Handler handler;
  Work work = Work::Network;
  // Takes a file upload as its body: limited by maxUploadBytes instead of maxJsonBodyBytes.
  bool upload = false;
};

// The pool a matched request runs on (see Work).
Work workOf(const Route* route, size_t bodyBytes);

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

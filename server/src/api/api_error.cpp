#include "api/api_error.hpp"

#include <nlohmann/json.hpp>

namespace wstudio::server {

ApiError badRequest(const std::string& message, std::string field) {
  return ApiError(400, "invalid_request", message, std::move(field));
}

ApiError unauthenticated() {
  return ApiError(401, "unauthenticated",
                  "sign in first (POST /api/v1/auth/login), or send an API token as "
                  "'Authorization: Bearer <token>'");
}

ApiError forbidden(const std::string& message) { return ApiError(403, "forbidden", message); }

ApiError notFound(const std::string& what) {
  return ApiError(404, "not_found", what + " does not exist or is not visible to you");
}

Response errorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field, const nlohmann::json& extra) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  error.update(extra);
  Response response;
  response.status = status;
  response.body = nlohmann::json{{"error", error}}.dump(-1, ' ', false,
                                                         nlohmann::json::error_handler_t::replace);
  return response;
}

Response errorResponse(const ApiError& error) {
  return errorResponse(error.status(), error.code(), error.what(), error.field(), error.extra());
}

}  // namespace wstudio::server

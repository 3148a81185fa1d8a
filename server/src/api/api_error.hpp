// The API's one error shape: {"error": {"code", "message", "field"?}} with an HTTP status.
// Handlers throw ApiError; the router renders it. Codes are stable strings clients may switch on
// (listed in docs/api/openapi.yaml); messages say what to do next.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "api/http_message.hpp"

namespace wstudio::server {

class ApiError : public std::runtime_error {
 public:
  // `extra`: further members of the error object (e.g. currentRevision of a conflict).
  ApiError(int status, std::string code, const std::string& message, std::string field = {},
           nlohmann::json extra = nlohmann::json::object())
      : std::runtime_error(message), status_(status), code_(std::move(code)),
        field_(std::move(field)), extra_(std::move(extra)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const nlohmann::json& extra() const { return extra_; }

 private:
  int status_;
  std::string code_;
  std::string field_;
  nlohmann::json extra_;
};

// The common ones.
ApiError badRequest(const std::string& message, std::string field = {});
ApiError unauthenticated();
ApiError forbidden(const std::string& message);
ApiError notFound(const std::string& what);

Response errorResponse(int status, const std::string& code, const std::string& message,
                       const std::string& field = {},
                       const nlohmann::json& extra = nlohmann::json::object());
Response errorResponse(const ApiError& error);

}  // namespace wstudio::server

// docs/api/openapi.yaml as a contract the tests enforce: every response the test client
// receives from /api/v1 must be documented for its path, method and status, and a JSON body
// must match the documented schema (type, required, properties, items, enum, nullable, $ref).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace wstudio::server::test {

class OpenApiContract {
 public:
  static const OpenApiContract& instance();  // loaded once from WSTUDIO_OPENAPI_FILE

  // The documented path template ("/sessions/{id}") for a concrete API path
  // ("/api/v1/sessions/abc"), or none.
  std::optional<std::string> pathTemplate(const std::string& apiPath) const;
  bool documents(const std::string& pathTemplate, const std::string& method) const;
  // Every documented path template ("/sessions/{id}/ops").
  std::vector<std::string> pathTemplates() const;
  // Problems of this response against the contract; empty when it conforms.
  std::string check(const std::string& method, const std::string& apiPath, int status,
                    const std::string& contentType, const std::string& body) const;

 private:
  OpenApiContract();
  std::string checkSchema(const nlohmann::json& schema, const nlohmann::json& value,
                          const std::string& where) const;
  const nlohmann::json& resolve(const nlohmann::json& node) const;
  nlohmann::json spec_;
};

}  // namespace wstudio::server::test

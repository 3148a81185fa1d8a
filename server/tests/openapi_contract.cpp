#include "openapi_contract.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "api/router.hpp"

namespace wstudio::server::test {

namespace {

constexpr std::string_view kBase = "/api/v1";

nlohmann::json toJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& item : node) out[item.first.as<std::string>()] = toJson(item.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(toJson(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      // Keys and values the contract uses are strings and booleans; numbers stay strings
      // except where a schema says integer (not needed for checking).
      const std::string text = node.as<std::string>();
      if (node.Tag() == "!") return text;  // quoted
      if (text == "true") return true;
      if (text == "false") return false;
      return text;
    }
    default:
      return nullptr;
  }
}

// The server's own matcher (a documented path template has the route table's syntax).
bool matchTemplate(std::string_view pattern, std::string_view path) {
  PathParams params;
  return matchPattern(pattern, path, params);
}

}  // namespace

const OpenApiContract& OpenApiContract::instance() {
  static const OpenApiContract contract;
  return contract;
}

OpenApiContract::OpenApiContract() : spec_(toJson(YAML::LoadFile(WSTUDIO_OPENAPI_FILE))) {}

std::optional<std::string> OpenApiContract::pathTemplate(const std::string& apiPath) const {
  if (apiPath.rfind(kBase, 0) != 0) return std::nullopt;
  const std::string path = apiPath.substr(kBase.size());
  // Literal templates first: "/presets/{pluginId}/factory" before "/presets/{pluginId}/{presetId}".
  std::optional<std::string> best;
  for (const auto& [pattern, item] : spec_["paths"].items()) {
    if (!matchTemplate(pattern, path)) continue;
    if (!best || std::count(pattern.begin(), pattern.end(), '{') <
                     std::count(best->begin(), best->end(), '{')) {
      best = pattern;
    }
  }
  return best;
}

bool OpenApiContract::documents(const std::string& pathTemplate, const std::string& method) const {
  std::string lower = method;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return spec_["paths"].contains(pathTemplate) && spec_["paths"][pathTemplate].contains(lower);
}

std::vector<std::string> OpenApiContract::pathTemplates() const {
  std::vector<std::string> out;
  for (const auto& [pattern, item] : spec_["paths"].items()) out.push_back(pattern);
  return out;
}

const nlohmann::json& OpenApiContract::resolve(const nlohmann::json& node) const {
  const nlohmann::json* current = &node;
  while (current->is_object() && current->contains("$ref")) {
    const std::string ref = (*current)["$ref"];  // "#/components/schemas/User"
    current = &spec_.at(nlohmann::json::json_pointer(ref.substr(1)));
  }
  return *current;
}

std::string OpenApiContract::checkSchema(const nlohmann::json& schemaNode,
                                         const nlohmann::json& value,
                                         const std::string& where) const {
  const nlohmann::json& schema = resolve(schemaNode);
  if (value.is_null()) {
    return schema.value("nullable", false) ? "" : where + ": null but not nullable; ";
  }
  const std::string type = schema.value("type", "");
  if (type == "object" && !value.is_object()) return where + ": not an object; ";
  if (type == "array" && !value.is_array()) return where + ": not an array; ";
  if (type == "string" && !value.is_string()) return where + ": not a string; ";
  if (type == "integer" && !value.is_number_integer()) return where + ": not an integer; ";
  if (type == "boolean" && !value.is_boolean()) return where + ": not a boolean; ";
  std::string problems;
  if (schema.contains("enum") && value.is_string()) {
    bool found = false;
    for (const auto& allowed : schema["enum"]) found = found || allowed == value;
    if (!found) problems += where + ": " + value.dump() + " is not in its enum; ";
  }
  if (type == "object") {
    for (const auto& name : schema.value("required", nlohmann::json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems += where + ": missing required " + name.get<std::string>() + "; ";
      }
    }
    if (schema.contains("properties")) {
      for (const auto& [name, property] : schema["properties"].items()) {
        if (value.contains(name)) problems += checkSchema(property, value[name], where + "." + name);
      }
    }
  }
  if (type == "array" && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      problems += checkSchema(schema["items"], value[i], where + "[" + std::to_string(i) + "]");
    }
  }
  return problems;
}

std::string OpenApiContract::check(const std::string& method, const std::string& apiPath,
                                   int status, const std::string& contentType,
                                   const std::string& body) const {
  const auto pattern = pathTemplate(apiPath);
  if (!pattern) return status == 404 ? "" : "undocumented path " + apiPath;
  std::string lower = method == "HEAD" ? "get" : method;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& item = spec_["paths"][*pattern];
  if (!item.contains(lower)) {
    return status == 405 ? "" : "undocumented method " + method + " " + *pattern;
  }
  const auto& responses = item[lower]["responses"];
  const std::string code = std::to_string(status);
  if (!responses.contains(code)) {
    return method + " " + *pattern + " answered " + code + ", which is not documented";
  }
  const nlohmann::json& response = resolve(responses[code]);
  if (method == "HEAD" || !response.contains("content") ||
      !response["content"].contains("application/json")) {
    return "";
  }
  if (contentType != "application/json") {
    return method + " " + *pattern + " " + code + ": content type " + contentType + ", documented JSON";
  }
  const auto value = nlohmann::json::parse(body, nullptr, false);
  if (value.is_discarded()) return method + " " + *pattern + " " + code + ": body is not JSON";
  const auto problems = checkSchema(response["content"]["application/json"]["schema"], value, "body");
  return problems.empty() ? "" : method + " " + *pattern + " " + code + ": " + problems;
}

}  // namespace wstudio::server::test

// Reading JSON request bodies: content type, size and nesting depth checked before anything is
// built, and typed field accessors whose errors name the field.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.hpp"

namespace wstudio::server {

using Json = nlohmann::json;

// Nesting deeper than this is refused (400) before the parser builds anything: a session
// document nests about 8 levels.
inline constexpr int kMaxJsonDepth = 64;
// More elements (values, keys, objects and arrays each count one) than this are refused (413)
// while counting, before anything is built: with the byte limit it bounds what one request
// costs to parse. A session of 50,000 notes is about 450,000.
inline constexpr size_t kMaxJsonElements = 500'000;

// The body as a JSON object. Requires Content-Type application/json (which a cross-site HTML form
// cannot send without a CORS preflight, part of the CSRF defence).
Json parseJsonObject(const Request& request);
// Any JSON text with the depth and element limits (for embedded documents).
Json parseJsonText(std::string_view text, std::string_view what);
// The checks of parseJsonObject (content type, syntax, depth, element count) without building
// anything: for bodies that another reader parses (a batch of session operations).
void checkJsonBody(const Request& request);
void checkJsonText(std::string_view text, std::string_view what);

// Field accessors: a missing required field, a wrong type or a length outside [min, max] bytes
// throws a 400 naming the field.
std::string requireString(const Json& object, const char* field, size_t minBytes, size_t maxBytes);
std::optional<std::string> optionalString(const Json& object, const char* field, size_t maxBytes);
std::optional<bool> optionalBool(const Json& object, const char* field);
int64_t requireInteger(const Json& object, const char* field);
const Json& requireObject(const Json& object, const char* field);
// A field's text decoded as standard base64 with padding; anything else throws a 400 naming it.
std::string decodeBase64Field(std::string_view text, const char* field);

}  // namespace wstudio::server

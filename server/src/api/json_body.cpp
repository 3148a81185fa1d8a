#include "api/json_body.hpp"

#include <sodium.h>

#include <cctype>

#include "api/api_error.hpp"

namespace wstudio::server {

namespace {

bool isJsonContentType(std::string_view type) {
  const size_t semicolon = type.find(';');
  std::string_view media = type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media.size() != 16) return false;
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != "application/json"[i]) return false;
  }
  return true;
}

// Counts elements and nesting as the parser reads, and stops it (returns false) at the first
// limit or syntax error.
struct JsonLimitCheck final : nlohmann::json_sax<Json> {
  enum class Verdict { Ok, TooManyElements, TooDeep, Invalid } verdict = Verdict::Ok;
  size_t elements = 0;
  int depth = 0;

  bool element() {
    if (++elements <= kMaxJsonElements) return true;
    verdict = Verdict::TooManyElements;
    return false;
  }
  bool open() {
    if (++depth > kMaxJsonDepth) {
      verdict = Verdict::TooDeep;
      return false;
    }
    return element();
  }

  bool null() override { return element(); }
  bool boolean(bool) override { return element(); }
  bool number_integer(number_integer_t) override { return element(); }
  bool number_unsigned(number_unsigned_t) override { return element(); }
  bool number_float(number_float_t, const string_t&) override { return element(); }
  bool string(string_t&) override { return element(); }
  bool binary(binary_t&) override { return element(); }
  bool key(string_t&) override { return element(); }
  bool start_object(std::size_t) override { return open(); }
  bool end_object() override {
    --depth;
    return true;
  }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override {
    --depth;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    verdict = Verdict::Invalid;
    return false;
  }
};

}  // namespace

void checkJsonText(std::string_view text, std::string_view what) {
  // Builds nothing: it stops at the first syntax error or limit.
  JsonLimitCheck check;
  Json::sax_parse(text.begin(), text.end(), &check);
  switch (check.verdict) {
    case JsonLimitCheck::Verdict::Ok:
      break;
    case JsonLimitCheck::Verdict::TooManyElements:
      throw ApiError(413, "json_too_large",
                     std::string(what) + " has more than " + std::to_string(kMaxJsonElements) +
                         " JSON elements (values and keys); split it or send less");
    case JsonLimitCheck::Verdict::TooDeep:
      throw ApiError(400, "json_too_deep",
                     std::string(what) + " nests deeper than " + std::to_string(kMaxJsonDepth) +
                         " levels");
    case JsonLimitCheck::Verdict::Invalid:
      throw ApiError(400, "invalid_json", std::string(what) + " is not valid JSON");
  }
}

Json parseJsonText(std::string_view text, std::string_view what) {
  checkJsonText(text, what);
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    throw ApiError(400, "invalid_json", std::string(what) + " is not valid JSON");
  }
  return value;
}

void checkJsonBody(const Request& request) {
  if (!isJsonContentType(request.header("content-type"))) {
    throw ApiError(415, "unsupported_media_type",
                   "send the body as JSON with 'Content-Type: application/json'");
  }
  checkJsonText(request.body, "the request body");
}

Json parseJsonObject(const Request& request) {
  if (!isJsonContentType(request.header("content-type"))) {
    throw ApiError(415, "unsupported_media_type",
                   "send the body as JSON with 'Content-Type: application/json'");
  }
  Json value = parseJsonText(request.body, "the request body");
  if (!value.is_object()) throw badRequest("the request body must be a JSON object");
  return value;
}

std::optional<std::string> optionalString(const Json& object, const char* field, size_t maxBytes) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw badRequest(std::string(field) + " must be a string", field);
  std::string value = it->get<std::string>();
  if (value.size() > maxBytes) {
    throw badRequest(std::string(field) + " must be at most " + std::to_string(maxBytes) +
                         " bytes long",
                     field);
  }
  return value;
}

std::string requireString(const Json& object, const char* field, size_t minBytes,
                          size_t maxBytes) {
  auto value = optionalString(object, field, maxBytes);
  if (!value) throw badRequest(std::string(field) + " is required", field);
  if (value->size() < minBytes) {
    throw badRequest(std::string(field) + " must be at least " + std::to_string(minBytes) +
                         (minBytes == 1 ? " byte long" : " bytes long"),
                     field);
  }
  return *value;
}

std::optional<bool> optionalBool(const Json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw badRequest(std::string(field) + " must be true or false", field);
  return it->get<bool>();
}

int64_t requireInteger(const Json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end()) throw badRequest(std::string(field) + " is required", field);
  if (!it->is_number_integer()) throw badRequest(std::string(field) + " must be an integer", field);
  return it->get<int64_t>();
}

const Json& requireObject(const Json& object, const char* field) {
  const auto it = object.find(field);
  if (it == object.end()) throw badRequest(std::string(field) + " is required", field);
  if (!it->is_object()) throw badRequest(std::string(field) + " must be an object", field);
  return *it;
}

std::string decodeBase64Field(std::string_view text, const char* field) {
  std::string bytes(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw badRequest(std::string(field) + " must be standard base64 with padding", field);
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace wstudio::server

// A SAX handler that builds the document with nlohmann's own DOM builder (in its non-throwing
// mode), watches object keys for repeats, and keeps the parser's error message: the message is
// handed to the handler as an exception object that is never thrown.
#include "strict_json_parser.hpp"

#include <set>
#include <vector>

#include "text_format.hpp"

namespace wstudio::session::detail {

namespace {

using Json = nlohmann::json;

// nlohmann's messages start with "[json.exception.parse_error.101] "; the id is noise here.
std::string withoutExceptionId(const std::string& what) {
  const auto end = what.find("] ");
  return what.starts_with("[json.exception.") && end != std::string::npos ? what.substr(end + 2)
                                                                          : what;
}

class StrictBuilder final : public nlohmann::json_sax<Json> {
 public:
  explicit StrictBuilder(Json& result) : dom_(result, /*allow_exceptions=*/false) {}

  const std::string& syntaxError() const { return syntaxError_; }
  const std::string& duplicateKey() const { return duplicateKey_; }

  bool null() override { return dom_.null(); }
  bool boolean(bool value) override { return dom_.boolean(value); }
  bool number_integer(number_integer_t value) override { return dom_.number_integer(value); }
  bool number_unsigned(number_unsigned_t value) override { return dom_.number_unsigned(value); }
  bool number_float(number_float_t value, const string_t& text) override {
    return dom_.number_float(value, text);
  }
  bool string(string_t& value) override { return dom_.string(value); }
  bool binary(binary_t& value) override { return dom_.binary(value); }
  bool start_object(std::size_t elements) override {
    keysPerObject_.emplace_back();
    return dom_.start_object(elements);
  }
  bool key(string_t& value) override {
    // The first repeat is reported; parsing goes on so that a syntax error still wins.
    if (!keysPerObject_.back().insert(value).second && duplicateKey_.empty()) {
      duplicateKey_ = value;
    }
    return dom_.key(value);
  }
  bool end_object() override {
    keysPerObject_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t elements) override { return dom_.start_array(elements); }
  bool end_array() override { return dom_.end_array(); }
  bool parse_error(std::size_t position, const std::string& lastToken,
                   const nlohmann::detail::exception& error) override {
    syntaxError_ = withoutExceptionId(error.what());
    return dom_.parse_error(position, lastToken, error);
  }

 private:
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::vector<std::set<std::string>> keysPerObject_;
  std::string syntaxError_;
  std::string duplicateKey_;
};

}  // namespace

std::optional<Json> parseStrictly(std::string_view text, std::string& error) {
  Json document;
  StrictBuilder builder(document);
  const bool parsed = Json::sax_parse(text, &builder);
  if (!parsed || !builder.syntaxError().empty()) {
    error = "not valid JSON: " + builder.syntaxError();
    return std::nullopt;
  }
  if (!builder.duplicateKey().empty()) {
    error = "not valid JSON: duplicate key " + inQuotes(builder.duplicateKey()) + " in an object";
    return std::nullopt;
  }
  return document;
}

bool nestsDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace wstudio::session::detail

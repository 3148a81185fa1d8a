// Writes JSON text straight into a string, for the hot responses (session lists) and the access
// log, where building an nlohmann::json tree (a std::map per object) cost more than the rest of
// the request. Produces the same text nlohmann's dump() would for the same values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wstudio::server {

class JsonWriter {
 public:
  JsonWriter& beginObject() { return open('{'); }
  JsonWriter& endObject() { return close('}'); }
  JsonWriter& beginArray() { return open('['); }
  JsonWriter& endArray() { return close(']'); }
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(int64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& null();

  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  // Room for about this many bytes of output, so that a long listing grows its string once.
  JsonWriter& reserve(size_t bytes) {
    out_.reserve(bytes);
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  void separate();

  std::string out_;
  bool needComma_ = false;
};

}  // namespace wstudio::server

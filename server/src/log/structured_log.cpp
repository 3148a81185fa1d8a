#include "log/structured_log.hpp"

#include "api/json_writer.hpp"

#include <chrono>
#include <cstdio>

namespace wstudio::server {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void logAccess(std::string_view method, std::string_view path, int status, uint64_t bytes,
               int64_t micros, std::string_view remote) {
  JsonWriter line;
  line.beginObject()
      .field("time", nowMs())
      .field("level", "info")
      .field("event", "access")
      .field("method", method)
      .field("path", path)
      .field("status", int64_t{status})
      .field("bytes", static_cast<int64_t>(bytes))
      .field("micros", micros)
      .field("remote", remote)
      .endObject();
  std::string text = line.take();
  text.push_back('\n');
  std::fputs(text.c_str(), stderr);
}

void logEvent(const char* level, const char* event, nlohmann::json fields) {
  nlohmann::json line = {{"time", nowMs()}, {"level", level}, {"event", event}};
  line.update(fields);
  // One fputs per line: stdio locks the stream, so concurrent lines never interleave.
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(text.c_str(), stderr);
}

}  // namespace wstudio::server

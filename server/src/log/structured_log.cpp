#include "log/structured_log.hpp"

#include <chrono>
#include <cstdio>

namespace wstudio::server {

void logEvent(const char* level, const char* event, nlohmann::json fields) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  nlohmann::json line = {{"time", now}, {"level", level}, {"event", event}};
  line.update(fields);
  // One fputs per line: stdio locks the stream, so concurrent lines never interleave.
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(text.c_str(), stderr);
}

}  // namespace wstudio::server

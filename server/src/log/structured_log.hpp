// Structured logs: one JSON object per line on stderr ({"time", "level", "event", ...fields}).
// Access logs and error logs go through here so that they can be parsed and shipped as is.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

namespace wstudio::server {

void logEvent(const char* level, const char* event, nlohmann::json fields = nlohmann::json::object());

// The access log line of one request (the hot path: written without a JSON tree).
void logAccess(std::string_view method, std::string_view path, int status, uint64_t bytes,
               int64_t micros, std::string_view remote);

}  // namespace wstudio::server

// Structured logs: one JSON object per line on stderr ({"time", "level", "event", ...fields}).
// Access logs and error logs go through here so that they can be parsed and shipped as is.
#pragma once

#include <nlohmann/json.hpp>

namespace wstudio::server {

void logEvent(const char* level, const char* event, nlohmann::json fields = nlohmann::json::object());

}  // namespace wstudio::server

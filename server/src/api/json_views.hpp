// How stored records appear in API responses (field names as in docs/api/openapi.yaml).
#pragma once

#include "api/json_body.hpp"
#include "api/json_writer.hpp"
#include "store/store.hpp"

namespace wstudio::server {

Json userJson(const User& user);
void writeSessionSummary(JsonWriter& out, const SessionSummary& summary);
Json presetJson(const Preset& preset);
Json tokenJson(const ApiToken& token);
Response jsonResponse(int status, const Json& body);
Response noContent();

}  // namespace wstudio::server

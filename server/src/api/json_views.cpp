#include "api/json_views.hpp"

#include <sodium.h>

namespace wstudio::server {

namespace {

std::string base64(const std::vector<uint8_t>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

}  // namespace

Json userJson(const User& user) {
  return Json{{"id", user.id},
              {"username", user.username},
              {"displayName", user.displayName},
              {"bio", user.bio},
              {"avatarSha256", user.avatarSha256 ? Json(*user.avatarSha256) : Json(nullptr)},
              {"createdAt", user.createdAt}};
}

void writeSessionSummary(JsonWriter& out, const SessionSummary& s) {
  out.beginObject()
      .field("id", s.id)
      .field("ownerId", s.ownerId)
      .field("name", s.name)
      .field("public", s.isPublic)
      .field("revision", s.revision)
      .field("updatedAt", s.updatedAt)
      .field("role", roleName(s.role))
      .endObject();
}

Json presetJson(const Preset& p) {
  return Json{{"id", p.id},
              {"ownerId", p.ownerId},
              {"pluginId", p.pluginId},
              {"name", p.name},
              {"params", Json::parse(p.paramsJson, nullptr, false)},
              {"state", base64(p.state)},
              {"public", p.isPublic},
              {"createdAt", p.createdAt}};
}

Json tokenJson(const ApiToken& token) {
  return Json{{"id", token.id}, {"name", token.name}, {"createdAt", token.createdAt}};
}

Response jsonResponse(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response noContent() {
  Response response;
  response.status = 204;
  response.contentType.clear();
  return response;
}

}  // namespace wstudio::server

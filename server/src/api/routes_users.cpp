// /api/v1/users/{id}: public profiles; a user edits their own.
#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace wstudio::server::routes {

Response getUser(ServerContext& context, const Request&, const PathParams& params) {
  const auto user = context.store.user(params[0]);
  if (!user) throw notFound("user " + params[0]);
  return jsonResponse(200, userJson(*user));
}

Response updateUser(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  if (who.userId != params[0]) throw forbidden("you can only change your own profile");
  auto user = context.store.user(who.userId);
  if (!user) throw unauthenticated();
  const Json body = parseJsonObject(request);
  if (auto name = optionalString(body, "displayName", 128)) {
    if (name->empty()) throw badRequest("displayName must not be empty", "displayName");
    user->displayName = *name;
  }
  if (auto bio = optionalString(body, "bio", 2000)) user->bio = *bio;
  if (body.contains("avatarSha256")) {
    if (body["avatarSha256"].is_null()) {
      user->avatarSha256.reset();
    } else {
      const std::string sha = requireString(body, "avatarSha256", 64, 64);
      const auto asset = context.store.asset(sha);
      if (!asset || !context.store.canReadAsset(sha, who.userId)) {
        throw badRequest("avatarSha256 must be an image you uploaded (POST /api/v1/assets)",
                         "avatarSha256");
      }
      if (asset->kind != "png" && asset->kind != "jpeg") {
        throw badRequest("the avatar must be a PNG or JPEG image", "avatarSha256");
      }
      user->avatarSha256 = sha;
    }
  }
  context.store.updateProfile(*user);
  return jsonResponse(200, userJson(*user));
}

}  // namespace wstudio::server::routes

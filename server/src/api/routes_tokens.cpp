// /api/v1/tokens: personal API tokens for the CLI. The secret is shown once, at creation.
#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"

namespace wstudio::server::routes {

Response createToken(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  ApiToken token{newId(), requireString(body, "name", 1, 128), context.nowMs()};
  const std::string secret = "wst_" + newSecret();
  context.store.addToken(who.userId, token, secretHash(secret));
  Json out = tokenJson(token);
  out["token"] = secret;
  Response response = jsonResponse(201, out);
  response.setHeader("Cache-Control", "no-store");  // carries the secret
  return response;
}

Response listTokens(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  Json list = Json::array();
  for (const ApiToken& token : context.store.tokens(who.userId)) list.push_back(tokenJson(token));
  return jsonResponse(200, Json{{"tokens", std::move(list)}});
}

Response deleteToken(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  if (!context.store.removeToken(who.userId, params[0])) throw notFound("token " + params[0]);
  context.events.accessChangedForUser(who.userId);  // sockets opened with it close
  return noContent();
}

}  // namespace wstudio::server::routes

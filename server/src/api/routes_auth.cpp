// /api/v1/auth: register, login, logout, me. Logins are random 256-bit cookie values (stored
// hashed), rotated at every login; each has its own CSRF token.
#include <algorithm>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/password.hpp"
#include "auth/secrets.hpp"

namespace wstudio::server::routes {

namespace {

std::string validUsername(const Json& body) {
  std::string name = requireString(body, "username", 3, 32);
  const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
  });
  if (!ok) {
    throw badRequest("username may hold only letters, digits, '_', '-' and '.'", "username");
  }
  return name;
}

std::string cookieHeader(const ServerContext& context, const std::string& value, int64_t maxAgeS) {
  return std::string(kLoginCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(maxAgeS) + (context.settings.secureCookies ? "; Secure" : "");
}

// Starts a login for `user`: a new cookie (rotation: the caller's previous login, if any, ends).
Response startLogin(ServerContext& context, const Request& request, const User& user, int status) {
  const int64_t now = context.nowMs();
  if (const auto old = request.cookie(kLoginCookie); !old.empty()) {
    const auto previous = context.store.login(secretHash(old), now);
    context.store.removeLogin(secretHash(old));
    // Sockets opened with the old login close.
    if (previous) context.events.accessChangedForUser(previous->userId);
  }
  const std::string secret = newSecret();
  Login login{user.id, newSecret(), now + context.settings.loginLifetimeMs};
  context.store.addLogin(secretHash(secret), login, now);
  Response response = jsonResponse(status, Json{{"user", userJson(user)}, {"csrfToken", login.csrfToken}});
  response.setHeader("Cache-Control", "no-store");  // carries the CSRF token
  response.setHeader("Set-Cookie",
                     cookieHeader(context, secret, context.settings.loginLifetimeMs / 1000));
  return response;
}

}  // namespace

Response registerUser(ServerContext& context, const Request& request, const PathParams&) {
  const Json body = parseJsonObject(request);
  User user;
  user.username = validUsername(body);
  const std::string password = requireString(body, "password", 0, 1024);
  if (auto problem = passwordProblem(password)) throw badRequest(*problem, "password");
  user.displayName = optionalString(body, "displayName", 128).value_or(user.username);
  user.id = newId();
  user.createdAt = context.nowMs();
  if (!context.store.createUser(user, hashPassword(password))) {
    throw ApiError(409, "username_taken", "the username '" + user.username +
                                              "' is taken; choose another", "username");
  }
  return startLogin(context, request, user, 201);
}

Response login(ServerContext& context, const Request& request, const PathParams&) {
  const Json body = parseJsonObject(request);
  const std::string username = requireString(body, "username", 1, 64);
  const std::string password = requireString(body, "password", 0, 1024);
  const int64_t now = context.nowMs();
  if (const int64_t wait = context.throttle.waitSeconds(username, request.remoteAddress, now)) {
    ApiError error(429, "too_many_attempts",
                   "too many failed logins; try again in " + std::to_string(wait) + " s");
    Response response = errorResponse(error);
    response.setHeader("Retry-After", std::to_string(wait));
    return response;
  }
  const auto found = context.store.userByName(username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  static const std::string dummy = hashPassword("not a password of anyone");
  const bool valid = verifyPassword(found ? found->second : dummy, password) && found;
  if (!valid) {
    context.throttle.recordFailure(username, request.remoteAddress, now);
    throw ApiError(401, "invalid_credentials", "wrong username or password");
  }
  context.throttle.recordSuccess(username);
  return startLogin(context, request, found->first, 200);
}

Response logout(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  if (!who.viaCookie) throw badRequest("logout ends cookie logins; revoke API tokens instead");
  context.store.removeLogin(secretHash(request.cookie(kLoginCookie)));
  context.events.accessChangedForUser(who.userId);
  Response response = noContent();
  response.setHeader("Set-Cookie", cookieHeader(context, "", 0));
  return response;
}

Response me(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const auto user = context.store.user(who.userId);
  if (!user) throw unauthenticated();
  Json body{{"user", userJson(*user)}};
  if (who.viaCookie) body["csrfToken"] = who.csrfToken;
  Response response = jsonResponse(200, body);
  response.setHeader("Cache-Control", "no-store");  // carries the CSRF token
  return response;
}

}  // namespace wstudio::server::routes

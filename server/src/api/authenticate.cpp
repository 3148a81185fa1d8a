#include "api/authenticate.hpp"

#include "api/api_error.hpp"
#include "auth/secrets.hpp"

namespace wstudio::server {

namespace {

bool isSafeMethod(std::string_view method) { return method == "GET" || method == "HEAD"; }

std::optional<Principal> fromBearer(ServerContext& context, std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.substr(0, kScheme.size()) != kScheme) {
    throw ApiError(401, "invalid_credentials",
                   "the Authorization header must be 'Bearer <API token>'");
  }
  const auto owner = context.store.tokenOwner(secretHash(authorization.substr(kScheme.size())));
  if (!owner) {
    throw ApiError(401, "invalid_credentials",
                   "the API token is unknown or was revoked; create a new one (POST /api/v1/tokens)");
  }
  return Principal{*owner, false, {}};
}

}  // namespace

std::optional<Principal> authenticate(ServerContext& context, const Request& request) {
  if (const auto authorization = request.header("authorization"); !authorization.empty()) {
    return fromBearer(context, authorization);
  }
  const std::string_view cookie = request.cookie(kLoginCookie);
  if (cookie.empty()) return std::nullopt;
  const auto login = context.store.login(secretHash(cookie), context.nowMs());
  if (!login) {
    throw ApiError(401, "login_expired", "your login has expired or was ended; sign in again");
  }
  if (!isSafeMethod(request.method) &&
      !secretsEqual(request.header("x-csrf-token"), login->csrfToken)) {
    throw ApiError(403, "csrf_token_invalid",
                   "send the csrfToken from /api/v1/auth/me in the X-CSRF-Token header");
  }
  return Principal{login->userId, true, login->csrfToken};
}

Principal requireUser(ServerContext& context, const Request& request) {
  auto principal = authenticate(context, request);
  if (!principal) throw unauthenticated();
  return *principal;
}

}  // namespace wstudio::server

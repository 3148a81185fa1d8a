// Who is calling: a login cookie (browser) or a personal API token (Authorization: Bearer, the
// CLI). Cookie-authenticated writes must carry the login's CSRF token in X-CSRF-Token.
#pragma once

#include <optional>
#include <string>

#include "api/http_message.hpp"
#include "api/server_context.hpp"

namespace wstudio::server {

inline constexpr const char* kLoginCookie = "wstudio_login";

struct Principal {
  std::string userId;
  bool viaCookie = false;
  std::string csrfToken;  // cookie logins only
};

// The caller, or none when anonymous. A present but invalid/expired credential is 401 (so a
// client notices instead of silently acting anonymously). For cookie logins and a method other
// than GET/HEAD, checks the CSRF header (403 when it is missing or wrong).
std::optional<Principal> authenticate(ServerContext& context, const Request& request);
// As authenticate(), but anonymous is 401.
Principal requireUser(ServerContext& context, const Request& request);

}  // namespace wstudio::server

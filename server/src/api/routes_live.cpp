// GET /api/v1/sessions/{id}/events: the WebSocket upgrade and its policy. Authorised like GET of
// the session; a cookie login must come from this server's own origin (browsers do not apply
// CORS to WebSocket handshakes, so a cross-site page could otherwise listen with the user's
// cookie). The grant carries a re-check that runs on every later access change
// (live/session_events.hpp), so access to the channel ends when the access does.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/routes.hpp"
#include "live/live_grant.hpp"

namespace wstudio::server::routes {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whether a comma-separated header value lists `token` (case-insensitively).
bool listsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (lowercase(item) == token) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

bool isWebSocketUpgrade(const Request& request) {
  return lowercase(request.header("upgrade")) == "websocket" &&
         listsToken(request.header("connection"), "upgrade");
}

// An origin as RFC 6454 compares it: scheme, host and port (the scheme's default when absent).
struct Origin {
  std::string scheme;
  std::string host;
  uint32_t port = 0;
  bool operator==(const Origin&) const = default;
};

std::optional<uint32_t> defaultPort(std::string_view scheme) {
  if (scheme == "http") return 80;
  if (scheme == "https") return 443;
  return std::nullopt;
}

// "host[:port]" (an IPv6 host in brackets) with a known scheme; none when malformed.
std::optional<Origin> parseAuthority(std::string scheme, std::string_view authority) {
  const auto port = defaultPort(scheme);
  if (!port || authority.empty()) return std::nullopt;
  Origin origin{std::move(scheme), {}, *port};
  const size_t colon = authority.rfind(':');
  const bool hasPort = colon != std::string_view::npos &&
                       (authority.front() != '[' || authority.find(']') < colon);
  if (hasPort) {
    const std::string_view digits = authority.substr(colon + 1);
    uint32_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || value > 65535) {
      return std::nullopt;
    }
    origin.port = value;
    authority = authority.substr(0, colon);
  }
  if (authority.empty() || authority.find_first_of("/?#@ ") != std::string_view::npos) return std::nullopt;
  origin.host = lowercase(authority);
  return origin;
}

std::optional<Origin> parseOrigin(std::string_view text) {
  const size_t separator = text.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  return parseAuthority(lowercase(text.substr(0, separator)), text.substr(separator + 3));
}

void checkOrigin(ServerContext& context, const Request& request) {
  if (request.cookie(kLoginCookie).empty() || request.header("origin").empty()) return;
  // This server's own origin: its scheme (HTTPS when it sets Secure cookies, i.e. behind TLS)
  // and the Host the browser addressed.
  const auto own = parseAuthority(context.settings.secureCookies ? "https" : "http",
                                  request.header("host"));
  const auto origin = parseOrigin(request.header("origin"));
  if (!own || !origin || *own != *origin) {
    throw forbidden("cross-site WebSocket connections are refused: the page's origin (" +
                    std::string(request.header("origin")) + ") is not this server's");
  }
}

// Checks again, with the credentials of the upgrade, that the caller may still see the session.
AccessCheck accessCheck(ServerContext& context, const Request& upgrade, const std::string& sessionId) {
  Request credentials;
  credentials.method = "GET";
  for (const auto& [name, value] : upgrade.headers) {
    if (name == "cookie" || name == "authorization") credentials.headers.emplace_back(name, value);
  }
  return [&context, credentials = std::move(credentials), sessionId]() -> std::optional<SocketClose> {
    try {
      checkCanWatch(context, credentials, sessionId);
      return std::nullopt;
    } catch (const ApiError& error) {
      if (error.status() == 401) {
        return SocketClose{1008, "access to this session ended: your login or API token is no longer valid"};
      }
      if (!context.store.session(sessionId)) return SocketClose{1000, "the session was deleted"};
      return SocketClose{1008, "access to this session ended: you may no longer see it"};
    }
  };
}

}  // namespace

Response watchSession(ServerContext& context, const Request& request, const PathParams& params) {
  if (!isWebSocketUpgrade(request)) {
    ApiError error(426, "upgrade_required",
                   "this is a WebSocket: send GET with 'Connection: Upgrade' and 'Upgrade: websocket'");
    Response response = errorResponse(error);
    response.setHeader("Upgrade", "websocket");
    return response;
  }
  checkOrigin(context, request);
  auto grant = std::make_shared<LiveGrant>();
  // Read before the check: a change of access during it is caught when subscribing.
  grant->checkedAtGeneration = context.events.accessGeneration();
  const auto who = authenticate(context, request);
  checkCanWatch(context, request, params[0]);
  grant->sessionId = params[0];
  grant->userId = who ? who->userId : std::string();
  grant->check = accessCheck(context, request, params[0]);
  Response response;
  response.status = 101;
  response.liveGrant = std::move(grant);
  return response;
}

}  // namespace wstudio::server::routes

// libFuzzer target: arbitrary requests into the API router and its JSON handling, with a real
// SqliteStore and blob store in a temporary folder. Input: byte 0 picks the method, byte 1 the
// credentials (none, a valid API token, a valid cookie with or without its CSRF token, garbage),
// then the path up to '\n', then the body. Oracle: dispatch never throws or crashes, every
// status is 2xx..5xx, and every error is the one JSON shape.
#include <sodium.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/router.hpp"
#include "api/server_context.hpp"
#include "auth/secrets.hpp"
#include "blob/file_blob_store.hpp"
#include "plugins/plugin_catalog.hpp"
#include "store/sqlite_store.hpp"

namespace {

using namespace wstudio::server;

struct World {
  std::filesystem::path dir;
  std::unique_ptr<SqliteStore> store;
  std::unique_ptr<FileBlobStore> blobs;
  std::unique_ptr<PluginCatalog> plugins;
  ServerSettings settings;
  LoginThrottle throttle;
  ServerMetrics metrics;
  SessionEvents events;
  SessionListCache sessionLists;
  std::unique_ptr<ServerContext> context;
  std::string token, cookie, csrf;

  World() {
    if (sodium_init() < 0) std::abort();
    dir = std::filesystem::temp_directory_path() / ("wstudio-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "tmp");
    store = std::make_unique<SqliteStore>(dir / "studio.db");
    blobs = std::make_unique<FileBlobStore>(dir);
    // The build's factory catalog, so that factory plugin ids and presets are known.
    auto factory = wstudio::factory::readCatalog(WSTUDIO_PLUGIN_SHARE_DIR);
    if (!factory) std::abort();
    plugins = std::make_unique<PluginCatalog>(dir / "cache", factory.value());
    context = std::make_unique<ServerContext>(
        ServerContext{*store, *blobs, settings, throttle, metrics, *plugins, events,
                      sessionLists});
    // One user with an API token and a cookie login, created directly (no slow hashing).
    User user{newId(), "fuzz", "Fuzz", "", std::nullopt, 1};
    store->createUser(user, "$argon2id$v=19$m=65536,t=2,p=1$unused$unused");
    token = "wst_" + newSecret();
    store->addToken(user.id, ApiToken{newId(), "fuzz", 1}, secretHash(token));
    cookie = newSecret();
    csrf = newSecret();
    store->addLogin(secretHash(cookie), Login{user.id, csrf, INT64_MAX}, 1);
  }
  ~World() { std::filesystem::remove_all(dir); }
};

World& world() {
  static World instance;
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  World& w = world();
  static const char* kMethods[] = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};
  Request request;
  request.method = kMethods[data[0] % 6];
  request.remoteAddress = "127.0.0.1";
  const std::string rest(reinterpret_cast<const char*>(data + 2), size - 2);
  const size_t newline = rest.find('\n');
  request.path = "/api/v1/" + rest.substr(0, newline);
  request.body = newline == std::string::npos ? std::string() : rest.substr(newline + 1);
  request.headers.emplace_back("content-type", "application/json");
  switch (data[1] % 5) {
    case 1: request.headers.emplace_back("authorization", "Bearer " + w.token); break;
    case 2:
      request.headers.emplace_back("cookie", "wstudio_login=" + w.cookie);
      request.headers.emplace_back("x-csrf-token", w.csrf);
      break;
    case 3: request.headers.emplace_back("cookie", "wstudio_login=" + w.cookie); break;
    case 4: request.headers.emplace_back("authorization", rest.substr(0, 64)); break;
    default: break;
  }
  const RouteMatch match = matchRoute(request.method, request.path);
  // Expensive routes (password hashing, upload validation) are fuzzed through their parts, not
  // here.
  if (match.route != nullptr && match.route->work != Work::Network) return 0;
  const Response response = dispatch(*w.context, request, match);
  const bool upgraded = response.status == 101 && response.liveGrant != nullptr;
  if ((response.status < 200 && !upgraded) || response.status > 599) std::abort();
  if (response.status >= 400) {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("error") || !body["error"].contains("code") ||
        !body["error"]["code"].is_string()) {
      std::abort();
    }
  }
  return 0;
}

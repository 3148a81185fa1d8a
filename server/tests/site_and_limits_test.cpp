// The server as a web server: the app (or its placeholder) on every client route with the
// cross-origin isolation headers, health and metrics, and hostile HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

TEST(Site, ClientRoutesServeTheAppWithIsolationHeaders) {
  ServerProcess server;
  HttpClient client(server.port());
  for (const char* path : {"/", "/forge", "/studio", "/studio/abc123", "/gallery"}) {
    const auto res = client.get(path);
    ASSERT_EQ(res.status, 200) << path;
    EXPECT_EQ(res.header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(res.body.find("WASM Studio"), std::string::npos);
    EXPECT_EQ(res.header("cross-origin-opener-policy"), "same-origin");
    EXPECT_EQ(res.header("cross-origin-embedder-policy"), "require-corp");
    EXPECT_EQ(res.header("x-content-type-options"), "nosniff");
  }
  EXPECT_EQ(client.get("/api/v1/health").header("cross-origin-embedder-policy"), "require-corp");
}

TEST(Site, ServesBuiltFilesWithMimeTypesAndRefusesTraversal) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "Site.Built";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "web" / "assets");
  std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>app</title>";
  std::ofstream(dir / "web" / "assets" / "main-1a2b.js") << "console.log(1)";
  std::ofstream(dir / "secret.txt") << "do not serve";
  ServerProcess server(dir, "--web " + (dir / "web").string());
  HttpClient client(server.port());
  auto res = client.get("/assets/main-1a2b.js");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_NE(res.header("cache-control").find("immutable"), std::string::npos);
  res = client.get("/studio/xyz");
  EXPECT_EQ(res.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(res.header("cache-control"), "no-cache");
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"}) {
    res = client.get(path);
    EXPECT_EQ(res.body.find("do not serve"), std::string::npos) << path;
  }
}

TEST(Site, HealthAndMetrics) {
  ServerProcess server;
  HttpClient client(server.port());
  auto res = client.get("/api/v1/health");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["status"], "ok");
  EXPECT_EQ(res.json()["database"], "ok");
  client.get("/api/v1/nothing");
  res = client.get("/api/v1/metrics");
  ASSERT_EQ(res.status, 200);
  EXPECT_GE(res.json()["requests"]["total"], 2);
  EXPECT_GE(res.json()["requests"]["4xx"], 1);
  EXPECT_TRUE(res.json()["latencyMicroseconds"]["buckets"].is_array());
  EXPECT_EQ(res.json()["openWebSockets"], 0);
}

// Metrics describe the server's traffic: only for the host itself (a loopback client that did
// not come through a proxy) or whoever holds the operator's metrics token (<data>/metrics-token).
TEST(Site, MetricsAreForTheOperatorOnly) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "Site.Metrics";
  std::filesystem::remove_all(dir);
  const std::vector<std::pair<std::string, std::string>> proxied{{"X-Forwarded-For", "203.0.113.9"}};
  {
    ServerProcess server(dir / "plain");
    HttpClient client(server.port());
    EXPECT_EQ(client.get("/api/v1/metrics").status, 200);
    auto res = client.request("GET", "/api/v1/metrics", {}, proxied);
    EXPECT_EQ(res.status, 403) << res.body;
    EXPECT_EQ(res.body.find("requests"), std::string::npos);
    res = client.request("GET", "/api/v1/metrics", {}, {{"Forwarded", "for=203.0.113.9"}});
    EXPECT_EQ(res.status, 403);
  }
  std::filesystem::create_directories(dir / "token" / "data");
  std::ofstream(dir / "token" / "data" / "metrics-token") << "s3cret-metrics-token-0123456789\n";
  ServerProcess server(dir / "token");
  HttpClient client(server.port());
  auto headers = proxied;
  EXPECT_EQ(client.request("GET", "/api/v1/metrics", {}, headers).status, 403);
  headers.emplace_back("Authorization", "Bearer wrong");
  EXPECT_EQ(client.request("GET", "/api/v1/metrics", {}, headers).status, 403);
  headers = proxied;
  headers.emplace_back("Authorization", "Bearer s3cret-metrics-token-0123456789");
  EXPECT_EQ(client.request("GET", "/api/v1/metrics", {}, headers).status, 200);
}

TEST(Site, HostileHttpGetsAnErrorAndTheServerLives) {
  ServerProcess server;
  HttpClient client(server.port());
  std::string answer = client.raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
  answer = client.raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  EXPECT_NE(answer.find("431"), std::string::npos) << answer.substr(0, 200);
  answer = client.raw("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n");
  EXPECT_NE(answer.find("413"), std::string::npos) << answer.substr(0, 200);
  answer = client.raw("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer.substr(0, 200);
  EXPECT_EQ(client.get("/api/v1/health").status, 200);
}

TEST(Site, SigtermStopsGracefully) {
  ServerProcess server;
  HttpClient client(server.port());
  EXPECT_EQ(client.get("/api/v1/health").status, 200);
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace wstudio::server::test

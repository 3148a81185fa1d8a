// Accounts against the real server: register, login (cookie rotation, throttling), logout,
// CSRF, API tokens, profiles. Rule ids refer to docs/api/openapi.yaml's x-rules.
#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

TEST(ApiAuth, RegisterLogsInAndMeShowsTheUser) {
  ServerProcess server;
  HttpClient client(server.port());
  const std::string id = client.registerUser("ada");
  EXPECT_EQ(id.size(), 32u);
  const auto cookie = client.cookie();
  EXPECT_NE(cookie.find("wstudio_login="), std::string::npos);
  const auto me = client.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["user"]["username"], "ada");
  EXPECT_EQ(me.json()["csrfToken"], client.csrfToken());
}

// A response that carries the CSRF token must never be kept by a cache (shared or the
// browser's): another user of the machine or proxy could read it.
TEST(ApiAuth, ResponsesWithTheCsrfTokenAreNotStored) {
  ServerProcess server;
  HttpClient client(server.port());
  auto res = client.post("/api/v1/auth/register", {{"username", "ned"}, {"password", "correct horse 1"}});
  ASSERT_EQ(res.status, 201);
  ASSERT_TRUE(res.json().contains("csrfToken"));
  EXPECT_EQ(res.header("cache-control"), "no-store");
  client.forgetCredentials();
  client.login("ned");
  res = client.get("/api/v1/auth/me");
  ASSERT_TRUE(res.json().contains("csrfToken"));
  EXPECT_EQ(res.header("cache-control"), "no-store");
  res = client.post("/api/v1/auth/login", {{"username", "ned"}, {"password", "correct horse 1"}});
  ASSERT_TRUE(res.json().contains("csrfToken"));
  EXPECT_EQ(res.header("cache-control"), "no-store");
}

TEST(ApiAuth, CookieIsHttpOnlySameSiteLax) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto res = client.post("/api/v1/auth/register",
                               {{"username", "bob"}, {"password", "correct horse 1"}});
  ASSERT_EQ(res.status, 201);
  const std::string setCookie = res.header("set-cookie");
  EXPECT_NE(setCookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(setCookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(setCookie.find("Secure"), std::string::npos);  // no TLS here
}

TEST(ApiAuth, RegisterRefusesBadInputAndTakenNames) {
  ServerProcess server;
  HttpClient client(server.port());
  auto res = client.post("/api/v1/auth/register", {{"username", "x"}, {"password", "long enough 1"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.json()["error"]["field"], "username");
  res = client.post("/api/v1/auth/register", {{"username", "carol"}, {"password", "short"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.json()["error"]["field"], "password");
  client.registerUser("carol");
  client.forgetCredentials();
  res = client.post("/api/v1/auth/register", {{"username", "CAROL"}, {"password", "long enough 1"}});
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(res.errorCode(), "username_taken");
}

TEST(ApiAuth, LoginRotatesTheCookieAndLogoutRevokesIt) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("dan");
  const std::string first = client.cookie();
  client.login("dan");
  const std::string second = client.cookie();
  EXPECT_NE(first, second);
  HttpClient old(server.port());
  old.setCookie(first);
  EXPECT_EQ(old.get("/api/v1/auth/me").status, 200);  // another login stays valid
  ASSERT_EQ(client.request("POST", "/api/v1/auth/logout").status, 204);
  HttpClient replay(server.port());
  replay.setCookie(second);
  const auto res = replay.get("/api/v1/auth/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.errorCode(), "login_expired");
}

TEST(ApiAuth, WrongPasswordIs401AndRepeatedFailuresAreThrottled) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("eve");
  client.forgetCredentials();
  for (int i = 0; i < 5; ++i) {
    const auto res = client.post("/api/v1/auth/login", {{"username", "eve"}, {"password", "wrong password"}});
    EXPECT_EQ(res.status, 401) << i;
    EXPECT_EQ(res.errorCode(), "invalid_credentials");
  }
  client.post("/api/v1/auth/login", {{"username", "eve"}, {"password", "wrong password"}});
  const auto res = client.post("/api/v1/auth/login", {{"username", "eve"}, {"password", "correct horse 1"}});
  EXPECT_EQ(res.status, 429) << res.body;
  EXPECT_EQ(res.errorCode(), "too_many_attempts");
  EXPECT_FALSE(res.header("retry-after").empty());
}

TEST(ApiAuth, CookieWritesNeedTheCsrfToken) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("fay");
  const std::string csrf = client.csrfToken();
  client.setCsrf("");
  auto res = client.post("/api/v1/tokens", {{"name", "laptop"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(res.errorCode(), "csrf_token_invalid");
  client.setCsrf("wrong");
  EXPECT_EQ(client.post("/api/v1/tokens", {{"name", "laptop"}}).status, 403);
  client.setCsrf(csrf);
  EXPECT_EQ(client.post("/api/v1/tokens", {{"name", "laptop"}}).status, 201);
}

TEST(ApiAuth, JsonWritesRequireJsonContentType) {
  ServerProcess server;
  HttpClient client(server.port());
  // What a cross-site HTML form could send.
  const auto res = client.request("POST", "/api/v1/auth/register",
                                  "username=gus&password=correct+horse+1",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(res.status, 415);
}

TEST(ApiAuth, ApiTokensAuthenticateUntilRevoked) {
  ServerProcess server;
  HttpClient client(server.port());
  const std::string id = client.registerUser("hal");
  const auto created = client.post("/api/v1/tokens", {{"name", "cli"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.json()["token"];
  const std::string tokenId = created.json()["id"];
  EXPECT_EQ(token.rfind("wst_", 0), 0u);
  const auto listed = client.get("/api/v1/tokens");
  ASSERT_EQ(listed.json()["tokens"].size(), 1u);
  EXPECT_FALSE(listed.json()["tokens"][0].contains("token"));  // the secret is shown once

  HttpClient cli(server.port());
  cli.useBearer(token);
  auto me = cli.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["id"], id);
  EXPECT_FALSE(me.json().contains("csrfToken"));
  // Bearer writes need no CSRF token (no ambient credential).
  EXPECT_EQ(cli.post("/api/v1/sessions", {{"name", "x"}, {"document", {{"format", "wasm-studio-session"}, {"version", 1}}}}).status, 201);

  EXPECT_EQ(client.del("/api/v1/tokens/" + tokenId).status, 204);
  me = cli.get("/api/v1/auth/me");
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.errorCode(), "invalid_credentials");
}

// The server remembers which user a token belongs to (no query per request): a revoked token
// must still be refused from the very next request, on a connection that used it before.
TEST(ApiAuth, ARevokedTokenIsRefusedAtOnceAndTheOwnersOtherTokensKeepWorking) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("ida");
  const auto first = client.post("/api/v1/tokens", {{"name", "laptop"}});
  const auto second = client.post("/api/v1/tokens", {{"name", "desktop"}});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201);
  HttpClient laptop(server.port()), desktop(server.port());
  laptop.useBearer(first.json()["token"]);
  desktop.useBearer(second.json()["token"]);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(laptop.get("/api/v1/sessions").status, 200);
    ASSERT_EQ(desktop.get("/api/v1/sessions").status, 200);
  }

  ASSERT_EQ(client.del("/api/v1/tokens/" + first.json()["id"].get<std::string>()).status, 204);
  const auto refused = laptop.get("/api/v1/sessions");  // the same kept-alive connection
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.errorCode(), "invalid_credentials");
  HttpClient again(server.port());
  again.useBearer(first.json()["token"]);
  EXPECT_EQ(again.get("/api/v1/sessions").status, 401);
  EXPECT_EQ(desktop.get("/api/v1/sessions").status, 200);
}

TEST(ApiAuth, ProfilesArePublicAndOnlyTheirOwnerEditsThem) {
  ServerProcess server;
  HttpClient ivy(server.port());
  const std::string ivyId = ivy.registerUser("ivy");
  auto res = ivy.put("/api/v1/users/" + ivyId, {{"displayName", "Ivy V."}, {"bio", "I make delays."}});
  ASSERT_EQ(res.status, 200) << res.body;
  HttpClient anonymous(server.port());
  res = anonymous.get("/api/v1/users/" + ivyId);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["displayName"], "Ivy V.");
  EXPECT_EQ(res.json()["bio"], "I make delays.");
  EXPECT_FALSE(res.json().contains("passwordHash"));
  HttpClient jon(server.port());
  jon.registerUser("jon");
  res = jon.put("/api/v1/users/" + ivyId, {{"bio", "hacked"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(anonymous.put("/api/v1/users/" + ivyId, {{"bio", "hacked"}}).status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/users/" + ivyId).json()["bio"], "I make delays.");
}

}  // namespace
}  // namespace wstudio::server::test

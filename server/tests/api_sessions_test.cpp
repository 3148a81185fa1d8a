// Studio sessions against the real server: create/list/get/update/delete, revisions and
// conflicts, validation by the session model, malformed and deeply nested JSON.
#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

std::string createSession(HttpClient& client, const std::string& name, bool isPublic = false) {
  const auto res = client.post("/api/v1/sessions",
                               {{"name", name}, {"public", isPublic}, {"document", sessionDocument()}});
  EXPECT_EQ(res.status, 201) << res.body;
  return res.json().value("id", "");
}

TEST(ApiSessions, CreateGetListUpdateDelete) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("kim");
  const std::string id = createSession(client, "Song A");
  auto res = client.get("/api/v1/sessions/" + id);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["revision"], 1);
  EXPECT_EQ(res.json()["role"], "owner");
  EXPECT_EQ(res.json()["document"]["tracks"][0]["name"], "Drums");

  res = client.put("/api/v1/sessions/" + id,
                   {{"revision", 1}, {"name", "Song A v2"}, {"document", sessionDocument("Bass")}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["revision"], 2);
  res = client.get("/api/v1/sessions");
  ASSERT_EQ(res.json()["sessions"].size(), 1u);
  EXPECT_EQ(res.json()["sessions"][0]["name"], "Song A v2");
  EXPECT_EQ(client.get("/api/v1/sessions/" + id).json()["document"]["tracks"][0]["name"], "Bass");

  EXPECT_EQ(client.del("/api/v1/sessions/" + id).status, 204);
  EXPECT_EQ(client.get("/api/v1/sessions/" + id).status, 404);
}

TEST(ApiSessions, StaleUpdateIs409WithTheCurrentRevisionAndChangesNothing) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("lee");
  const std::string id = createSession(client, "Song");
  ASSERT_EQ(client.put("/api/v1/sessions/" + id, {{"revision", 1}, {"document", sessionDocument("One")}}).status, 200);
  const auto res = client.put("/api/v1/sessions/" + id, {{"revision", 1}, {"document", sessionDocument("Two")}});
  EXPECT_EQ(res.status, 409);
  EXPECT_EQ(res.errorCode(), "revision_conflict");
  EXPECT_EQ(res.json()["error"]["currentRevision"], 2);
  const auto now = client.get("/api/v1/sessions/" + id).json();
  EXPECT_EQ(now["revision"], 2);
  EXPECT_EQ(now["document"]["tracks"][0]["name"], "One");
}

TEST(ApiSessions, InvalidDocumentIs422WithTheJsonPath) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("max");
  auto document = sessionDocument();
  document["tracks"][0]["volumeDb"] = "loud";
  const auto res = client.post("/api/v1/sessions", {{"name", "Bad"}, {"document", document}});
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "invalid_session");
  EXPECT_EQ(res.json()["error"]["field"], "document.tracks[0].volumeDb");
  EXPECT_EQ(client.get("/api/v1/sessions").json()["sessions"].size(), 0u);
}

TEST(ApiSessions, MalformedAndDeeplyNestedJsonAreRefused) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("ned");
  const std::vector<std::pair<std::string, std::string>> json = {{"Content-Type", "application/json"}};
  auto res = client.request("POST", "/api/v1/sessions", "{\"name\": \"x\", ", json);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.errorCode(), "invalid_json");
  res = client.request("POST", "/api/v1/sessions", "[1,2,3]", json);
  EXPECT_EQ(res.status, 400);
  std::string deep = "{\"name\":\"x\",\"document\":";
  for (int i = 0; i < 100000; ++i) deep += "[";
  for (int i = 0; i < 100000; ++i) deep += "]";
  deep += "}";
  res = client.request("POST", "/api/v1/sessions", deep, json);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.errorCode(), "json_too_deep");
  res = client.request("POST", "/api/v1/sessions", std::string("{\"name\":\"\xff\xfe\"}"), json);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(client.get("/api/v1/health").status, 200);  // still alive
}

TEST(ApiSessions, PublicSessionsAreListedAndReadableByAnyone) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("ola");
  const std::string open = createSession(owner, "Open", true);
  createSession(owner, "Closed", false);
  HttpClient anonymous(server.port());
  const auto list = anonymous.get("/api/v1/sessions?scope=public").json()["sessions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], open);
  const auto res = anonymous.get("/api/v1/sessions/" + open);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(res.json()["role"].is_null());
  EXPECT_EQ(anonymous.get("/api/v1/sessions").status, 401);
}

TEST(ApiSessions, UnknownRoutesAndMethodsAreJsonErrors) {
  ServerProcess server;
  HttpClient client(server.port());
  auto res = client.get("/api/v1/nothing");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.errorCode(), "not_found");
  res = client.request("PATCH", "/api/v1/sessions");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.errorCode(), "method_not_allowed");
}

}  // namespace
}  // namespace wstudio::server::test

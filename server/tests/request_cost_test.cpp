// Bounded cost per request: a JSON body past the element limit is refused while it is read
// (never parsed whole), and cheap routes are served while the pool of expensive requests is
// fully occupied. The pool is occupied deterministically: the test holds the database's write
// lock, so every session create waits inside the server until the test lets go.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

// {"k0":0,"k1":0,...} with `keys` members, then whatever `tail` is.
std::string manyKeys(size_t keys, const std::string& tail = "}") {
  std::string out = "{";
  for (size_t i = 0; i < keys; ++i) {
    if (i) out += ',';
    out += "\"k" + std::to_string(i) + "\":0";
  }
  return out + tail;
}

TEST(RequestCost, JsonPastTheElementLimitIsRefusedBeforeItIsParsedWhole) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("max");
  // Broken JSON at the very end: a parser that read everything would answer invalid_json.
  const std::string body = manyKeys(1'000'000, ",broken");
  auto res = client.request("POST", "/api/v1/sessions", body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(res.status, 413) << res.body.substr(0, 300);
  EXPECT_EQ(res.errorCode(), "json_too_large") << res.body.substr(0, 300);
  EXPECT_NE(res.body.find("elements"), std::string::npos) << res.body.substr(0, 300);
  // Deep nesting is still refused, and an ordinary session still fits.
  res = client.request("POST", "/api/v1/sessions", std::string(100, '[') + std::string(100, ']'),
                       {{"Content-Type", "application/json"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(client.post("/api/v1/sessions", {{"name", "ok"}, {"document", sessionDocument()}}).status, 201);
}

// The bulk pool's state as /metrics reports it.
nlohmann::json bulkPool(HttpClient& client) {
  const auto res = client.get("/api/v1/metrics");
  if (res.status != 200) return nullptr;
  return res.json()["pools"]["bulk"];
}

TEST(RequestCost, CheapRoutesAreServedWhileTheBulkPoolIsBusy) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("nat");
  HttpClient watcher(server.port());
  watcher.login("nat");

  // Large session bodies (over the bulk threshold; JSON may end in whitespace) from more clients than the pool has threads.
  const std::string body = nlohmann::json{{"name", "big"}, {"document", sessionDocument()}}.dump() +
                           std::string(512 * 1024, ' ');
  std::vector<std::unique_ptr<HttpClient>> writers;
  for (int i = 0; i < 3; ++i) {
    writers.push_back(std::make_unique<HttpClient>(server.port()));
    writers.back()->login("nat");
  }

  // The test takes the database's write lock: every write inside the server now waits for it.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server.dataDir() / "data" / "studio.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);

  std::vector<std::future<HttpResponse>> creates;
  for (const auto& client : writers) {
    HttpClient* writer = client.get();
    creates.push_back(std::async(std::launch::async, [writer, &body] {
      return writer->request("POST", "/api/v1/sessions", body, {{"Content-Type", "application/json"}});
    }));
  }
  // Wait until every bulk thread is held by a create and one more is queued.
  nlohmann::json pool;
  for (int attempt = 0; attempt < 400; ++attempt) {
    pool = bulkPool(watcher);
    if (pool.is_object() && pool["busy"] == pool["threads"] && pool["queued"] >= 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(pool.is_object()) << "no bulk pool in /metrics";
  ASSERT_EQ(pool["busy"], pool["threads"]) << pool.dump();
  // Served now, while the creates are still waiting.
  EXPECT_EQ(watcher.get("/api/v1/health").status, 200);
  EXPECT_EQ(watcher.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(watcher.get("/api/v1/sessions").status, 200);
  for (auto& create : creates) {
    EXPECT_EQ(create.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  }
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  for (auto& create : creates) EXPECT_EQ(create.get().status, 201);
}

}  // namespace
}  // namespace wstudio::server::test

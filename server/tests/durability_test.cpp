// Data survives: a restart keeps everything; a SIGKILL in the middle of a burst of session
// updates loses no acknowledged update and leaves a database that passes integrity_check.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "http_client.hpp"
#include "server_process.hpp"
#include "test_documents.hpp"

namespace wstudio::server::test {
namespace {

std::string integrityCheck(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = "no result";
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(Durability, RestartKeepsUsersSessionsTokensAndAssets) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "Durability.Restart";
  std::filesystem::remove_all(dir);
  auto server = std::make_unique<ServerProcess>(dir);
  HttpClient client(server->port());
  client.registerUser("yan");
  const std::string session =
      client.post("/api/v1/sessions", {{"name", "Keep"}, {"document", sessionDocument()}}).json()["id"];
  const std::string token = client.post("/api/v1/tokens", {{"name", "t"}}).json()["token"];
  const std::string sha = client.request("POST", "/api/v1/assets", wavFile(4800)).json()["sha256"];
  const std::string cookie = client.cookie();
  EXPECT_EQ(server->stop(), 0);

  server = std::make_unique<ServerProcess>(dir);
  HttpClient again(server->port());
  again.setCookie(cookie);  // the login outlives the restart
  EXPECT_EQ(again.get("/api/v1/sessions/" + session).json()["name"], "Keep");
  EXPECT_EQ(again.get("/api/v1/assets/" + sha).body, wavFile(4800));
  HttpClient cli(server->port());
  cli.useBearer(token);
  EXPECT_EQ(cli.get("/api/v1/auth/me").status, 200);
}

TEST(Durability, KillDuringUpdateBurstLosesNoAcknowledgedUpdate) {
  const auto dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "Durability.Kill";
  std::filesystem::remove_all(dir);
  auto server = std::make_unique<ServerProcess>(dir);
  HttpClient setup(server->port());
  setup.registerUser("zoe");
  const std::string token = setup.post("/api/v1/tokens", {{"name", "burst"}}).json()["token"];
  const std::string id =
      setup.post("/api/v1/sessions", {{"name", "Burst"}, {"document", sessionDocument("rev 1")}}).json()["id"];

  std::atomic<int64_t> acknowledged{1};
  std::atomic<bool> done{false};
  std::vector<std::thread> writers;
  // Two writers race on one session: each retries on 409, so many updates are in flight.
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, port = server->port()] {
      HttpClient client(port);
      client.useBearer(token);
      while (!done) {
        try {
          const auto current = client.get("/api/v1/sessions/" + id);
          if (current.status != 200) return;
          const int64_t revision = current.json()["revision"];
          const auto res = client.put("/api/v1/sessions/" + id,
                                      {{"revision", revision},
                                       {"document", sessionDocument("rev " + std::to_string(revision + 1))}});
          if (res.status == 200) {
            const int64_t now = res.json()["revision"];
            int64_t seen = acknowledged.load();
            while (now > seen && !acknowledged.compare_exchange_weak(seen, now)) {
            }
          }
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  }
  while (acknowledged.load() < 60) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server->kill();
  done = true;
  for (auto& t : writers) t.join();

  EXPECT_EQ(integrityCheck(dir / "data" / "studio.db"), "ok");
  server = std::make_unique<ServerProcess>(dir);
  HttpClient check(server->port());
  check.useBearer(token);
  const auto res = check.get("/api/v1/sessions/" + id);
  ASSERT_EQ(res.status, 200);
  const int64_t stored = res.json()["revision"];
  EXPECT_GE(stored, acknowledged.load());
  // The stored document is the one written with that revision, whole.
  EXPECT_EQ(res.json()["document"]["tracks"][0]["name"], "rev " + std::to_string(stored));
  server->stop();
  EXPECT_EQ(integrityCheck(dir / "data" / "studio.db"), "ok");
}

}  // namespace
}  // namespace wstudio::server::test

// /api/v1/forge against the real server (forge/README.md, FC-7..11): a build compiled in the
// jail, validated and stored as its owner's private asset; a cached rebuild answered at once and
// not counted; another user sees neither the build nor the module; the monthly limit; many
// builds at once while the server keeps answering.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "forge_test_sources.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

namespace fs = std::filesystem;

Json build(HttpClient& client, const std::string& source) {
  const HttpResponse answer = client.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", source}});
  EXPECT_TRUE(answer.status == 202 || answer.status == 200) << answer.status << " " << answer.body;
  return answer.json();
}

// Polls the build until it ends (each poll is also a request the server must answer).
Json finished(HttpClient& client, const std::string& id) {
  for (;;) {
    const HttpResponse answer = client.get("/api/v1/forge/builds/" + id);
    EXPECT_EQ(answer.status, 200) << answer.body;
    const Json body = answer.json();
    if (answer.status != 200 || body["status"] == "succeeded" || body["status"] == "failed") return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

fs::path freshFolder(const std::string& name) {
  const fs::path dir = fs::path(WSTUDIO_SERVER_TEST_SCRATCH) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(ForgeApi, ABuildIsCompiledValidatedAndStoredForItsOwnerOnly) {
  ServerProcess server;
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", "int x;"}}).status, 401);
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const std::string source = forge::test::gainPluginTagged("api");

  const Json queued = build(alice, source);
  EXPECT_FALSE(queued["cached"].get<bool>());
  const Json done = finished(alice, queued["id"]);
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_TRUE(done["validation"]["passed"].get<bool>());
  EXPECT_EQ(done["plugin"]["id"], "test.forge.gain");
  EXPECT_EQ(done["usage"]["builds"], 1);
  EXPECT_TRUE(done["usage"]["limit"].is_null());
  const std::string url = done["wasm"]["url"];
  const HttpResponse wasm = alice.get(url);
  ASSERT_EQ(wasm.status, 200);
  EXPECT_EQ(wasm.body.substr(0, 4), std::string("\0asm", 4));

  // The same source again: answered in the response, from the cache, not counted.
  const HttpResponse again = alice.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", source}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["cached"].get<bool>());
  EXPECT_EQ(again.json()["wasm"]["sha256"], done["wasm"]["sha256"]);
  EXPECT_EQ(alice.get("/api/v1/forge/usage").json()["builds"], 1);

  // FC-10: mallory knows the build's id and the module's hash and gets neither.
  HttpClient mallory(server.port());
  mallory.registerUser("mallory");
  EXPECT_EQ(mallory.get("/api/v1/forge/builds/" + done["id"].get<std::string>()).status, 404);
  EXPECT_EQ(mallory.get(url).status, 404);
  EXPECT_EQ(mallory.get("/api/v1/forge/usage").json()["builds"], 0);

  // A compile error comes back at its line and column.
  const Json failed = finished(alice, build(alice, forge::test::kErrorAtLine4)["id"]);
  ASSERT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["stage"], "compile");
  ASSERT_FALSE(failed["diagnostics"].empty());
  EXPECT_EQ(failed["diagnostics"][0]["file"], "plugin.cpp");
  EXPECT_EQ(failed["diagnostics"][0]["line"], 4);
  EXPECT_EQ(failed["diagnostics"][0]["column"], 10);
  EXPECT_EQ(failed["usage"]["builds"], 2);

  // FC-1: the server's own database is not in the compile jail.
  const std::string database = fs::absolute(server.dataDir() / "data" / "studio.db").string();
  ASSERT_TRUE(fs::exists(database));
  const Json probe = finished(alice, build(alice, "#include \"" + database + "\"\n")["id"]);
  ASSERT_EQ(probe["status"], "failed");
  ASSERT_FALSE(probe["diagnostics"].empty());
  EXPECT_NE(probe["diagnostics"][0]["message"].get<std::string>().find("file not found"), std::string::npos)
      << probe.dump();
}

TEST(ForgeApi, TheMonthlyLimitRefusesNewBuildsButNotCachedOnes) {
  ServerProcess server(freshFolder("ForgeApi.limit"), "--forge-builds-per-month 1");
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const Json first = finished(alice, build(alice, forge::test::kErrorAtLine4)["id"]);
  EXPECT_EQ(first["usage"]["builds"], 1);
  EXPECT_EQ(first["usage"]["limit"], 1);
  EXPECT_EQ(first["usage"]["remaining"], 0);
  const HttpResponse refused =
      alice.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", "int another_source;"}});
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.errorCode(), "build_limit_reached");
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("1 builds"), std::string::npos);
  // The same source as before costs nothing: answered from the cache.
  const HttpResponse cached =
      alice.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", forge::test::kErrorAtLine4}});
  EXPECT_EQ(cached.status, 200) << cached.body;
  EXPECT_EQ(alice.get("/api/v1/forge/usage").json()["builds"], 1);
}

TEST(ForgeApi, ManyBuildsAtOnceAreBoundedAndTheServerKeepsAnswering) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  HttpClient bob(server.port());
  bob.registerUser("bob");
  // Sources that fail to compile: the quickest builds (no validation), and as real to the queue.
  const auto source = [](const std::string& who, int i) {
    return "// " + who + " " + std::to_string(i) + "\n" + forge::test::kErrorAtLine4;
  };
  std::vector<std::pair<HttpClient*, std::string>> builds;
  for (int i = 0; i < 2; ++i) {
    builds.emplace_back(&alice, build(alice, source("alice", i))["id"]);
    builds.emplace_back(&bob, build(bob, source("bob", i))["id"]);
  }
  // FC-8: a third at once is refused for each user.
  const HttpResponse third = alice.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", "int third;"}});
  EXPECT_EQ(third.status, 429);
  EXPECT_EQ(third.errorCode(), "too_many_builds");
  // One build runs at a time (the default): the others wait in order.
  const Json last = bob.get("/api/v1/forge/builds/" + builds.back().second).json();
  if (last["status"] == "queued") {
    EXPECT_GE(last["queuePosition"].get<int>(), 1);
  }
  HttpClient watcher(server.port());
  EXPECT_EQ(watcher.get("/api/v1/health").status, 200);
  for (const auto& [client, id] : builds) {
    EXPECT_EQ(watcher.get("/api/v1/health").status, 200) << "the server answers while builds run";
    const Json done = finished(*client, id);
    EXPECT_EQ(done["status"], "failed");
    EXPECT_EQ(done["stage"], "compile");
    EXPECT_EQ(done["diagnostics"][0]["line"], 5);
  }
}

}  // namespace
}  // namespace wstudio::server::test

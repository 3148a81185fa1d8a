// POST /api/v1/forge/builds with language "faust" against the real server (forge/README.md,
// "Faust"): a Faust program is built, validated and described by its controls; the cache tells
// the languages apart; Faust's error comes back at its line on plugin.dsp; an import outside
// Faust's libraries is refused at its line.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "faust_test_sources.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

Json submit(HttpClient& client, const std::string& language, const std::string& source) {
  const HttpResponse answer = client.post("/api/v1/forge/builds", Json{{"language", language}, {"source", source}});
  EXPECT_TRUE(answer.status == 202 || answer.status == 200) << answer.status << " " << answer.body;
  return answer.json();
}

Json finished(HttpClient& client, const Json& build) {
  for (;;) {
    const HttpResponse answer = client.get("/api/v1/forge/builds/" + build["id"].get<std::string>());
    EXPECT_EQ(answer.status, 200) << answer.body;
    const Json body = answer.json();
    if (answer.status != 200 || body["status"] == "succeeded" || body["status"] == "failed") return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

TEST(ForgeFaustApi, AFaustProgramIsBuiltAndItsErrorsComeBackAtTheirLine) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  EXPECT_EQ(alice.post("/api/v1/forge/builds", Json{{"language", "rust"}, {"source", "x"}}).status, 400);

  const Json done = finished(alice, submit(alice, "faust", forge::test::kFaustLowpass));
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["language"], "faust");
  EXPECT_EQ(done["plugin"]["id"], "forge.faust.faust-low-pass");
  ASSERT_EQ(done["plugin"]["params"].size(), 1u);
  EXPECT_EQ(done["plugin"]["params"][0]["key"], "cutoff");
  EXPECT_EQ(done["plugin"]["params"][0]["unit"], "Hz");
  EXPECT_EQ(done["plugin"]["params"][0]["scale"], "log");
  EXPECT_EQ(alice.get(done["wasm"]["url"].get<std::string>()).status, 200);
  // The cache identity includes the language: the same text as C++ is another build.
  const Json asCpp = finished(alice, submit(alice, "cpp", forge::test::kFaustLowpass));
  EXPECT_FALSE(asCpp["cached"].get<bool>());
  EXPECT_EQ(asCpp["status"], "failed");
  const HttpResponse again = alice.post("/api/v1/forge/builds", Json{{"language", "faust"}, {"source", forge::test::kFaustLowpass}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["cached"].get<bool>());

  const Json failed = finished(alice, submit(alice, "faust", forge::test::kFaustErrorAtLine3));
  ASSERT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["stage"], "compile");
  ASSERT_FALSE(failed["diagnostics"].empty());
  EXPECT_EQ(failed["diagnostics"][0]["file"], "plugin.dsp");
  EXPECT_EQ(failed["diagnostics"][0]["line"], 3);

  const Json refused = finished(alice, submit(alice, "faust", "process = _;\nimport(\"/etc/passwd\");\n"));
  ASSERT_EQ(refused["status"], "failed");
  ASSERT_FALSE(refused["diagnostics"].empty());
  EXPECT_EQ(refused["diagnostics"][0]["line"], 2);
  EXPECT_EQ(refused.dump().find("root:"), std::string::npos);
}

}  // namespace
}  // namespace wstudio::server::test

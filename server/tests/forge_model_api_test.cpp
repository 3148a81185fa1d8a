// /api/v1/forge/model and /api/v1/forge/generations against the real server, its model a
// scripted chat endpoint on 127.0.0.1 in this test process (forge/tests/scripted_chat_server):
// off by default; signed-in only; a generation whose first code does not compile is repaired
// with the diagnostics fed back, built and validated by the Forge's compile service and counted
// like any build; another user sees nothing of it; the key reaches the endpoint as a bearer
// header and appears in no answer and no log line.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "forge_test_sources.hpp"
#include "http_client.hpp"
#include "scripted_chat_server.hpp"
#include "server_process.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::server::test {
namespace {

const std::string kKey = "sk-server-test-9876543210secret";

// The server process inherits the test's environment: the model is configured for the servers
// started while this lives.
class ModelEnvironment {
 public:
  explicit ModelEnvironment(const std::string& url) {
    ::setenv("WSTUDIO_LLM_URL", url.c_str(), 1);
    ::setenv("WSTUDIO_LLM_MODEL", "scripted-model", 1);
    ::setenv("WSTUDIO_LLM_API_KEY", kKey.c_str(), 1);
  }
  ~ModelEnvironment() {
    ::unsetenv("WSTUDIO_LLM_URL");
    ::unsetenv("WSTUDIO_LLM_MODEL");
    ::unsetenv("WSTUDIO_LLM_API_KEY");
  }
};

Json finishedGeneration(HttpClient& client, const std::string& id, std::string& everything) {
  for (;;) {
    const HttpResponse answer = client.get("/api/v1/forge/generations/" + id);
    EXPECT_EQ(answer.status, 200) << answer.body;
    everything += answer.body;
    const Json body = answer.json();
    if (answer.status != 200 || body["status"] != "running") return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

TEST(ForgeModelApi, WithoutAModelThePageIsToldAndGenerationsAreRefused) {
  ServerProcess server;
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/forge/model").status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/forge/generations", Json{{"prompt", "a delay"}}).status, 401);
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const HttpResponse model = alice.get("/api/v1/forge/model");
  ASSERT_EQ(model.status, 200);
  EXPECT_FALSE(model.json()["configured"].get<bool>());
  const HttpResponse refused = alice.post("/api/v1/forge/generations", Json{{"prompt", "a delay"}});
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.errorCode(), "model_not_configured");
}

TEST(ForgeModelApi, AGenerationIsPlannedRepairedBuiltAndCountedForItsOwnerOnly) {
  const forge::Plan plan = forge::generatePlan("a 1 kHz low-pass with a Tone knob, called Server Tone");
  const std::string good = forge::writePluginSource(plan);
  std::string broken = good;
  broken.insert(broken.find("WSP_PLUGIN("), "static int broken() { return undeclared_thing; }\n");
  forge::test::ScriptedChatServer endpoint({forge::test::chatAnswer("```json\n" + forge::writePlan(plan) + "```"),
                                            forge::test::chatAnswer("```cpp\n" + broken + "```"),
                                            forge::test::chatAnswer("```cpp\n" + good + "// repaired\n```")});
  const ModelEnvironment environment(endpoint.baseUrl());
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const HttpResponse model = alice.get("/api/v1/forge/model");
  ASSERT_EQ(model.status, 200);
  EXPECT_TRUE(model.json()["configured"].get<bool>());
  EXPECT_EQ(model.json()["model"], "scripted-model");
  EXPECT_EQ(model.body.find(kKey), std::string::npos);

  const HttpResponse started = alice.post("/api/v1/forge/generations", Json{{"prompt", "a low-pass with a Tone knob"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string id = started.json()["id"];
  // One at a time per user.
  EXPECT_EQ(alice.post("/api/v1/forge/generations", Json{{"prompt", "another"}}).status, 429);

  std::string everything = started.body;
  const Json done = finishedGeneration(alice, id, everything);
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  ASSERT_EQ(done["attempts"].size(), 3u);
  EXPECT_EQ(done["attempts"][1]["status"], "failed");
  EXPECT_NE(done["attempts"][1]["problems"][0].get<std::string>().find("undeclared_thing"), std::string::npos);
  EXPECT_EQ(done["plan"]["id"], "server_tone");
  EXPECT_EQ(done["usage"]["builds"], 2);  // both compiles counted
  const HttpResponse build = alice.get("/api/v1/forge/builds/" + done["buildId"].get<std::string>());
  ASSERT_EQ(build.status, 200);
  EXPECT_EQ(build.json()["status"], "succeeded");
  EXPECT_EQ(build.json()["plugin"]["id"], "forge.server_tone");

  // The diagnostics went back to the model in its third request.
  const auto requests = endpoint.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_NE(requests[2].body.find("plugin.cpp:"), std::string::npos);
  for (const auto& r : requests) EXPECT_NE(r.head.find("Authorization: Bearer " + kKey), std::string::npos);

  // Another user: as if it did not exist.
  HttpClient mallory(server.port());
  mallory.registerUser("mallory");
  EXPECT_EQ(mallory.get("/api/v1/forge/generations/" + id).status, 404);

  EXPECT_EQ(everything.find(kKey), std::string::npos);
  EXPECT_EQ(server.log().find(kKey), std::string::npos);
  EXPECT_NE(server.log().find("scripted-model"), std::string::npos);  // the log names the endpoint
}

TEST(ForgeModelApi, ADownEndpointIsAClearFailedGeneration) {
  std::string url;
  {
    forge::test::ScriptedChatServer gone({});
    url = gone.baseUrl();
  }
  const ModelEnvironment environment(url);
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const HttpResponse started = alice.post("/api/v1/forge/generations", Json{{"prompt", "a delay"}});
  ASSERT_EQ(started.status, 202) << started.body;
  std::string everything;
  const Json done = finishedGeneration(alice, started.json()["id"], everything);
  EXPECT_EQ(done["status"], "failed");
  EXPECT_NE(done["message"].get<std::string>().find("could not be reached"), std::string::npos) << done.dump();
  EXPECT_EQ(done["usage"]["builds"], 0);
}

}  // namespace
}  // namespace wstudio::server::test

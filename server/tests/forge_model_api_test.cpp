// /api/v1/forge/model and /api/v1/forge/generations against the real server, its model a
// scripted chat endpoint on 127.0.0.1 in this test process (forge/tests/scripted_chat_server):
// off by default; signed-in only; a generation whose first code does not compile is repaired
// with the diagnostics fed back, built and validated by the Forge's compile service and counted
// like any build; another user sees nothing of it; the key reaches the endpoint as a bearer
// header and appears in no answer and no log line. Refine with the model (POST /forge/refine):
// a kept version refined, repaired and kept as the next version with its parent; code that never
// compiles is a clear error and the plugin keeps its versions; the offline refiner without a model.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "forge_test_sources.hpp"
#include "http_client.hpp"
#include "scripted_chat_server.hpp"
#include "test_certificates.hpp"
#include "server_process.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/refine.hpp"

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
  // Refine: the offline refiner, unless the model is asked for by name.
  const Json plan = Json::parse(forge::writePlan(forge::generatePlan("a delay")));
  const HttpResponse offline = alice.post("/api/v1/forge/refine", Json{{"plan", plan}, {"instruction", "less feedback"}});
  ASSERT_EQ(offline.status, 200) << offline.body;
  EXPECT_EQ(offline.json()["refiner"], "offline");
  const HttpResponse noModel = alice.post("/api/v1/forge/refine", Json{{"plan", plan}, {"instruction", "darker"}, {"refiner", "model"}});
  EXPECT_EQ(noModel.status, 503);
  EXPECT_EQ(noModel.errorCode(), "model_not_configured");
  EXPECT_EQ(alice.post("/api/v1/forge/refine", Json{{"plan", plan}, {"instruction", "darker"}, {"refiner", "oracle"}}).status, 400);
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

// --- Refine with the model ---

const forge::Plan& tonePlan() {
  static const forge::Plan plan = forge::generatePlan("a 1 kHz low-pass with a Tone knob, called Refine Tone");
  return plan;
}
const forge::Plan& toneWithMix() {
  static const forge::Plan plan = forge::refinePlan(tonePlan(), "add a mix knob").plan;
  return plan;
}
std::string fencedPlan(const forge::Plan& plan) { return "```json\n" + forge::writePlan(plan) + "```"; }
std::string fencedCode(const std::string& source) { return "```cpp\n" + source + "```"; }
std::string brokenSource(const forge::Plan& plan, const std::string& name) {
  std::string source = forge::writePluginSource(plan);
  source.insert(source.find("WSP_PLUGIN("), "static int " + name + "() { return undeclared_thing; }\n");
  return source;
}

// The test plan built and kept as v1 of a plugin of `client`'s; answers the kept plugin.
Json keptVersionOne(HttpClient& client) {
  HttpResponse answer = client.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", forge::writePluginSource(tonePlan())}});
  Json build = answer.json();
  while (build["status"] != "succeeded" && build["status"] != "failed") {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    build = client.get("/api/v1/forge/builds/" + build["id"].get<std::string>()).json();
  }
  EXPECT_EQ(build["status"], "succeeded") << build.dump();
  answer = client.post("/api/v1/forge/plugins", Json{{"buildId", build["id"]}, {"plan", Json::parse(forge::writePlan(tonePlan()))}});
  EXPECT_EQ(answer.status, 201) << answer.body;
  return answer.json();
}

TEST(ForgeModelRefineApi, AKeptVersionIsRefinedRepairedAndKeptAsTheNextVersion) {
  forge::test::ScriptedChatServer endpoint({forge::test::chatAnswer(fencedPlan(toneWithMix())),
                                            forge::test::chatAnswer(fencedCode(brokenSource(toneWithMix(), "refine_once"))),
                                            forge::test::chatAnswer(fencedCode(forge::writePluginSource(toneWithMix()) + "// refined\n"))});
  const ModelEnvironment environment(endpoint.baseUrl());
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const Json kept = keptVersionOne(alice);
  const std::string pluginId = kept["id"], v1 = kept["currentVersionId"];

  const HttpResponse started = alice.post("/api/v1/forge/refine", Json{{"versionId", v1}, {"instruction", "add a mix knob"}});
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.json()["refiner"], "model");
  EXPECT_EQ(started.json()["kind"], "refine");
  std::string everything = started.body;
  const Json done = finishedGeneration(alice, started.json()["id"], everything);
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["prompt"], "add a mix knob");
  ASSERT_EQ(done["attempts"].size(), 3u);
  EXPECT_EQ(done["attempts"][1]["status"], "failed");
  EXPECT_NE(done["attempts"][1]["problems"][0].get<std::string>().find("undeclared_thing"), std::string::npos);
  EXPECT_EQ(done["plan"], Json::parse(forge::writePlan(toneWithMix())));

  // The model was shown v1's plan and source and the words; the diagnostics went back.
  const auto requests = endpoint.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_NE(requests[0].body.find("add a mix knob"), std::string::npos);
  EXPECT_NE(requests[1].body.find("Its current source"), std::string::npos);
  EXPECT_NE(requests[2].body.find("plugin.cpp:"), std::string::npos);

  // Kept as v2, v1 its parent, exactly as an offline refinement is kept.
  const HttpResponse v2 = alice.post("/api/v1/forge/plugins/" + pluginId + "/versions",
                                     Json{{"buildId", done["buildId"]}, {"parentVersionId", v1}, {"plan", done["plan"]},
                                          {"source", done["source"]}, {"message", "add a mix knob"}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(v2.json()["number"], 2);
  EXPECT_EQ(v2.json()["parentId"], v1);

  // "refiner": "offline" still reaches the built-in refiner with a model configured.
  const HttpResponse offline = alice.post("/api/v1/forge/refine", Json{{"versionId", v1}, {"instruction", "darker"}, {"refiner", "offline"}});
  ASSERT_EQ(offline.status, 200) << offline.body;
  EXPECT_EQ(offline.json()["refiner"], "offline");
  EXPECT_EQ(endpoint.requests().size(), 3u);

  EXPECT_EQ(everything.find(kKey), std::string::npos);
  EXPECT_EQ(server.log().find(kKey), std::string::npos);
}

TEST(ForgeModelRefineApi, CodeThatNeverCompilesIsAClearErrorAndThePluginKeepsItsVersions) {
  forge::test::ScriptedChatServer endpoint({forge::test::chatAnswer(fencedPlan(toneWithMix())),
                                            forge::test::chatAnswer(fencedCode(brokenSource(toneWithMix(), "never_a"))),
                                            forge::test::chatAnswer(fencedCode(brokenSource(toneWithMix(), "never_b"))),
                                            forge::test::chatAnswer(fencedCode(brokenSource(toneWithMix(), "never_c")))});
  const ModelEnvironment environment(endpoint.baseUrl());
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const Json kept = keptVersionOne(alice);
  const std::string pluginId = kept["id"];

  const HttpResponse started = alice.post("/api/v1/forge/refine",
                                          Json{{"plan", Json::parse(forge::writePlan(tonePlan()))},
                                               {"source", forge::writePluginSource(tonePlan())}, {"instruction", "add a mix knob"}});
  ASSERT_EQ(started.status, 202) << started.body;
  std::string everything;
  const Json done = finishedGeneration(alice, started.json()["id"], everything);
  EXPECT_EQ(done["status"], "failed");
  EXPECT_EQ(done["message"], "the model's code did not build in 3 attempts");
  EXPECT_TRUE(done["buildId"].is_null());
  EXPECT_EQ(endpoint.requests().size(), 4u);  // never a fourth code answer
  // A failed build of it cannot be kept, and the plugin is as it was.
  const HttpResponse keepFailed = alice.post("/api/v1/forge/plugins/" + pluginId + "/versions",
                                             Json{{"buildId", done["attempts"][3]["buildId"]}, {"parentVersionId", kept["currentVersionId"]},
                                                  {"source", done["source"]}});
  EXPECT_EQ(keepFailed.status, 422) << keepFailed.body;
  const Json after = alice.get("/api/v1/forge/plugins/" + pluginId).json();
  EXPECT_EQ(after["versions"].size(), 1u);
  EXPECT_EQ(after["currentVersionId"], kept["currentVersionId"]);
}

TEST(ForgeModelRefineApi, AnEndpointThatEchoesTheKeyIsAClearErrorWithoutIt) {
  forge::test::ScriptedChatServer endpoint(
      {forge::test::ScriptedAnswer{forge::test::ScriptedAnswer::Reply, 401,
                                   R"({"error": {"message": "Incorrect API key provided: )" + kKey + R"("}})"}});
  const ModelEnvironment environment(endpoint.baseUrl());
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const HttpResponse started = alice.post("/api/v1/forge/refine",
                                          Json{{"plan", Json::parse(forge::writePlan(tonePlan()))}, {"instruction", "darker"}});
  ASSERT_EQ(started.status, 202) << started.body;
  std::string everything = started.body;
  const Json done = finishedGeneration(alice, started.json()["id"], everything);
  EXPECT_EQ(done["status"], "failed");
  EXPECT_NE(done["message"].get<std::string>().find("answered HTTP 401: Incorrect API key provided: [redacted]"), std::string::npos)
      << done.dump();
  EXPECT_EQ(everything.find(kKey), std::string::npos);
  EXPECT_EQ(server.log().find(kKey), std::string::npos);
  EXPECT_NE(endpoint.requests().at(0).head.find("Authorization: Bearer " + kKey), std::string::npos);
}

// https with the server's own trust: WSTUDIO_LLM_CA_FILE names the test's authority, whose
// certificate for 127.0.0.1 the endpoint presents (without it the client refuses that endpoint:
// forge.ForgeLlmTls.AnAuthorityTheClientDoesNotTrustIsRefused).
TEST(ForgeModelRefineApi, OverHttpsTrustingTheCaFile) {
  const forge::test::TestCertificateAuthority authority("server test authority");
  const std::filesystem::path caFile = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "llm-test-authority.pem";
  std::filesystem::create_directories(caFile.parent_path());
  std::ofstream(caFile) << authority.pem();
  forge::test::ScriptedChatServer endpoint({forge::test::chatAnswer(fencedPlan(toneWithMix())),
                                            forge::test::chatAnswer(fencedCode(forge::writePluginSource(toneWithMix()) + "// https\n"))},
                                           authority.issue({"127.0.0.1"}));
  const ModelEnvironment environment(endpoint.baseUrl());
  const Json refine{{"plan", Json::parse(forge::writePlan(tonePlan()))}, {"instruction", "add a mix knob"}};
  ::setenv("WSTUDIO_LLM_CA_FILE", caFile.c_str(), 1);
  ServerProcess server;
  ::unsetenv("WSTUDIO_LLM_CA_FILE");
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const HttpResponse started = alice.post("/api/v1/forge/refine", refine);
  ASSERT_EQ(started.status, 202) << started.body;
  std::string everything;
  const Json done = finishedGeneration(alice, started.json()["id"], everything);
  EXPECT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(endpoint.requests().size(), 2u);
  EXPECT_EQ(server.log().find(kKey), std::string::npos);
}

}  // namespace
}  // namespace wstudio::server::test

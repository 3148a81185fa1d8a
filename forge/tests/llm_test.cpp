// The Forge's language-model provider (forge/llm) against a scripted chat endpoint on 127.0.0.1
// (scripted_chat_server): the protocol and the key as a bearer header; an endpoint that is down,
// answers garbage, too much, an error or nothing, each a clear error that never holds the key;
// and the plan -> code -> build -> repair pipeline on the real compile service (jail and
// conformance suite), with at most three attempts per stage.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "scripted_chat_server.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/llm/chat_client.hpp"
#include "wstudio/forge/llm/generation_service.hpp"
#include "wstudio/forge/llm/model_prompts.hpp"
#include "wstudio/forge/llm/sdk_reference.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/refine.hpp"

namespace wstudio::forge::llm {
namespace {

using test::chatAnswer;
using test::ScriptedAnswer;
using test::ScriptedChatServer;

const std::string kKey = "sk-forge-test-0123456789secret";

ModelEndpoint endpointOf(const ScriptedChatServer& server) {
  ModelEndpoint endpoint = parseEndpointUrl(server.baseUrl());
  endpoint.model = "scripted-model";
  endpoint.apiKey = kKey;
  endpoint.timeoutMs = 20'000;
  return endpoint;
}

const std::vector<ChatMessage> kHello{{"system", "be brief"}, {"user", "hello"}};

TEST(ForgeLlmClient, SendsTheModelTheMessagesAndTheKeyAsABearerHeader) {
  ScriptedChatServer server({chatAnswer("hi there")});
  const ChatReply reply = chat(endpointOf(server), kHello);
  ASSERT_TRUE(reply.ok()) << reply.error;
  EXPECT_EQ(reply.content, "hi there");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].head.rfind("POST /v1/chat/completions HTTP/1.1\r\n", 0), 0u) << requests[0].head;
  EXPECT_NE(requests[0].head.find("Authorization: Bearer " + kKey + "\r\n"), std::string::npos);
  const auto body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["model"], "scripted-model");
  EXPECT_EQ(body["messages"][1]["content"], "hello");
}

TEST(ForgeLlmClient, WithoutAKeyNoAuthorizationIsSent) {
  ScriptedChatServer server({chatAnswer("hi")});
  ModelEndpoint endpoint = endpointOf(server);
  endpoint.apiKey.clear();
  ASSERT_TRUE(chat(endpoint, kHello).ok());
  EXPECT_EQ(server.requests()[0].head.find("Authorization"), std::string::npos);
}

TEST(ForgeLlmClient, ADownEndpointIsAClearError) {
  // A port that was just free: nothing listens there.
  const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(probe);
  ModelEndpoint endpoint = parseEndpointUrl("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/v1");
  endpoint.model = "m";
  endpoint.apiKey = kKey;
  const ChatReply reply = chat(endpoint, kHello);
  EXPECT_EQ(reply.failure, ChatFailure::Unreachable);
  EXPECT_NE(reply.error.find("could not be reached"), std::string::npos) << reply.error;
  EXPECT_NE(reply.error.find("127.0.0.1"), std::string::npos) << reply.error;
  EXPECT_EQ(reply.error.find(kKey), std::string::npos);
}

TEST(ForgeLlmClient, GarbageOversizeErrorsAndSilenceAreClearErrorsWithoutTheKey) {
  const std::string big = chatAnswer(std::string(10'000, 'x')).body;
  ScriptedChatServer server({
      ScriptedAnswer{ScriptedAnswer::RawBytes, 0, "this is not HTTP at all\r\n\r\n"},
      ScriptedAnswer{ScriptedAnswer::Reply, 200, "<html>a proxy's page</html>"},
      ScriptedAnswer{ScriptedAnswer::Reply, 200, R"({"choices": []})"},
      ScriptedAnswer{ScriptedAnswer::Reply, 200, big},
      // An endpoint that echoes the key it was sent in its error.
      ScriptedAnswer{ScriptedAnswer::Reply, 401, R"({"error": {"message": "Incorrect API key provided: )" + kKey + R"("}})"},
      ScriptedAnswer{ScriptedAnswer::CloseWithoutAnswer, 0, {}},
      ScriptedAnswer{ScriptedAnswer::Silent, 0, {}},
  });
  ModelEndpoint endpoint = endpointOf(server);
  endpoint.maxResponseBytes = 4096;
  const auto expectFailure = [&](ChatFailure kind, const std::string& words) {
    const ChatReply reply = chat(endpoint, kHello);
    EXPECT_EQ(reply.failure, kind) << reply.error;
    EXPECT_NE(reply.error.find(words), std::string::npos) << reply.error;
    EXPECT_NE(reply.error.find("the model at http://127.0.0.1:"), std::string::npos) << reply.error;
    EXPECT_EQ(reply.error.find(kKey), std::string::npos) << reply.error;
  };
  expectFailure(ChatFailure::Garbage, "did not send a complete HTTP answer");
  expectFailure(ChatFailure::Garbage, "not JSON");
  expectFailure(ChatFailure::Garbage, "not a chat completion");
  expectFailure(ChatFailure::TooLarge, "larger than the 4096 bytes allowed");
  expectFailure(ChatFailure::HttpStatus, "answered HTTP 401: Incorrect API key provided: [redacted]");
  expectFailure(ChatFailure::Garbage, "did not send a complete HTTP answer");
  endpoint.timeoutMs = 300;
  expectFailure(ChatFailure::Timeout, "did not answer within 300 ms");
}

TEST(ForgeLlmEndpoint, UrlsAreCheckedAndDescribedWithoutTheKey) {
  const ModelEndpoint e = parseEndpointUrl("https://api.example.com/v1/");
  EXPECT_TRUE(e.tls);
  EXPECT_EQ(e.port, 443);
  EXPECT_EQ(e.target(), "/v1/chat/completions");
  EXPECT_THROW(parseEndpointUrl("ftp://x/v1"), std::invalid_argument);
  EXPECT_THROW(parseEndpointUrl("http://user:sk-secret@x/v1"), std::invalid_argument);
  EXPECT_THROW(parseEndpointUrl("http://x:99999/v1"), std::invalid_argument);
  ModelEndpoint keyed = e;
  keyed.apiKey = kKey;
  EXPECT_EQ(keyed.describe().find(kKey), std::string::npos);
}

// The SDK reference is the headers' API: declarations with their comments, no bodies.
TEST(ForgeLlmPrompts, TheSdkReferenceHoldsTheApiAndNoBodies) {
  const std::string_view reference = sdkReference();
  for (const char* expected : {"class Plugin", "constexpr Param floatParam(", "#define WSP_PLUGIN(Class, c_identifier)",
                               "class Biquad", "static BiquadCoefficients lowpass(", "p.activate(sr, n)",
                               "// Clears the signal state (not the coefficients)."}) {
    EXPECT_NE(reference.find(expected), std::string_view::npos) << expected;
  }
  EXPECT_EQ(reference.find("namespace wsp::sdk::detail"), std::string_view::npos);
  EXPECT_EQ(reference.find("__builtin_trap"), std::string_view::npos);  // a private body
  EXPECT_NE(codeInstructions().find(std::string(reference.substr(0, 200))), std::string::npos);
  EXPECT_NE(planInstructions().find("- highpass (High-pass): controls cutoff [Hz 20..20000"), std::string::npos);
}

TEST(ForgeLlmPrompts, AnswersAreReadFromFencesOrBareText) {
  EXPECT_EQ(extractJson("Here it is:\n```json\n{\"a\": 1}\n```\nEnjoy."), "{\"a\": 1}");
  EXPECT_EQ(extractJson("{\"a\": {\"b\": 2}} done"), "{\"a\": {\"b\": 2}}");
  EXPECT_EQ(extractJson("no json"), "");
  EXPECT_EQ(extractCode("Sure:\n```cpp\nint x;\n```\n"), "int x;\n");
  EXPECT_EQ(extractCode("#include <wsp/sdk.hpp>\nWSP_PLUGIN(A, a);"), "#include <wsp/sdk.hpp>\nWSP_PLUGIN(A, a);");
  EXPECT_EQ(extractCode("I cannot do that."), "");
}

// --- The pipeline on the real compile service ---

// A function, not a global: the generator's tables live in another translation unit, whose
// static initialisation may come after this one's.
const Plan& testPlan() {
  static const Plan plan = generatePlan("a 500 Hz high-pass with a Cut knob, called Model Cut");
  return plan;
}

std::string planAnswer(const Plan& plan) { return "Here is the plan:\n```json\n" + writePlan(plan) + "```\n"; }
std::string codeAnswer(const std::string& source) { return "```cpp\n" + source + "```\n"; }
// The writer's source with an error at a known line: `undeclared_thing` used in process().
std::string brokenSource(const std::string& tag) {
  std::string source = writePluginSource(testPlan());
  const size_t at = source.find("WSP_PLUGIN(");
  return source.substr(0, at) + "// " + tag + "\nstatic int broken() { return undeclared_thing; }\n" + source.substr(at);
}

class ForgeLlmGeneration : public ::testing::Test {
 protected:
  ForgeLlmGeneration() : service_(options()) {}

  static ServiceOptions options() {
    ServiceOptions o;
    o.moduleCacheDir = std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache";
    return o;
  }

  Generation generate(ScriptedChatServer& server, const std::string& prompt) {
    const ModelEndpoint endpoint = endpointOf(server);
    const ChatFunction chatFn = [&](const std::vector<ChatMessage>& m) { return chat(endpoint, m); };
    const BuildFunction buildFn = [&](const std::string& source, const std::function<void(const std::string&)>& started) {
      return buildAndWait(service_, "alice", source, [&] { ++counted_; return std::string(); }, started);
    };
    const ProgressFunction progress = [&](const Generation& g) { seen_.push_back(g); };
    return generateWithModel(prompt, chatFn, buildFn, progress);
  }

  Generation refine(ScriptedChatServer& server, const RefineRequest& current) {
    const ModelEndpoint endpoint = endpointOf(server);
    const ChatFunction chatFn = [&](const std::vector<ChatMessage>& m) { return chat(endpoint, m); };
    const BuildFunction buildFn = [&](const std::string& source, const std::function<void(const std::string&)>& started) {
      return buildAndWait(service_, "alice", source, [&] { ++counted_; return std::string(); }, started);
    };
    return refineWithModel(current, chatFn, buildFn, [&](const Generation& g) { seen_.push_back(g); });
  }

  BuildService service_;
  int counted_ = 0;
  std::vector<Generation> seen_;
};

TEST_F(ForgeLlmGeneration, APlanAndCodeThatBuildOnTheFirstAttempt) {
  ScriptedChatServer server({chatAnswer(planAnswer(testPlan())), chatAnswer(codeAnswer(writePluginSource(testPlan()) + "// first\n"))});
  const Generation g = generate(server, "a high-pass with a Cut knob");
  ASSERT_EQ(g.status, "succeeded") << g.message;
  ASSERT_EQ(g.attempts.size(), 2u);
  EXPECT_EQ(g.attempts[0].stage, "plan");
  EXPECT_EQ(g.attempts[1].stage, "code");
  EXPECT_EQ(g.attempts[1].status, "succeeded");
  EXPECT_EQ(g.planJson, writePlan(testPlan()));
  const auto build = service_.find(g.buildId, "alice");
  ASSERT_TRUE(build.has_value());
  EXPECT_EQ(build->status, BuildStatus::Succeeded);
  EXPECT_TRUE(build->result->validation->passed);
  EXPECT_EQ(counted_, 1);
  // The code request carries the accepted plan and the SDK reference.
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  const auto code = nlohmann::json::parse(requests[1].body);
  EXPECT_NE(code["messages"][0]["content"].get<std::string>().find("class Plugin"), std::string::npos);
  EXPECT_NE(code["messages"][1]["content"].get<std::string>().find("\"id\": \"model_cut\""), std::string::npos);
  // Progress showed the build running before it ended.
  bool sawBuilding = false;
  for (const Generation& s : seen_) sawBuilding |= !s.attempts.empty() && s.attempts.back().status == "building";
  EXPECT_TRUE(sawBuilding);
}

TEST_F(ForgeLlmGeneration, ABrokenPlanAndCodeThatDoesNotCompileAreRepaired) {
  Plan broken = testPlan();
  broken.parameters[0].defaultValue = 90000;  // PLAN-5: outside the knob's range
  ScriptedChatServer server({chatAnswer(planAnswer(broken)), chatAnswer(planAnswer(testPlan())),
                             chatAnswer(codeAnswer(brokenSource("repair"))),
                             chatAnswer(codeAnswer(writePluginSource(testPlan()) + "// repaired\n"))});
  const Generation g = generate(server, "a high-pass with a Cut knob");
  ASSERT_EQ(g.status, "succeeded") << g.message;
  ASSERT_EQ(g.attempts.size(), 4u);
  EXPECT_EQ(g.attempts[0].status, "failed");
  ASSERT_FALSE(g.attempts[0].problems.empty());
  EXPECT_NE(g.attempts[0].problems[0].find("PLAN-5"), std::string::npos) << g.attempts[0].problems[0];
  EXPECT_EQ(g.attempts[2].status, "failed");
  EXPECT_FALSE(g.attempts[2].buildId.empty());
  EXPECT_EQ(g.attempts[3].status, "succeeded");
  EXPECT_EQ(counted_, 2);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 4u);
  // The broken rule went back with the broken plan, the diagnostics with the broken code.
  const auto second = nlohmann::json::parse(requests[1].body)["messages"];
  EXPECT_NE(second.back()["content"].get<std::string>().find("PLAN-5"), std::string::npos);
  EXPECT_EQ(second[second.size() - 2]["role"], "assistant");
  const auto fourth = nlohmann::json::parse(requests[3].body)["messages"];
  const std::string feedback = fourth.back()["content"];
  EXPECT_NE(feedback.find("plugin.cpp:"), std::string::npos) << feedback;
  EXPECT_NE(feedback.find("undeclared_thing"), std::string::npos) << feedback;
}

TEST_F(ForgeLlmGeneration, ThreeFailedBuildsEndWithAClearError) {
  ScriptedChatServer server({chatAnswer(planAnswer(testPlan())), chatAnswer(codeAnswer(brokenSource("one"))),
                             chatAnswer("I would rather not write code."), chatAnswer(codeAnswer(brokenSource("three")))});
  const Generation g = generate(server, "a high-pass");
  EXPECT_EQ(g.status, "failed");
  EXPECT_EQ(g.message, "the model's code did not build in 3 attempts");
  ASSERT_EQ(g.attempts.size(), 4u);
  EXPECT_EQ(g.attempts[2].problems, std::vector<std::string>{"the answer holds no C++ source"});
  EXPECT_EQ(g.attempts[3].status, "failed");
  EXPECT_EQ(server.requests().size(), 4u);  // never a fourth code answer
  EXPECT_EQ(counted_, 2);
}

TEST_F(ForgeLlmGeneration, AnEndpointErrorEndsTheGenerationAtOnce) {
  ScriptedChatServer server({chatAnswer(planAnswer(testPlan())), ScriptedAnswer{ScriptedAnswer::Reply, 503, R"({"error": "overloaded"})"}});
  const Generation g = generate(server, "a high-pass");
  EXPECT_EQ(g.status, "failed");
  EXPECT_NE(g.message.find("answered HTTP 503: overloaded"), std::string::npos) << g.message;
  ASSERT_EQ(g.attempts.size(), 2u);
  EXPECT_EQ(g.attempts[1].status, "failed");
  EXPECT_EQ(counted_, 0);
}

// --- Refine (issue 16, step 6) with the model ---

// The open version: the test plan and its source; what the model answers: the offline refiner's
// plan for the same words (a valid refinement) and its source.
RefineRequest openVersion(const std::string& words) {
  return RefineRequest{words, writePlan(testPlan()), writePluginSource(testPlan()) + "// the user's edit\n"};
}
const Plan& withMix() {
  static const Plan plan = refinePlan(testPlan(), "add a mix knob").plan;
  return plan;
}

using ForgeLlmRefine = ForgeLlmGeneration;

TEST_F(ForgeLlmRefine, TheModelIsShownThePlanSourceAndWordsAndItsPluginBuilds) {
  ScriptedChatServer server({chatAnswer(planAnswer(withMix())), chatAnswer(codeAnswer(writePluginSource(withMix()) + "// refined\n"))});
  const Generation g = refine(server, openVersion("add a mix knob"));
  ASSERT_EQ(g.status, "succeeded") << g.message;
  EXPECT_EQ(g.message, "the model's refinement compiled and passed validation");
  EXPECT_EQ(g.planJson, writePlan(withMix()));
  ASSERT_EQ(g.attempts.size(), 2u);
  const auto build = service_.find(g.buildId, "alice");
  ASSERT_TRUE(build.has_value());
  EXPECT_EQ(build->status, BuildStatus::Succeeded);
  EXPECT_EQ(build->key, BuildService::cacheKey("cpp", g.source));  // the source kept is the source built
  EXPECT_EQ(counted_, 1);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  const std::string asked = nlohmann::json::parse(requests[0].body)["messages"][1]["content"];
  EXPECT_NE(asked.find(writePlan(testPlan())), std::string::npos) << asked;
  EXPECT_NE(asked.find("What the user asks: add a mix knob"), std::string::npos) << asked;
  const std::string coded = nlohmann::json::parse(requests[1].body)["messages"][1]["content"];
  EXPECT_NE(coded.find("// the user's edit"), std::string::npos);  // the current source, as edited
  EXPECT_NE(coded.find(writePlan(withMix())), std::string::npos);  // the new plan
}

TEST_F(ForgeLlmRefine, ARenamedPluginAndCodeThatDoesNotCompileAreRepaired) {
  Plan renamed = withMix();
  renamed.id = "another_id";
  std::string broken = writePluginSource(withMix());
  broken.insert(broken.find("WSP_PLUGIN("), "static int broken() { return undeclared_refine_thing; }\n");
  ScriptedChatServer server({chatAnswer(planAnswer(renamed)), chatAnswer(planAnswer(withMix())), chatAnswer(codeAnswer(broken)),
                             chatAnswer(codeAnswer(writePluginSource(withMix()) + "// repaired refinement\n"))});
  const Generation g = refine(server, openVersion("add a mix knob"));
  ASSERT_EQ(g.status, "succeeded") << g.message;
  ASSERT_EQ(g.attempts.size(), 4u);
  ASSERT_EQ(g.attempts[0].problems.size(), 1u);
  EXPECT_NE(g.attempts[0].problems[0].find("the plan's id changed from \"model_cut\" to \"another_id\""), std::string::npos);
  EXPECT_EQ(g.attempts[2].status, "failed");
  EXPECT_EQ(g.attempts[3].status, "succeeded");
  EXPECT_EQ(counted_, 2);
  const auto fourth = nlohmann::json::parse(server.requests()[3].body)["messages"];
  const std::string feedback = fourth.back()["content"];
  EXPECT_NE(feedback.find("plugin.cpp:"), std::string::npos) << feedback;
  EXPECT_NE(feedback.find("undeclared_refine_thing"), std::string::npos) << feedback;
}

TEST_F(ForgeLlmRefine, CodeThatNeverCompilesIsAClearErrorWithNoBuildToKeep) {
  std::vector<ScriptedAnswer> answers{chatAnswer(planAnswer(withMix()))};
  for (const char* tag : {"a", "b", "c"}) {
    std::string broken = writePluginSource(withMix());
    broken.insert(broken.find("WSP_PLUGIN("), std::string("static int broken_") + tag + "() { return nowhere; }\n");
    answers.push_back(chatAnswer(codeAnswer(broken)));
  }
  ScriptedChatServer server(answers);
  const Generation g = refine(server, openVersion("add a mix knob"));
  EXPECT_EQ(g.status, "failed");
  EXPECT_EQ(g.message, "the model's code did not build in 3 attempts");
  EXPECT_TRUE(g.buildId.empty());  // nothing to keep: the route makes no version
  EXPECT_EQ(server.requests().size(), 4u);
  EXPECT_EQ(counted_, 3);
}

}  // namespace
}  // namespace wstudio::forge::llm

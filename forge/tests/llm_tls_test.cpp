// The model over https (forge/llm chat_client): the scripted chat endpoint speaks TLS with
// certificates made in the test (test_certificates), and the client trusts the test's authority
// through WSTUDIO_LLM_CA_FILE. A generation over https succeeds; a man in the middle (a
// certificate for another host, a self-signed one, one from an authority the client does not
// trust) is refused with a clear error before anything, the key included, is sent; http to an
// https port and https to an http port fail clearly.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "scripted_chat_server.hpp"
#include "test_certificates.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/llm/chat_client.hpp"
#include "wstudio/forge/llm/generation_service.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::forge::llm {
namespace {

using test::chatAnswer;
using test::ScriptedChatServer;
using test::selfSignedCertificate;
using test::TestCertificateAuthority;

const std::string kKey = "sk-forge-tls-test-secret-0123456789";
const std::vector<ChatMessage> kHello{{"system", "be brief"}, {"user", "hello"}};

const TestCertificateAuthority& authority() {
  static const TestCertificateAuthority ca("WASM Studio test authority");
  return ca;
}

// The authority's certificate in a file, as WSTUDIO_LLM_CA_FILE names it.
std::string writeFile(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "tls";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}
const std::string& caFile() {
  static const std::string path = writeFile("test-authority.pem", authority().pem());
  return path;
}

ModelEndpoint endpointAt(const std::string& url, const std::string& ca) {
  ModelEndpoint endpoint = parseEndpointUrl(url);
  endpoint.model = "scripted-model";
  endpoint.apiKey = kKey;
  endpoint.timeoutMs = 20'000;
  endpoint.caFile = ca;
  return endpoint;
}

// A chat refused as TLS, with `words` in its error, the key neither sent nor named.
void expectRefused(const ScriptedChatServer& server, const ModelEndpoint& endpoint, const std::string& words) {
  const ChatReply reply = chat(endpoint, kHello);
  EXPECT_EQ(reply.failure, ChatFailure::Tls) << reply.error;
  EXPECT_NE(reply.error.find(words), std::string::npos) << reply.error;
  EXPECT_NE(reply.error.find("the model at https://127.0.0.1:"), std::string::npos) << reply.error;
  EXPECT_EQ(reply.error.find(kKey), std::string::npos) << reply.error;
  EXPECT_TRUE(server.requests().empty()) << "a request reached a server that did not prove it is the endpoint";
}

TEST(ForgeLlmTls, AGenerationOverHttpsSucceeds) {
  const Plan plan = generatePlan("a 2 kHz low-pass with a Tone knob, called Tls Tone");
  ScriptedChatServer server({chatAnswer("```json\n" + writePlan(plan) + "```"), chatAnswer("```cpp\n" + writePluginSource(plan) + "```")},
                            authority().issue({"127.0.0.1", "localhost"}));
  ASSERT_EQ(server.baseUrl().rfind("https://127.0.0.1:", 0), 0u);
  const ModelEndpoint endpoint = endpointAt(server.baseUrl(), caFile());
  ServiceOptions options;
  options.moduleCacheDir = std::filesystem::path(WSTUDIO_FORGE_TEST_SCRATCH) / "module-cache";
  BuildService service(options);
  const Generation g = generateWithModel(
      "a low-pass", [&](const std::vector<ChatMessage>& m) { return chat(endpoint, m); },
      [&](const std::string& source, const std::function<void(const std::string&)>& started) {
        return buildAndWait(service, "alice", source, [] { return std::string(); }, started);
      },
      nullptr);
  ASSERT_EQ(g.status, "succeeded") << g.message;
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].head.find("Authorization: Bearer " + kKey + "\r\n"), std::string::npos);  // inside TLS only
}

TEST(ForgeLlmTls, ACertificateForAnotherHostIsRefused) {
  ScriptedChatServer server({chatAnswer("hi")}, authority().issue({"models.example.com"}));
  expectRefused(server, endpointAt(server.baseUrl(), caFile()), "was refused: its certificate is not for 127.0.0.1");
}

TEST(ForgeLlmTls, ASelfSignedManInTheMiddleIsRefused) {
  // The attacker's own certificate names the right host; nobody signed it.
  ScriptedChatServer server({chatAnswer("hi"), chatAnswer("hi")}, selfSignedCertificate({"127.0.0.1", "localhost"}));
  expectRefused(server, endpointAt(server.baseUrl(), caFile()), "its certificate is not trusted (self-signed certificate)");
  expectRefused(server, endpointAt(server.baseUrl(), ""), "its certificate is not trusted (self-signed certificate)");  // the system's store
}

TEST(ForgeLlmTls, AnAuthorityTheClientDoesNotTrustIsRefused) {
  // Signed by the test's authority, but the client trusts only the system's store, or another authority.
  ScriptedChatServer server({chatAnswer("hi"), chatAnswer("hi")}, authority().issue({"127.0.0.1"}));
  expectRefused(server, endpointAt(server.baseUrl(), ""), "its certificate is not trusted (unable to get local issuer certificate)");
  const TestCertificateAuthority other("another authority");
  expectRefused(server, endpointAt(server.baseUrl(), writeFile("other-authority.pem", other.pem())),
                "its certificate is not trusted (unable to get local issuer certificate)");
}

TEST(ForgeLlmTls, HttpToAnHttpsPortAndHttpsToAnHttpPortFailClearly) {
  ScriptedChatServer tlsServer({chatAnswer("hi")}, authority().issue({"127.0.0.1"}));
  ModelEndpoint plain = endpointAt(tlsServer.baseUrl(), "");
  plain.tls = false;  // http://127.0.0.1:<the https port>/v1
  const ChatReply reply = chat(plain, kHello);
  EXPECT_FALSE(reply.ok());
  EXPECT_NE(reply.error.find("the model at http://127.0.0.1:"), std::string::npos) << reply.error;
  EXPECT_NE(reply.error.find("its URL should start with https://"), std::string::npos) << reply.error;

  ScriptedChatServer plainServer({chatAnswer("hi")});
  ModelEndpoint tls = endpointAt(plainServer.baseUrl(), caFile());
  tls.tls = true;  // https://127.0.0.1:<the http port>/v1, which waits for an HTTP head that never comes
  tls.timeoutMs = 300;
  const ChatReply refused = chat(tls, kHello);
  EXPECT_EQ(refused.failure, ChatFailure::Tls) << refused.error;
  EXPECT_NE(refused.error.find("did not complete a TLS handshake"), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("is it an https server?"), std::string::npos) << refused.error;
}

// WSTUDIO_LLM_CA_FILE is checked when the server starts: a file of certificates, for https only.
TEST(ForgeLlmTls, TheCaFileSettingIsChecked) {
  ::setenv("WSTUDIO_LLM_MODEL", "m", 1);
  const auto failure = [](const std::string& url, const std::string& file) {
    ::setenv("WSTUDIO_LLM_URL", url.c_str(), 1);
    ::setenv("WSTUDIO_LLM_CA_FILE", file.c_str(), 1);
    try {
      endpointFromEnvironment();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(failure("https://models.example.com/v1", "/nonexistent/ca.pem"), "WSTUDIO_LLM_CA_FILE: /nonexistent/ca.pem cannot be read");
  const std::string notPem = writeFile("not-a-certificate.pem", "hello\n");
  EXPECT_EQ(failure("https://models.example.com/v1", notPem), "WSTUDIO_LLM_CA_FILE: " + notPem + " holds no PEM certificate");
  EXPECT_EQ(failure("http://models.example.com/v1", caFile()), "WSTUDIO_LLM_CA_FILE is for an https:// WSTUDIO_LLM_URL");
  EXPECT_EQ(failure("https://models.example.com/v1", caFile()), "");
  EXPECT_EQ(endpointFromEnvironment()->caFile, caFile());
  ::unsetenv("WSTUDIO_LLM_CA_FILE");
  ::unsetenv("WSTUDIO_LLM_URL");
  ::unsetenv("WSTUDIO_LLM_MODEL");
  const auto none = endpointFromEnvironment();
  EXPECT_FALSE(none.has_value());
}

}  // namespace
}  // namespace wstudio::forge::llm

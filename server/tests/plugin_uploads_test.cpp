// GET /api/v1/plugins/uploads against the real server: a user's own uploaded plugins, newest
// first, in pages; nobody else's, whatever they may read, and nothing without a login.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

std::string factoryPlugin(const std::string& name) {
  std::ifstream in(std::string(WSTUDIO_WASM_PLUGIN_DIR) + "/" + name + ".wasm", std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

HttpResponse uploadWasm(HttpClient& client, const std::string& bytes, const std::string& query = {}) {
  return client.request("POST", "/api/v1/assets" + query, bytes, {{"Content-Type", "application/octet-stream"}});
}

std::vector<std::string> listedShas(const HttpResponse& res) {
  std::vector<std::string> out;
  const Json body = res.json();  // kept: a range-for over res.json()["plugins"] would outlive it
  for (const Json& plugin : body["plugins"]) out.push_back(plugin["sha256"]);
  return out;
}

TEST(PluginUploads, OnesOwnUploadsAreListedNewestFirstInPagesAndNobodyElses) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const std::string utility = factoryPlugin("utility");
  const std::string tremolo = factoryPlugin("tremolo");
  auto res = uploadWasm(alice, utility);
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string first = res.json()["sha256"];
  // Public, and later attached to a session shared with Mallory: she may read it, not list it.
  res = uploadWasm(alice, tremolo, "?public=true");
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string second = res.json()["sha256"];
  // Audio is an upload too, but no plugin.
  ASSERT_EQ(uploadWasm(alice, std::string("RIFF")).status, 415);

  res = alice.get("/api/v1/plugins/uploads");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(listedShas(res), (std::vector<std::string>{second, first}));
  EXPECT_FALSE(res.json().contains("next"));
  const Json list = res.json();
  const Json& newest = list["plugins"][0];
  EXPECT_EQ(newest["format"], "wsp");
  EXPECT_EQ(newest["pluginId"], "studio.wasm.tremolo");
  EXPECT_EQ(newest["name"], newest["descriptor"]["name"]);
  EXPECT_EQ(newest["descriptor"]["id"], "studio.wasm.tremolo");
  EXPECT_EQ(newest["size"], tremolo.size());
  EXPECT_EQ(newest["public"], true);
  EXPECT_GE(newest["uploadedAt"].get<int64_t>(), list["plugins"][1]["uploadedAt"].get<int64_t>());

  // Pages of one: each names where the next starts; the last names none.
  res = alice.get("/api/v1/plugins/uploads?limit=1");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(listedShas(res), (std::vector<std::string>{second}));
  const std::string next = res.json()["next"];
  res = alice.get("/api/v1/plugins/uploads?limit=1&after=" + next);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(listedShas(res), (std::vector<std::string>{first}));
  EXPECT_FALSE(res.json().contains("next"));
  EXPECT_EQ(alice.get("/api/v1/plugins/uploads?limit=0").status, 400);
  EXPECT_EQ(alice.get("/api/v1/plugins/uploads?limit=201").status, 400);
  EXPECT_EQ(alice.get("/api/v1/plugins/uploads?after=1.zz").status, 400);

  // Mallory may read the public one and, once Alice attaches it to a session shared with her,
  // the private one too: neither is hers to list, nor is anything Alice uploaded.
  HttpClient mallory(server.port());
  const std::string malloryId = mallory.registerUser("mallory");
  Json document = {{"format", "wasm-studio-session"}, {"version", 1}, {"tempo", 120},
                   {"tracks", Json::array({{{"id", "t1"}, {"name", "Keys"}, {"kind", "audio"},
                                            {"inserts", Json::array({{{"id", "u"},
                                                                      {"plugin", {{"id", "studio.wasm.utility"}, {"sha256", first}}},
                                                                      {"params", Json::object()}, {"state", ""}, {"bypass", false}}})}}})}};
  res = alice.post("/api/v1/sessions", {{"name", "Shared"}, {"document", document}});
  ASSERT_EQ(res.status, 201) << res.body;
  ASSERT_EQ(alice.put("/api/v1/sessions/" + res.json()["id"].get<std::string>() + "/shares/" + malloryId,
                      {{"role", "editor"}}).status,
            200);
  EXPECT_EQ(mallory.get("/api/v1/assets/" + first).status, 200);
  EXPECT_EQ(mallory.get("/api/v1/assets/" + second).status, 200);
  res = mallory.get("/api/v1/plugins/uploads");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(listedShas(res), std::vector<std::string>{});
  // Alice's cursor does not open her list to Mallory: it only says where a page starts.
  res = mallory.get("/api/v1/plugins/uploads?limit=1&after=" + next);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(listedShas(res), std::vector<std::string>{});

  // Her own upload of the same bytes is hers: listed for her, with her own time; Alice's list
  // is unchanged.
  ASSERT_EQ(uploadWasm(mallory, utility).status, 201);
  res = mallory.get("/api/v1/plugins/uploads");
  EXPECT_EQ(listedShas(res), (std::vector<std::string>{first}));
  EXPECT_EQ(res.json()["plugins"][0]["public"], false);
  EXPECT_EQ(listedShas(alice.get("/api/v1/plugins/uploads")), (std::vector<std::string>{second, first}));

  // No login, a forged cookie, a revoked API token: 401, nothing listed.
  HttpClient anonymous(server.port());
  res = anonymous.get("/api/v1/plugins/uploads");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(res.errorCode(), "unauthenticated");
  anonymous.setCookie("wstudio_login=" + std::string(64, 'a'));
  res = anonymous.get("/api/v1/plugins/uploads");
  EXPECT_EQ(res.status, 401) << res.body;
  EXPECT_EQ(res.body.find(first), std::string::npos);
  res = alice.post("/api/v1/tokens", {{"name", "laptop"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string token = res.json()["token"];
  const std::string tokenId = res.json()["id"];
  HttpClient laptop(server.port());
  laptop.useBearer(token);
  EXPECT_EQ(listedShas(laptop.get("/api/v1/plugins/uploads")), (std::vector<std::string>{second, first}));
  ASSERT_EQ(alice.del("/api/v1/tokens/" + tokenId).status, 204);
  EXPECT_EQ(laptop.get("/api/v1/plugins/uploads").status, 401);
}

}  // namespace
}  // namespace wstudio::server::test

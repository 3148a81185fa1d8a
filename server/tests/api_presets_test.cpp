// Presets against the real server: factory presets of the factory plugins, user presets
// validated against the plugin's descriptor, visibility.
#include <gtest/gtest.h>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

TEST(ApiPresets, FactoryPresetsOfEveryFactoryPlugin) {
  ServerProcess server;
  HttpClient client(server.port());
  for (const char* plugin : {"chorus", "compressor", "delay", "eq", "filter", "limiter", "reverb",
                             "saturator", "synth", "tremolo", "utility"}) {
    const auto res = client.get(std::string("/api/v1/presets/studio.wasm.") + plugin + "/factory");
    ASSERT_EQ(res.status, 200) << plugin << ": " << res.body;
    EXPECT_GE(res.json()["presets"].size(), 3u) << plugin;
  }
  const auto eq = client.get("/api/v1/presets/studio.wasm.eq/factory").json()["presets"][0];
  EXPECT_EQ(eq["name"], "Vocal Presence");
  EXPECT_TRUE(eq["params"].contains("2"));  // lowcut_freq's id; keys are parameter ids
  EXPECT_EQ(client.get("/api/v1/presets/no.such.plugin/factory").status, 404);
}

TEST(ApiPresets, UserPresetsAreValidatedAgainstTheDescriptor) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("uma");
  auto res = client.post("/api/v1/presets", {{"pluginId", "studio.wasm.eq"}, {"name", "Mine"},
                                              {"params", {{"0", 3.5}}}});
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string id = res.json()["id"];
  res = client.post("/api/v1/presets", {{"pluginId", "studio.wasm.eq"}, {"name", "Bad"},
                                         {"params", {{"0", 99.0}}}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.json()["error"]["field"], "params.0");
  res = client.post("/api/v1/presets", {{"pluginId", "studio.wasm.eq"}, {"name", "Bad"},
                                         {"params", {{"9999", 1.0}}}});
  EXPECT_EQ(res.status, 400);
  // An unknown plugin (e.g. not uploaded yet) keeps any well-formed values.
  res = client.post("/api/v1/presets", {{"pluginId", "someone.else.fx"}, {"name", "Theirs"},
                                         {"params", {{"3", 1e6}}}, {"state", "AAEC"}});
  EXPECT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["state"], "AAEC");

  res = client.get("/api/v1/presets/studio.wasm.eq");
  ASSERT_EQ(res.json()["presets"].size(), 1u);
  HttpClient other(server.port());
  other.registerUser("vic");
  EXPECT_EQ(other.get("/api/v1/presets/studio.wasm.eq").json()["presets"].size(), 0u);
  EXPECT_EQ(other.get("/api/v1/presets/studio.wasm.eq/" + id).status, 404);
  EXPECT_EQ(other.del("/api/v1/presets/studio.wasm.eq/" + id).status, 404);
  EXPECT_EQ(client.del("/api/v1/presets/studio.wasm.eq/" + id).status, 204);
  EXPECT_EQ(client.get("/api/v1/presets/studio.wasm.eq/" + id).status, 404);
}

TEST(ApiPresets, PublicPresetsAreSharedButOnlyTheOwnerDeletes) {
  ServerProcess server;
  HttpClient owner(server.port());
  owner.registerUser("wes");
  const auto res = owner.post("/api/v1/presets", {{"pluginId", "studio.wasm.delay"}, {"name", "Shared"},
                                                  {"params", {{"0", 250.0}}}, {"public", true}});
  ASSERT_EQ(res.status, 201);
  const std::string id = res.json()["id"];
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/presets/studio.wasm.delay").json()["presets"].size(), 1u);
  HttpClient other(server.port());
  other.registerUser("xia");
  EXPECT_EQ(other.del("/api/v1/presets/studio.wasm.delay/" + id).status, 403);
}

}  // namespace
}  // namespace wstudio::server::test

// vAIst Forge plugins uploaded to the real server (POST /api/v1/assets/vaist): a working one is
// validated in the plugin sandbox and its manifest, what a browser drives it by, is stored with
// it and served (GET /api/v1/assets/{sha256}/manifest) to whoever may read the .wasm; a hostile
// or forged one is refused with a reason and leaves nothing behind. The modules are the
// fixtures emcc builds with the Forge's flags (host/tests/vaist/CMakeLists.txt).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const uint32_t n = uint32_t(uint8_t(bytes[i])) << 16 | (two ? uint32_t(uint8_t(bytes[i + 1])) << 8 : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += two ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// The upload body of a Forge build: `wasmFrom`'s module with `glueFrom`'s glue and descriptor.
Json upload(const std::string& wasmFrom, const std::string& glueFrom) {
  const fs::path fixtures = VAIST_FIXTURE_BUILD_DIR;
  const fs::path wasm = fixtures / (wasmFrom + "_glue") / "vaist-processor.wasm";
  const fs::path glue = fixtures / (glueFrom + "_glue");
  return Json{{"wasm", base64(readFile(wasm))},
              {"glue", readFile(glue / "vaist-processor.js")},
              {"descriptor", Json::parse(readFile(glue / "descriptor.json"))}};
}

class VaistUpload : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(fs::path(VAIST_FIXTURE_BUILD_DIR) / "warm_drive_glue" / "vaist-processor.wasm")) {
      GTEST_SKIP() << "the vAIst fixtures were not built (emcc missing)";
    }
  }
};

TEST_F(VaistUpload, AWorkingPluginIsStoredWithItsManifestWhichIsServedToWhoMayReadIt) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const auto res = alice.post("/api/v1/assets/vaist", upload("warm_drive", "warm_drive"));
  ASSERT_EQ(res.status, 201) << res.body;
  const Json body = res.json();
  const std::string sha = body["sha256"];
  EXPECT_EQ(body["kind"], "wasm");
  EXPECT_EQ(body["plugin"]["id"], "vaist.warm-drive");
  const Json& manifest = body["manifest"];
  EXPECT_EQ(manifest["format"], "wasm-studio-vaist-manifest");
  EXPECT_EQ(manifest["version"], 1);
  EXPECT_EQ(manifest["sha256"], sha);
  EXPECT_EQ(manifest["descriptor"], body["plugin"]);
  EXPECT_EQ(manifest["exports"]["setters"].size(), 5u);
  // Generated DSP: denormals in its filter's tail and zipper noise on its drive, findings the
  // format gives its author no means to act on; accepted, and said.
  ASSERT_TRUE(body["warnings"].is_array());
  for (const Json& warning : body["warnings"]) {
    const std::string text = warning;
    EXPECT_TRUE(text.starts_with("ABI-12 ") || text.starts_with("ABI-16 ")) << text;
  }

  const auto served = alice.get("/api/v1/assets/" + sha + "/manifest");
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(served.json(), manifest);
  EXPECT_EQ(alice.get("/api/v1/assets/" + sha).body, readFile(fs::path(VAIST_FIXTURE_BUILD_DIR) / "warm_drive_glue" /
                                                             "vaist-processor.wasm"));

  // Not public, not attached to a session someone else may see: invisible to others.
  HttpClient mallory(server.port());
  mallory.registerUser("mallory");
  EXPECT_EQ(mallory.get("/api/v1/assets/" + sha + "/manifest").status, 404);
  HttpClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/assets/" + sha + "/manifest").status, 404);

  // The same upload again is the same asset; the same .wasm under another descriptor is refused,
  // and the manifest stays the first one.
  const auto again = alice.post("/api/v1/assets/vaist", upload("warm_drive", "warm_drive"));
  EXPECT_EQ(again.status, 201) << again.body;
  Json renamed = upload("warm_drive", "warm_drive");
  renamed["descriptor"]["name"] = "Hot Drive";
  const auto conflict = alice.post("/api/v1/assets/vaist", renamed);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(conflict.errorCode(), "plugin_conflict");
  EXPECT_EQ(alice.get("/api/v1/assets/" + sha + "/manifest").json(), manifest);
}

TEST_F(VaistUpload, HostileAndForgedPluginsAreRefusedWithAReason) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("mallory");
  const std::vector<std::string> before = dataFiles(server.dataDir());
  struct Case {
    std::string name;
    Json body;
    int status;
    std::string reason;  // part of the refusal
  };
  Json wsp = upload("warm_drive", "warm_drive");
  wsp["wasm"] = base64(readFile(fs::path(WSTUDIO_WASM_PLUGIN_DIR) / "utility.wasm"));
  wsp.erase("glue");
  Json notWasm = upload("warm_drive", "warm_drive");
  notWasm["wasm"] = base64("#!/bin/sh\nrm -rf /\n");
  Json badDescriptor = upload("warm_drive", "warm_drive");
  badDescriptor["descriptor"]["parameters"][0]["max"] = -1;
  const std::vector<Case> cases = {
      // Reads far past its delay buffer at its first process(): the sandbox traps it.
      {"traps at default parameters", upload("tape_delay", "tape_delay"), 422, "trap"},
      // Another build's glue: its names do not fit this module.
      {"forged glue", upload("warm_drive", "long_echo"), 422, "vaist-processor.js"},
      {"descriptor that does not fit", badDescriptor, 422, "parameters[0].max"},
      {"a WSP plugin", wsp, 422, "not a vAIst Forge plugin"},
      {"not a module", notWasm, 415, "not a WebAssembly module"},
  };
  for (const Case& c : cases) {
    const auto res = client.post("/api/v1/assets/vaist", c.body);
    EXPECT_EQ(res.status, c.status) << c.name << ": " << res.body;
    EXPECT_NE(res.body.find(c.reason), std::string::npos) << c.name << ": " << res.body;
    EXPECT_EQ(res.body.find("/tmp/"), std::string::npos) << "no sandbox path in " << res.body;
    EXPECT_EQ(res.body.find(server.dataDir().string()), std::string::npos) << "no server path in " << res.body;
  }
  EXPECT_EQ(client.get("/api/v1/health").status, 200);
  EXPECT_EQ(dataFiles(server.dataDir()), before) << "a refused upload leaves nothing behind";
}

}  // namespace
}  // namespace wstudio::server::test

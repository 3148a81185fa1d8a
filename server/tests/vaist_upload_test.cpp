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

// A session whose only insert is the uploaded plugin `sha` (what makes its uploader's save attach it).
Json sessionWithPlugin(const std::string& sha) {
  return {{"format", "wasm-studio-session"}, {"version", 1}, {"tempo", 120},
          {"tracks", Json::array({{{"id", "t1"}, {"name", "Keys"}, {"kind", "audio"},
                                   {"inserts", Json::array({{{"id", "drive"},
                                                             {"plugin", {{"id", "vaist.warm-drive"}, {"format", "vaist"}, {"sha256", sha}}},
                                                             {"params", Json::object()}, {"state", ""}, {"bypass", false}}})}}})}};
}

// The files a project file holds beside the module (docs/project-file.md): descriptor.json and
// the glue, as uploaded.
Json expectedFiles(const std::string& build) {
  const fs::path folder = fs::path(VAIST_FIXTURE_BUILD_DIR) / build;
  Json files{{"descriptor", Json::parse(readFile(folder / "descriptor.json"))}};
  if (fs::exists(folder / "vaist-processor.js")) files["glue"] = readFile(folder / "vaist-processor.js");
  return files;
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

// The glue and descriptor.json are kept with the plugin (GET /assets/{sha256}/vaist) and read
// by exactly those who may download its .wasm; a build with other files for the same .wasm is
// refused, and a glue over the limit is refused before anything is run or stored.
TEST_F(VaistUpload, ItsGlueAndDescriptorAreKeptAndReadLikeItsWasm) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const auto res = alice.post("/api/v1/assets/vaist", upload("warm_drive", "warm_drive"));
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string sha = res.json()["sha256"];
  const std::string filesUrl = "/api/v1/assets/" + sha + "/vaist";
  auto files = alice.get(filesUrl);
  ASSERT_EQ(files.status, 200) << files.body;
  EXPECT_EQ(files.header("content-type"), "application/json");
  EXPECT_EQ(files.json(), expectedFiles("warm_drive_glue"));
  // Listed among her uploads as a vAIst Forge plugin.
  const auto listed = alice.get("/api/v1/plugins/uploads");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["plugins"].size(), 1u);
  EXPECT_EQ(listed.json()["plugins"][0]["format"], "vaist");
  EXPECT_EQ(listed.json()["plugins"][0]["name"], "Warm Drive");

  // Others: not without a way to the .wasm; a hash one did not upload is no key.
  HttpClient mallory(server.port());
  const std::string malloryId = mallory.registerUser("mallory");
  HttpClient anonymous(server.port());
  EXPECT_EQ(mallory.get(filesUrl).status, 404);
  EXPECT_EQ(anonymous.get(filesUrl).status, 404);
  anonymous.setCookie("wstudio_login=" + std::string(64, 'b'));
  EXPECT_EQ(anonymous.get(filesUrl).status, 401);
  EXPECT_EQ(mallory.get("/api/v1/assets/" + std::string(64, 'a') + "/vaist").status, 404);
  EXPECT_EQ(mallory.get("/api/v1/assets/not-a-hash/vaist").status, 400);
  EXPECT_EQ(mallory.get("/api/v1/plugins/uploads").json()["plugins"].size(), 0u);
  // Mallory puts the hash in her own session and shares it with Alice: that attaches nothing.
  auto session = mallory.post("/api/v1/sessions", {{"name", "Bait"}, {"public", true}, {"document", sessionWithPlugin(sha)}});
  ASSERT_EQ(session.status, 201) << session.body;
  HttpClient stranger(server.port());
  EXPECT_EQ(stranger.get(filesUrl).status, 404);
  // Alice's own save into a session shared with Mallory: the .wasm and its files both readable.
  session = alice.post("/api/v1/sessions", {{"name", "Shared"}, {"document", sessionWithPlugin(sha)}});
  ASSERT_EQ(session.status, 201) << session.body;
  ASSERT_EQ(alice.put("/api/v1/sessions/" + session.json()["id"].get<std::string>() + "/shares/" + malloryId,
                      {{"role", "viewer"}}).status,
            200);
  EXPECT_EQ(mallory.get("/api/v1/assets/" + sha).status, 200);
  files = mallory.get(filesUrl);
  ASSERT_EQ(files.status, 200) << files.body;
  EXPECT_EQ(files.json(), expectedFiles("warm_drive_glue"));

  // The same .wasm with other glue (it still works: a comment added) is refused; the kept files
  // stay Alice's.
  Json altered = upload("warm_drive", "warm_drive");
  altered["glue"] = altered["glue"].get<std::string>() + "\n// mallory was here\n";
  auto refused = mallory.post("/api/v1/assets/vaist", altered);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.errorCode(), "plugin_conflict");
  EXPECT_EQ(alice.get(filesUrl).json(), expectedFiles("warm_drive_glue"));
  EXPECT_EQ(mallory.get("/api/v1/plugins/uploads").json()["plugins"].size(), 0u);

  // Glue over 8 MiB: refused before the sandbox runs anything, nothing stored.
  const std::vector<std::string> before = dataFiles(server.dataDir());
  Json huge = upload("warm_drive", "long_echo");
  huge["glue"] = std::string((8u << 20) + 1, ' ');
  refused = mallory.post("/api/v1/assets/vaist", huge);
  EXPECT_EQ(refused.status, 413) << refused.body;
  EXPECT_EQ(refused.errorCode(), "too_large");
  EXPECT_EQ(dataFiles(server.dataDir()), before);
}

TEST_F(VaistUpload, ACleanNamedBuildKeepsItsDescriptorWithoutGlue) {
  ServerProcess server;
  HttpClient client(server.port());
  client.registerUser("clean");
  const fs::path clean = fs::path(VAIST_FIXTURE_BUILD_DIR) / "warm_drive_clean";
  const auto res = client.post("/api/v1/assets/vaist", {{"wasm", base64(readFile(clean / "vaist-processor.wasm"))},
                                                        {"descriptor", readFile(clean / "descriptor.json")}});
  ASSERT_EQ(res.status, 201) << res.body;
  const auto files = client.get("/api/v1/assets/" + res.json()["sha256"].get<std::string>() + "/vaist");
  ASSERT_EQ(files.status, 200) << files.body;
  EXPECT_EQ(files.json(), expectedFiles("warm_drive_clean"));
  EXPECT_FALSE(files.json().contains("glue"));
}

// A database of the schema before (version 4: no listing index, no vAIst files) is migrated at
// start: its plugins are listed, a vAIst plugin uploaded then has no files until it is uploaded
// again, which keeps them.
TEST_F(VaistUpload, AnOlderDatabaseIsMigratedAndItsPluginsGetTheirFilesAtTheNextUpload) {
  const fs::path dir = fs::path(WSTUDIO_SERVER_TEST_SCRATCH) / "VaistUpload.Migration";
  fs::remove_all(dir);
  auto server = std::make_unique<ServerProcess>(dir);
  HttpClient client(server->port());
  client.registerUser("old");
  auto res = client.post("/api/v1/assets/vaist", upload("warm_drive", "warm_drive"));
  ASSERT_EQ(res.status, 201) << res.body;
  const std::string sha = res.json()["sha256"];
  ASSERT_EQ(server->stop(), 0);
  // Everything migrations 5 to 8 added, undone.
  EXPECT_EQ(runSql(dir,
                   "DROP INDEX assets_owner_listing; ALTER TABLE plugins DROP COLUMN vaist_files; "
                   "DROP TABLE forge_build_counts; DROP TABLE forge_versions; DROP TABLE forge_plugins; "
                   "DROP TABLE forge_builds; "
                   "PRAGMA user_version = 4;"),
            "");
  server = std::make_unique<ServerProcess>(dir);
  HttpClient again(server->port());
  again.login("old");
  res = again.get("/api/v1/plugins/uploads");
  ASSERT_EQ(res.status, 200) << res.body;
  ASSERT_EQ(res.json()["plugins"].size(), 1u);
  EXPECT_EQ(res.json()["plugins"][0]["sha256"], sha);
  EXPECT_EQ(res.json()["plugins"][0]["format"], "vaist");
  res = again.get("/api/v1/assets/" + sha + "/vaist");
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("upload it again"), std::string::npos) << res.body;
  ASSERT_EQ(again.post("/api/v1/assets/vaist", upload("warm_drive", "warm_drive")).status, 201);
  res = again.get("/api/v1/assets/" + sha + "/vaist");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json(), expectedFiles("warm_drive_glue"));
}

}  // namespace
}  // namespace wstudio::server::test

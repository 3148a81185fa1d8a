// vAIst Forge projects imported into the Forge through the real server (POST
// /api/v1/forge/imports, docs/forge-vaist-import.md), in all three forms, with plugins built here
// from forge/tests/data/vaist/ (the built forms by emcc, forge/tests/CMakeLists.txt). Each
// imported plugin is then downloaded as any user's asset and played through the host on a real
// signal; the one that traps is refused by name and the server keeps working; the one that does
// not compile is shown at its line in the user's file; hostile names, oversize files and a
// descriptor that lies about the module's exports are refused.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_client.hpp"
#include "server_process.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::server::test {
namespace {

namespace fs = std::filesystem;

constexpr double kRate = 48000.0;

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void writeFile(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
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

fs::path project(const std::string& name) { return fs::path(FORGE_VAIST_PROJECTS) / name; }
fs::path built(const std::string& name) { return fs::path(FORGE_VAIST_BUILT) / name; }

// The source folder data/vaist/<name> as the page sends a picked folder.
Json sourceFiles(const std::string& name) {
  Json files = Json::array();
  for (const char* file : {"processor.h", "processor.cpp", "bindings.cpp", "descriptor.json"}) {
    if (fs::exists(project(name) / file)) files.push_back({{"name", name + "/" + file}, {"text", readFile(project(name) / file)}});
  }
  return files;
}

// A built form: the module of build/<folder> with descriptor.json of data/vaist/<name> (and the
// glue, when the folder has one).
Json builtFiles(const std::string& folder, const std::string& name) {
  Json files = Json::array({{{"name", folder + "/vaist-processor.wasm"}, {"base64", base64(readFile(built(folder) / "vaist-processor.wasm"))}},
                            {{"name", folder + "/descriptor.json"}, {"text", readFile(project(name) / "descriptor.json")}}});
  if (fs::exists(built(folder) / "vaist-processor.js")) {
    files.push_back({{"name", folder + "/vaist-processor.js"}, {"text", readFile(built(folder) / "vaist-processor.js")}});
  }
  return files;
}

Json finished(HttpClient& client, const Json& started) {
  Json body = started;
  while (body["status"] == "queued" || body["status"] == "compiling") {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const HttpResponse answer = client.get("/api/v1/forge/builds/" + body["id"].get<std::string>());
    EXPECT_EQ(answer.status, 200) << answer.body;
    if (answer.status != 200) break;
    body = answer.json();
  }
  return body;
}

Json importProject(HttpClient& client, const Json& files) {
  const HttpResponse answer = client.post("/api/v1/forge/imports", Json{{"files", files}});
  EXPECT_TRUE(answer.status == 200 || answer.status == 202) << answer.status << " " << answer.body;
  return finished(client, answer.json());
}

fs::path freshFolder(const std::string& name) {
  const fs::path dir = fs::path(WSTUDIO_SERVER_TEST_SCRATCH) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The imported build's plugin as a session gets it: its asset downloaded (and for a vAIst
// module its descriptor.json and glue, from /assets/{sha256}/vaist) and loaded by the host.
std::shared_ptr<host::PluginModule> download(HttpClient& client, const Json& build, const std::string& folderName) {
  const std::string sha = build["wasm"]["sha256"];
  const HttpResponse wasm = client.get("/api/v1/assets/" + sha);
  EXPECT_EQ(wasm.status, 200);
  const fs::path folder = freshFolder(folderName);
  writeFile(folder / "vaist-processor.wasm", wasm.body);
  if (build["language"] == "vaist") {
    const HttpResponse files = client.get("/api/v1/assets/" + sha + "/vaist");
    EXPECT_EQ(files.status, 200) << files.body;
    const Json kept = files.json();
    writeFile(folder / "descriptor.json", kept["descriptor"].dump());
    if (kept.contains("glue")) writeFile(folder / "vaist-processor.js", kept["glue"].get<std::string>());
  }
  host::LoadOptions options;
  options.cacheDir = WSTUDIO_SERVER_TEST_CACHE;
  auto module = host::loadPlugin(folder / "vaist-processor.wasm", options);
  EXPECT_TRUE(module.ok()) << module.error();
  return module.ok() ? module.value() : nullptr;
}

// Gain in dB of a steady sine through a fresh instance, measured over its second half.
double sineGainDb(host::PluginModule& module, double hz) {
  auto instance = module.instantiate();
  EXPECT_TRUE(instance.ok()) << instance.error();
  if (!instance.ok()) return NAN;
  constexpr uint32_t kBlock = 128;
  EXPECT_TRUE(instance.value()->activate(kRate, kBlock).ok());
  const size_t blocks = size_t(kRate) / kBlock;
  double inEnergy = 0, outEnergy = 0;
  for (size_t b = 0; b < blocks; ++b) {
    float in[kBlock];
    for (uint32_t i = 0; i < kBlock; ++i) in[i] = float(0.25 * std::sin(2 * M_PI * hz * double(b * kBlock + i) / kRate));
    for (uint32_t ch = 0; ch < 2; ++ch) std::copy(in, in + kBlock, instance.value()->input(ch));
    EXPECT_TRUE(instance.value()->process(kBlock, {})) << instance.value()->faultMessage();
    if (b < blocks / 2) continue;
    for (uint32_t i = 0; i < kBlock; ++i) {
      inEnergy += double(in[i]) * in[i];
      outEnergy += double(instance.value()->output(0)[i]) * instance.value()->output(0)[i];
    }
  }
  return 10 * std::log10(outEnergy / inEnergy);
}

class ForgeImport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(built("trim_clean") / "vaist-processor.wasm")) {
      GTEST_SKIP() << "the import tests' vAIst plugins were not built (emcc missing)";
    }
  }
};

TEST_F(ForgeImport, ASourceProjectIsCompiledIntoAPluginThatPlays) {
  ServerProcess server;
  HttpClient alice(server.port());
  EXPECT_EQ(alice.post("/api/v1/forge/imports", Json{{"files", sourceFiles("trim")}}).status, 401);
  alice.registerUser("alice");
  const HttpResponse started = alice.post("/api/v1/forge/imports", Json{{"files", sourceFiles("trim")}});
  ASSERT_TRUE(started.status == 202 || started.status == 200) << started.body;
  const Json answer = started.json();
  EXPECT_EQ(answer["import"]["form"], "source");
  EXPECT_EQ(answer["import"]["pluginName"], "Trim");
  EXPECT_EQ(answer["language"], "cpp");
  const std::string source = answer["source"];
  EXPECT_NE(source.find("#line 1 \"processor.cpp\""), std::string::npos);
  EXPECT_NE(source.find("WSP_PLUGIN(vaist_import::Imported, vaist_import);"), std::string::npos);

  const Json done = finished(alice, answer);
  ASSERT_EQ(done["status"], "succeeded") << done.dump();
  EXPECT_EQ(done["plugin"]["id"], "vaist.trim");
  EXPECT_EQ(done["plugin"]["params"][1]["choices"], Json::array({"Normal", "Inverted"}));
  EXPECT_EQ(done["usage"]["builds"], 1);  // counted like any build
  auto module = download(alice, done, "ForgeImport.Source");
  ASSERT_TRUE(module);
  EXPECT_EQ(module->format(), host::PluginFormat::wsp);  // a WSP plugin: instances of its own
  EXPECT_NEAR(sineGainDb(*module, 440.0), -6.0, 0.05);

  // The same source through POST /forge/builds, as the editor's Build button sends it: cached.
  const HttpResponse rebuilt = alice.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", source}});
  EXPECT_EQ(rebuilt.status, 200) << rebuilt.body;
  EXPECT_TRUE(rebuilt.json()["cached"].get<bool>());
}

TEST_F(ForgeImport, BuiltModulesWithGlueOrCleanNamesAreImportedAndPlay) {
  ServerProcess server;
  HttpClient bob(server.port());
  bob.registerUser("bob");

  const Json glue = importProject(bob, builtFiles("lowpass_glue", "lowpass"));
  ASSERT_EQ(glue["status"], "succeeded") << glue.dump();
  EXPECT_EQ(glue["import"]["form"], "glue");
  EXPECT_EQ(glue["language"], "vaist");
  EXPECT_EQ(glue["plugin"]["id"], "vaist.soft-low-pass");
  EXPECT_EQ(glue["usage"]["builds"], 0);  // nothing compiled
  const HttpResponse again = bob.get("/api/v1/forge/builds/" + glue["id"].get<std::string>());
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["wasm"]["sha256"], glue["wasm"]["sha256"]);
  auto lowpass = download(bob, glue, "ForgeImport.Glue");
  ASSERT_TRUE(lowpass);
  EXPECT_EQ(lowpass->format(), host::PluginFormat::vaist);
  EXPECT_NEAR(sineGainDb(*lowpass, 100.0), 0.0, 0.5);  // a one-pole at 500 Hz passes 100 Hz
  EXPECT_LT(sineGainDb(*lowpass, 8000.0), -18.0);       // and cuts 8 kHz

  const Json clean = importProject(bob, builtFiles("trim_clean", "trim"));
  ASSERT_EQ(clean["status"], "succeeded") << clean.dump();
  EXPECT_EQ(clean["import"]["form"], "clean");
  auto trim = download(bob, clean, "ForgeImport.Clean");
  ASSERT_TRUE(trim);
  EXPECT_NEAR(sineGainDb(*trim, 440.0), -6.0, 0.05);
}

TEST_F(ForgeImport, APluginThatTrapsIsRefusedByNameAndTheServerKeepsWorking) {
  ServerProcess server;
  HttpClient carol(server.port());
  carol.registerUser("carol");
  for (const Json& files : {builtFiles("trap_delay_glue", "trap_delay"), sourceFiles("trap_delay")}) {
    const Json build = importProject(carol, files);
    ASSERT_EQ(build["status"], "failed") << build.dump();
    EXPECT_EQ(build["stage"], "validate");
    const std::string message = build["message"];
    EXPECT_NE(message.find("Slap Delay"), std::string::npos) << message;
    EXPECT_NE(message.find("trap"), std::string::npos) << message;
    EXPECT_FALSE(build.contains("wasm"));
  }
  EXPECT_EQ(carol.get("/api/v1/plugins/uploads").json()["plugins"].size(), 0u);
  EXPECT_EQ(carol.get("/api/v1/health").status, 200);
  EXPECT_EQ(importProject(carol, builtFiles("trim_clean", "trim"))["status"], "succeeded");
}

TEST_F(ForgeImport, ASourceThatDoesNotCompileIsShownAtItsLineInTheUsersFile) {
  ServerProcess server;
  HttpClient dan(server.port());
  dan.registerUser("dan");
  const Json build = importProject(dan, sourceFiles("broken_flanger"));
  ASSERT_EQ(build["status"], "failed") << build.dump();
  EXPECT_EQ(build["stage"], "compile");
  bool found = false;
  for (const Json& d : build["diagnostics"]) {
    if (d.value("severity", "") != "error") continue;
    EXPECT_EQ(d["file"], "processor.cpp") << d.dump();
    EXPECT_EQ(d["line"], 18) << d.dump();
    EXPECT_NE(d["message"].get<std::string>().find("depthAmount"), std::string::npos) << d.dump();
    found = true;
  }
  EXPECT_TRUE(found) << build.dump();
}

TEST_F(ForgeImport, HostileNamesOversizeFilesAndALyingDescriptorAreRefused) {
  ServerProcess server;
  HttpClient eve(server.port());
  eve.registerUser("eve");
  for (const std::string name : {"../../etc/processor.cpp", "/etc/passwd", "trim/../../processor.cpp", "trim\\..\\x.cpp"}) {
    Json files = sourceFiles("trim");
    files[1]["name"] = name;
    const HttpResponse answer = eve.post("/api/v1/forge/imports", Json{{"files", files}});
    EXPECT_EQ(answer.status, 422) << name << " " << answer.body;
    EXPECT_EQ(answer.errorCode(), "invalid_project");
  }
  Json archive = sourceFiles("trim");
  archive.push_back({{"name", "trim.zip"}, {"base64", base64(std::string("PK\3\4 zip-slip inside", 20))}});
  EXPECT_EQ(eve.post("/api/v1/forge/imports", Json{{"files", archive}}).status, 422);

  Json big = sourceFiles("trim");
  big[1]["text"] = big[1]["text"].get<std::string>() + std::string(300 * 1024, '\n');
  const HttpResponse tooBig = eve.post("/api/v1/forge/imports", Json{{"files", big}});
  EXPECT_EQ(tooBig.status, 413) << tooBig.body;
  Json bigGlue = builtFiles("lowpass_glue", "lowpass");
  bigGlue[2]["text"] = std::string(9u << 20, ' ');
  EXPECT_EQ(eve.post("/api/v1/forge/imports", Json{{"files", bigGlue}}).status, 413);
  Json many = Json::array();
  for (int i = 0; i < 5000; ++i) many.push_back({{"name", std::to_string(i)}, {"text", ""}});
  EXPECT_EQ(eve.post("/api/v1/forge/imports", Json{{"files", many}}).status, 413);
  EXPECT_EQ(eve.get("/api/v1/forge/usage").json()["builds"], 0);  // nothing was compiled

  // descriptor.json names a parameter the module has no set_drive for.
  Json descriptor = Json::parse(readFile(project("trim") / "descriptor.json"));
  descriptor["parameters"].push_back({{"id", "drive"}, {"name", "Drive"}, {"type", "float"}, {"min", 0}, {"max", 10},
                                      {"default", 1}, {"unit", ""}, {"choices", Json::array()}});
  Json lyingBuilt = builtFiles("trim_clean", "trim");
  lyingBuilt[1]["text"] = descriptor.dump();
  const Json refused = importProject(eve, lyingBuilt);
  ASSERT_EQ(refused["status"], "failed") << refused.dump();
  EXPECT_NE(refused["message"].get<std::string>().find("set_drive"), std::string::npos) << refused.dump();
  Json lyingSource = sourceFiles("trim");
  lyingSource[3]["text"] = descriptor.dump();
  const Json notCompiled = importProject(eve, lyingSource);
  ASSERT_EQ(notCompiled["status"], "failed") << notCompiled.dump();
  ASSERT_FALSE(notCompiled["diagnostics"].empty());
  EXPECT_EQ(notCompiled["diagnostics"][0]["file"], "plugin.cpp");
  EXPECT_NE(notCompiled["diagnostics"][0]["message"].get<std::string>().find("set_drive"), std::string::npos);
}


// A module imported as built becomes a kept plugin like any build (forge/README.md, "Kept
// plugins and versions"): with no source or plan, its manifest, descriptor.json and glue kept,
// downloaded from its version as the vAIst build it was and played from those files, restored,
// kept after a restart; refused as another user's, with a source or plan claimed for it, and
// for refining.
TEST_F(ForgeImport, ABuiltModuleIsKeptAsAVersionDownloadedAndPlayedAgain) {
  ServerProcess server;
  HttpClient bob(server.port()), mallory(server.port());
  bob.registerUser("bob");
  mallory.registerUser("mallory");
  const Json glue = importProject(bob, builtFiles("lowpass_glue", "lowpass"));
  ASSERT_EQ(glue["status"], "succeeded") << glue.dump();
  const Json clean = importProject(bob, builtFiles("trim_clean", "trim"));
  ASSERT_EQ(clean["status"], "succeeded") << clean.dump();

  // Another user's import, a source or a plan claimed for a module that compiled none, a forged id.
  EXPECT_EQ(mallory.post("/api/v1/forge/plugins", Json{{"buildId", glue["id"]}}).status, 404);
  for (const Json& claim : {Json{{"buildId", glue["id"]}, {"source", "#include <wsp/sdk.hpp>\n"}},
                            Json{{"buildId", glue["id"]}, {"source", readFile(built("lowpass_glue") / "vaist-processor.js")}},
                            Json{{"buildId", glue["id"]}, {"plan", Json::object()}}}) {
    const HttpResponse res = bob.post("/api/v1/forge/plugins", claim);
    EXPECT_EQ(res.status, 422) << res.body;
    EXPECT_EQ(res.errorCode(), "source_mismatch") << res.body;
  }
  EXPECT_EQ(bob.post("/api/v1/forge/plugins", Json{{"buildId", "0123456789abcdef0123456789abcdef"}}).status, 404);
  EXPECT_EQ(bob.get("/api/v1/forge/plugins").json()["plugins"].size(), 0u);

  HttpResponse res = bob.post("/api/v1/forge/plugins", Json{{"buildId", glue["id"]}, {"message", "imported from vAIst Forge"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const Json kept = res.json();
  const std::string base = "/api/v1/forge/plugins/" + kept["id"].get<std::string>();
  EXPECT_EQ(kept["name"], glue["plugin"]["name"]);
  const Json v1 = kept["versions"][0];
  const std::string v1Id = v1["id"];
  EXPECT_EQ(v1["language"], "vaist");
  EXPECT_EQ(v1["format"], "vaist");
  EXPECT_TRUE(v1["plan"].is_null());
  EXPECT_TRUE(v1["source"].is_null());
  EXPECT_EQ(v1["files"], Json::array({"plugin.wasm", "descriptor.json", "glue.js"}));
  EXPECT_EQ(v1["wasm"]["sha256"], glue["wasm"]["sha256"]);
  EXPECT_EQ(bob.get(v1["wasm"]["manifest"].get<std::string>()).status, 200);  // what a browser drives it by
  EXPECT_EQ(bob.get("/api/v1/forge/plugins").json()["plugins"][0]["versions"][0]["files"], v1["files"]);  // listed too

  // Its files, as the vAIst build was (the glue finds the module by its name), played from them.
  const std::string files = base + "/versions/" + v1Id + "/";
  const HttpResponse wasm = bob.get(files + "plugin.wasm");
  ASSERT_EQ(wasm.status, 200);
  EXPECT_EQ(wasm.body, readFile(built("lowpass_glue") / "vaist-processor.wasm"));
  EXPECT_NE(wasm.header("content-disposition").find("vaist-processor.wasm"), std::string::npos);
  const HttpResponse js = bob.get(files + "glue.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.body, readFile(built("lowpass_glue") / "vaist-processor.js"));
  EXPECT_NE(js.header("content-disposition").find("vaist-processor.js"), std::string::npos);
  EXPECT_EQ(js.header("content-type"), "application/octet-stream");  // saved, never run as this origin's script
  const HttpResponse descriptor = bob.get(files + "descriptor.json");
  ASSERT_EQ(descriptor.status, 200);
  EXPECT_EQ(descriptor.json(), Json::parse(readFile(project("lowpass") / "descriptor.json")));
  const fs::path folder = freshFolder("ForgeImport.KeptGlue");
  writeFile(folder / "vaist-processor.wasm", wasm.body);
  writeFile(folder / "vaist-processor.js", js.body);
  writeFile(folder / "descriptor.json", descriptor.body);
  host::LoadOptions options;
  options.cacheDir = WSTUDIO_SERVER_TEST_CACHE;
  auto lowpass = host::loadPlugin(folder / "vaist-processor.wasm", options);
  ASSERT_TRUE(lowpass.ok()) << lowpass.error();
  EXPECT_EQ(lowpass.value()->format(), host::PluginFormat::vaist);
  EXPECT_LT(sineGainDb(*lowpass.value(), 8000.0), -18.0);
  EXPECT_EQ(mallory.get(files + "glue.js").status, 404);

  // v2 from the clean form, v1 its parent (no glue); v1 restored; refining either is refused.
  res = bob.post(base + "/versions", Json{{"buildId", clean["id"]}, {"parentVersionId", v1Id}, {"message", "the trim"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const Json v2 = res.json();
  EXPECT_EQ(v2["parentId"], v1Id);
  EXPECT_EQ(v2["files"], Json::array({"plugin.wasm", "descriptor.json"}));
  EXPECT_EQ(bob.get(base + "/versions/" + v2["id"].get<std::string>() + "/glue.js").status, 404);
  res = bob.post(base + "/current", Json{{"versionId", v1Id}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["currentVersionId"], v1Id);
  res = bob.post("/api/v1/forge/refine", Json{{"versionId", v1Id}, {"instruction", "make it darker"}});
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "no_plan");
  EXPECT_NE(res.json()["error"]["message"].get<std::string>().find("imported as built"), std::string::npos) << res.body;

  // After a restart (the service's records gone) an imported build is still kept.
  ASSERT_EQ(server.stop(), 0);
  server.start();
  HttpClient again(server.port());
  again.login("bob");
  res = again.post("/api/v1/forge/plugins", Json{{"buildId", clean["id"]}});
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["versions"][0]["format"], "vaist");
  const std::string trimFiles = "/api/v1/forge/plugins/" + res.json()["id"].get<std::string>() + "/versions/" +
                                res.json()["versions"][0]["id"].get<std::string>() + "/";
  EXPECT_EQ(again.get(trimFiles + "plugin.wasm").body, readFile(built("trim_clean") / "vaist-processor.wasm"));
  EXPECT_EQ(again.get(trimFiles + "descriptor.json").json(), Json::parse(readFile(project("trim") / "descriptor.json")));
}

}  // namespace
}  // namespace wstudio::server::test

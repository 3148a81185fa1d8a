// /api/v1/forge/plugins and /forge/refine against the real server (forge/README.md, "Kept
// plugins and versions"): a described plugin built, kept as v1, refined and built as v2 with v1
// as its parent, restored, downloaded with its descriptor, listed in the uploads with its
// version, and its factory presets from the plan; and every way another user, an anonymous
// caller or a bad body tries to get at or into it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "forge_test_sources.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace wstudio::server::test {
namespace {

// Builds `source` and waits for the end.
Json built(HttpClient& client, const std::string& source) {
  HttpResponse answer = client.post("/api/v1/forge/builds", Json{{"language", "cpp"}, {"source", source}});
  EXPECT_TRUE(answer.status == 202 || answer.status == 200) << answer.body;
  Json body = answer.json();
  while (body["status"] != "succeeded" && body["status"] != "failed") {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    body = client.get("/api/v1/forge/builds/" + body["id"].get<std::string>()).json();
  }
  return body;
}

TEST(ForgeVersionsApi, KeepRefineRestoreDownloadAndPresets) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a delay with 40% feedback and a low-pass"}}).json();
  const Json v1Build = built(alice, described["source"]);
  ASSERT_EQ(v1Build["status"], "succeeded") << v1Build.dump();

  // Keep: v1 from the build and its plan (the source is the plan's, checked against the build).
  HttpResponse res = alice.post("/api/v1/forge/plugins",
                                Json{{"buildId", v1Build["id"]}, {"plan", described["plan"]}, {"message", "a delay with 40% feedback and a low-pass"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const Json kept = res.json();
  const std::string pluginId = kept["id"];
  ASSERT_EQ(kept["versions"].size(), 1u);
  const Json v1 = kept["versions"][0];
  EXPECT_EQ(v1["number"], 1);
  EXPECT_TRUE(v1["parentId"].is_null());
  EXPECT_EQ(v1["source"], described["source"]);
  EXPECT_EQ(v1["wasm"]["sha256"], v1Build["wasm"]["sha256"]);
  EXPECT_EQ(kept["currentVersionId"], v1["id"]);

  // Refine from the kept version, build, add v2 with v1 as parent.
  res = alice.post("/api/v1/forge/refine", Json{{"versionId", v1["id"]}, {"instruction", "less feedback, add a mix knob, sparkle"}});
  ASSERT_EQ(res.status, 200) << res.body;
  const Json refined = res.json();
  EXPECT_EQ(refined["changes"].size(), 2u) << res.body;
  EXPECT_EQ(refined["notUnderstood"].size(), 1u) << res.body;
  EXPECT_TRUE(refined["plan"]["mix"].is_string()) << res.body;  // a dry/wet over the chain, beside the delay's own
  const Json v2Build = built(alice, refined["source"]);
  ASSERT_EQ(v2Build["status"], "succeeded") << v2Build.dump();
  res = alice.post("/api/v1/forge/plugins/" + pluginId + "/versions",
                   Json{{"buildId", v2Build["id"]}, {"parentVersionId", v1["id"]}, {"plan", refined["plan"]},
                        {"source", refined["source"]}, {"message", "less feedback, add a mix knob"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const Json v2 = res.json();
  EXPECT_EQ(v2["number"], 2);
  EXPECT_EQ(v2["parentId"], v1["id"]);
  EXPECT_EQ(v2["message"], "less feedback, add a mix knob");

  res = alice.get("/api/v1/forge/plugins/" + pluginId);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["currentVersionId"], v2["id"]);
  EXPECT_EQ(res.json()["versions"].size(), 2u);
  res = alice.get("/api/v1/forge/plugins");
  ASSERT_EQ(res.json()["plugins"].size(), 1u);
  EXPECT_EQ(res.json()["plugins"][0]["versions"][1]["number"], 2);
  EXPECT_FALSE(res.json()["plugins"][0]["versions"][1].contains("source"));  // the list is light

  // Factory presets of the current version's plan, by the descriptor's parameter ids.
  const std::string key = v2["pluginId"];
  res = alice.get("/api/v1/presets/" + key + "/factory");
  ASSERT_EQ(res.status, 200) << res.body;
  const Json presets = res.json()["presets"];
  ASSERT_GE(presets.size(), 5u) << res.body;
  EXPECT_EQ(presets[0]["name"], "Default");
  EXPECT_EQ(presets[1]["name"], "Subtle");
  EXPECT_EQ(presets[2]["name"], "Heavy");
  EXPECT_EQ(presets[3]["name"], "Slapback");
  EXPECT_EQ(presets[0]["params"].size(), v2["plugin"]["params"].size());

  // Restore v1: current again; then the downloads.
  res = alice.post("/api/v1/forge/plugins/" + pluginId + "/current", Json{{"versionId", v1["id"]}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["currentVersionId"], v1["id"]);
  res = alice.get("/api/v1/forge/plugins/" + pluginId + "/versions/" + v1["id"].get<std::string>() + "/plugin.wasm");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.substr(0, 4), std::string("\0asm", 4));
  res = alice.get("/api/v1/forge/plugins/" + pluginId + "/versions/" + v1["id"].get<std::string>() + "/descriptor.json");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["id"], key);

  // The uploads list (the studio's plugin menu) names the kept versions.
  res = alice.get("/api/v1/plugins/uploads");
  ASSERT_EQ(res.status, 200);
  int named = 0;
  const Json uploads = res.json();
  for (const Json& p : uploads["plugins"])
    if (p.contains("forge")) {
      ++named;
      EXPECT_EQ(p["forge"]["name"], kept["name"]);
    }
  EXPECT_EQ(named, 2) << res.body;
}

TEST(ForgeVersionsApi, OthersAnonymousForgedIdsAndBadBodiesAreRefused) {
  ServerProcess server;
  HttpClient alice(server.port()), mallory(server.port()), anonymous(server.port());
  alice.registerUser("alice");
  mallory.registerUser("mallory");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a tremolo"}}).json();
  const Json aliceBuild = built(alice, described["source"]);
  ASSERT_EQ(aliceBuild["status"], "succeeded");
  const Json kept = alice.post("/api/v1/forge/plugins", Json{{"buildId", aliceBuild["id"]}, {"plan", described["plan"]}}).json();
  const std::string pluginId = kept["id"];
  const std::string v1 = kept["versions"][0]["id"];
  const std::string base = "/api/v1/forge/plugins/" + pluginId;

  // Anonymous: every route 401.
  EXPECT_EQ(anonymous.get("/api/v1/forge/plugins").status, 401);
  EXPECT_EQ(anonymous.get(base).status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/forge/refine", Json{{"plan", described["plan"]}, {"instruction", "darker"}}).status, 401);
  EXPECT_EQ(anonymous.post("/api/v1/forge/plugins", Json{{"buildId", aliceBuild["id"]}}).status, 401);

  // Mallory knows every id: nothing is hers to read, list, download, restore, refine or extend.
  EXPECT_EQ(mallory.get("/api/v1/forge/plugins").json()["plugins"].size(), 0u);
  EXPECT_EQ(mallory.get(base).status, 404);
  EXPECT_EQ(mallory.get(base + "/versions/" + v1 + "/plugin.wasm").status, 404);
  EXPECT_EQ(mallory.get(base + "/versions/" + v1 + "/descriptor.json").status, 404);
  EXPECT_EQ(mallory.post(base + "/current", Json{{"versionId", v1}}).status, 404);
  EXPECT_EQ(mallory.post("/api/v1/forge/refine", Json{{"versionId", v1}, {"instruction", "darker"}}).status, 404);
  // Keeping alice's build as her own: the build is unknown to her.
  EXPECT_EQ(mallory.post("/api/v1/forge/plugins", Json{{"buildId", aliceBuild["id"]}, {"plan", described["plan"]}}).status, 404);
  // Her own build, with alice's version as the parent (a forged fork) or into alice's plugin.
  const Json mine = built(mallory, described["source"]);  // answered from the cache: her own build
  ASSERT_EQ(mine["status"], "succeeded");
  EXPECT_EQ(mallory.post("/api/v1/forge/plugins", Json{{"buildId", mine["id"]}, {"plan", described["plan"]}, {"parentVersionId", v1}}).status, 404);
  EXPECT_EQ(mallory.post(base + "/versions", Json{{"buildId", mine["id"]}, {"plan", described["plan"]}, {"parentVersionId", v1}}).status, 404);
  // A plugin of her own whose new version claims alice's version as its parent.
  const Json hers = mallory.post("/api/v1/forge/plugins", Json{{"buildId", mine["id"]}, {"plan", described["plan"]}}).json();
  EXPECT_EQ(mallory.post("/api/v1/forge/plugins/" + hers["id"].get<std::string>() + "/versions",
                         Json{{"buildId", mine["id"]}, {"plan", described["plan"]}, {"parentVersionId", v1}}).status, 404);
  // Restoring a version of another plugin into hers.
  EXPECT_EQ(mallory.post("/api/v1/forge/plugins/" + hers["id"].get<std::string>() + "/current", Json{{"versionId", v1}}).status, 404);
  EXPECT_EQ(alice.get(base).json()["versions"].size(), 1u);  // nothing was added to alice's

  // A failed build, an unknown build, a build of another source: refused and said.
  const Json failed = built(alice, forge::test::kErrorAtLine4);
  ASSERT_EQ(failed["status"], "failed");
  HttpResponse res = alice.post("/api/v1/forge/plugins", Json{{"buildId", failed["id"]}, {"source", forge::test::kErrorAtLine4}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json()["error"]["code"], "build_not_succeeded") << res.body;
  EXPECT_EQ(alice.post("/api/v1/forge/plugins", Json{{"buildId", "0123456789abcdef0123456789abcdef"}, {"plan", described["plan"]}}).status, 404);
  const Json other = alice.post("/api/v1/forge/plans", Json{{"prompt", "a chorus"}}).json();
  res = alice.post("/api/v1/forge/plugins", Json{{"buildId", aliceBuild["id"]}, {"plan", other["plan"]}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.json()["error"]["code"], "source_mismatch") << res.body;

  // Malformed bodies: 400 naming the field.
  for (const Json& body : {Json{{"plan", described["plan"]}}, Json{{"buildId", 5}}, Json{{"buildId", aliceBuild["id"]}},
                           Json{{"buildId", aliceBuild["id"]}, {"plan", "tremolo"}}}) {
    res = alice.post("/api/v1/forge/plugins", body);
    EXPECT_EQ(res.status, 400) << body.dump() << " " << res.body;
    EXPECT_TRUE(res.json()["error"].contains("field")) << res.body;
  }
  EXPECT_EQ(alice.post(base + "/versions", Json{{"buildId", aliceBuild["id"]}, {"plan", described["plan"]}}).status, 400);  // no parent
  EXPECT_EQ(alice.post("/api/v1/forge/refine", Json{{"plan", described["plan"]}}).status, 400);
  EXPECT_EQ(alice.post("/api/v1/forge/refine", Json{{"instruction", "darker"}}).status, 400);
  Json broken = described["plan"];
  broken["blocks"] = Json::array();
  EXPECT_EQ(alice.post("/api/v1/forge/refine", Json{{"plan", broken}, {"instruction", "darker"}}).status, 422);
  EXPECT_EQ(alice.get(base + "/versions/" + v1 + "/secrets.txt").status, 404);
}


// Keep does not depend on the compile service's memory: a build is kept after the server
// restarted (its records of builds are gone), by its owner only.
TEST(ForgeVersionsApi, ASucceededBuildIsKeptAfterARestart) {
  ServerProcess server;
  HttpClient alice(server.port());
  alice.registerUser("alice");
  HttpClient mallory(server.port());
  mallory.registerUser("mallory");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a warm drive"}}).json();
  const Json build = built(alice, described["source"]);
  ASSERT_EQ(build["status"], "succeeded") << build.dump();
  const Json failed = built(alice, forge::test::kErrorAtLine4);
  ASSERT_EQ(failed["status"], "failed");
  ASSERT_EQ(server.stop(), 0);
  server.start();
  HttpClient again(server.port());
  again.login("alice");
  HttpClient mallorysAgain(server.port());
  mallorysAgain.login("mallory");
  EXPECT_EQ(again.get("/api/v1/forge/builds/" + build["id"].get<std::string>()).status, 404);  // the service forgot it

  // Another user's build stays unknown, also from the server's record of it.
  EXPECT_EQ(mallorysAgain.post("/api/v1/forge/plugins", Json{{"buildId", build["id"]}, {"plan", described["plan"]}}).status, 404);
  // A source it did not compile is still refused: the record keeps the cache key.
  const Json other = again.post("/api/v1/forge/plans", Json{{"prompt", "a chorus"}}).json();
  HttpResponse res = again.post("/api/v1/forge/plugins", Json{{"buildId", build["id"]}, {"plan", other["plan"]}});
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "source_mismatch");
  // A failed build is not recorded: after the restart it is unknown.
  EXPECT_EQ(again.post("/api/v1/forge/plugins", Json{{"buildId", failed["id"]}, {"source", forge::test::kErrorAtLine4}}).status, 404);

  res = again.post("/api/v1/forge/plugins", Json{{"buildId", build["id"]}, {"plan", described["plan"]}, {"message", "kept later"}});
  ASSERT_EQ(res.status, 201) << res.body;
  const Json kept = res.json();
  EXPECT_EQ(kept["versions"][0]["wasm"]["sha256"], build["wasm"]["sha256"]);
  EXPECT_EQ(kept["versions"][0]["source"], described["source"]);
  EXPECT_EQ(kept["versions"][0]["format"], "wsp");
  EXPECT_EQ(kept["versions"][0]["plugin"]["id"], build["plugin"]["id"]);
  res = again.get("/api/v1/forge/plugins/" + kept["id"].get<std::string>() + "/versions/" +
                  kept["versions"][0]["id"].get<std::string>() + "/plugin.wasm");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.body.substr(0, 4), std::string("\0asm", 4));
}

// Deleting: a version (its children name its parent; the current one moves to its parent), a
// plugin with all its versions (forks of it name the nearest ancestor left), the only version
// refused; modules stay the owner's assets. Only the owner deletes.
TEST(ForgeVersionsApi, VersionsAndPluginsAreDeletedByTheirOwnerOnly) {
  ServerProcess server;
  HttpClient alice(server.port()), mallory(server.port()), anonymous(server.port());
  alice.registerUser("alice");
  mallory.registerUser("mallory");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a tremolo at 5 Hz"}}).json();
  const Json build = built(alice, described["source"]);
  ASSERT_EQ(build["status"], "succeeded") << build.dump();
  const Json body{{"buildId", build["id"]}, {"plan", described["plan"]}};
  const Json kept = alice.post("/api/v1/forge/plugins", body).json();
  const std::string a = kept["id"];
  const std::string base = "/api/v1/forge/plugins/" + a;
  const std::string v1 = kept["versions"][0]["id"];
  const auto add = [&](const std::string& plugin, const std::string& parent) {
    Json withParent = body;
    withParent["parentVersionId"] = parent;
    const HttpResponse res = alice.post("/api/v1/forge/plugins/" + plugin + "/versions", withParent);
    EXPECT_EQ(res.status, 201) << res.body;
    return res.json()["id"].get<std::string>();
  };
  const std::string v2 = add(a, v1);
  const std::string v3 = add(a, v2);

  // Nobody else deletes anything, whatever ids they know; a forged id is unknown.
  EXPECT_EQ(anonymous.del(base).status, 401);
  EXPECT_EQ(anonymous.del(base + "/versions/" + v2).status, 401);
  EXPECT_EQ(mallory.del(base).status, 404);
  EXPECT_EQ(mallory.del(base + "/versions/" + v2).status, 404);
  const Json hers = mallory.post("/api/v1/forge/plugins", Json{{"buildId", built(mallory, described["source"])["id"]}, {"plan", described["plan"]}}).json();
  const std::string hersId = hers["id"];
  EXPECT_EQ(mallory.del("/api/v1/forge/plugins/" + hersId + "/versions/" + v2).status, 404);  // alice's version via her plugin
  EXPECT_EQ(alice.del("/api/v1/forge/plugins/" + hersId).status, 404);
  EXPECT_EQ(alice.del("/api/v1/forge/plugins/0123456789abcdef0123456789abcdef").status, 404);
  EXPECT_EQ(alice.del(base + "/versions/0123456789abcdef0123456789abcdef").status, 404);
  HttpClient noCsrf(server.port());
  noCsrf.setCookie(alice.cookie());
  EXPECT_EQ(noCsrf.del(base).status, 403);  // a cookie without the CSRF token (another site's form)
  EXPECT_EQ(alice.get(base).json()["versions"].size(), 3u);
  EXPECT_EQ(mallory.get("/api/v1/forge/plugins/" + hersId).status, 200);

  // v2 (v1 -> v2 -> v3): v3's parent is v1 now; v3 stays current.
  HttpResponse res = alice.del(base + "/versions/" + v2);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["currentVersionId"], v3);
  Json now = alice.get(base).json();
  ASSERT_EQ(now["versions"].size(), 2u);
  EXPECT_EQ(now["versions"][1]["id"], v3);
  EXPECT_EQ(now["versions"][1]["parentId"], v1);
  EXPECT_EQ(alice.del(base + "/versions/" + v2).status, 404);  // gone
  // The current v3: its parent v1 becomes current. A new version is v4: v2 and v3 are not reused.
  res = alice.del(base + "/versions/" + v3);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json()["currentVersionId"], v1);
  const std::string v4 = add(a, v1);
  EXPECT_EQ(alice.get(base).json()["versions"][1]["number"], 4);
  ASSERT_EQ(alice.del(base + "/versions/" + v4).status, 200);
  // The only version: refused, the plugin is deleted as such.
  res = alice.del(base + "/versions/" + v1);
  EXPECT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(res.errorCode(), "only_version");
  EXPECT_EQ(alice.get(base).json()["versions"].size(), 1u);

  // Forks across plugins: B forked from A's v1, C forked from B's v2. Deleting B: C's parent is
  // A's v1 (the nearest ancestor left); deleting A then: B's forks have no parent.
  Json fork = body;
  fork["parentVersionId"] = v1;
  const Json b = alice.post("/api/v1/forge/plugins", fork).json();
  const std::string bId = b["id"];
  const std::string bv2 = add(bId, b["versions"][0]["id"]);
  fork["parentVersionId"] = bv2;
  const Json c = alice.post("/api/v1/forge/plugins", fork).json();
  const std::string cBase = "/api/v1/forge/plugins/" + c["id"].get<std::string>();
  EXPECT_EQ(alice.del("/api/v1/forge/plugins/" + bId).status, 204);
  EXPECT_EQ(alice.get("/api/v1/forge/plugins/" + bId).status, 404);
  EXPECT_EQ(alice.get(cBase).json()["versions"][0]["parentId"], v1);
  EXPECT_EQ(alice.del(base).status, 204);
  EXPECT_EQ(alice.get(base).status, 404);
  EXPECT_TRUE(alice.get(cBase).json()["versions"][0]["parentId"].is_null());
  EXPECT_EQ(alice.get("/api/v1/forge/plugins").json()["plugins"].size(), 1u);
  EXPECT_EQ(alice.del(base).status, 404);  // twice

  // The module stays: C still uses it, and it is alice's asset (sessions may use it).
  EXPECT_EQ(alice.get("/api/v1/assets/" + build["wasm"]["sha256"].get<std::string>()).status, 200);
  EXPECT_EQ(alice.del(cBase).status, 204);
  EXPECT_EQ(alice.get("/api/v1/assets/" + build["wasm"]["sha256"].get<std::string>()).status, 200);
  EXPECT_EQ(mallory.get("/api/v1/forge/plugins/" + hersId).status, 200);  // hers untouched
}

// Kept plugins of a database from before migration 8 (no recorded builds, no last_number): the
// migration numbers the next version after the last one kept, and deleting works on them.
TEST(ForgeVersionsApi, PluginsKeptBeforeMigration8GoOnNumberingAndDelete) {
  const std::filesystem::path dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "ForgeVersionsApi.Migration8";
  std::filesystem::remove_all(dir);
  auto server = std::make_unique<ServerProcess>(dir);
  HttpClient alice(server->port());
  alice.registerUser("alice");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a gain of -6 dB"}}).json();
  const Json build = built(alice, described["source"]);
  ASSERT_EQ(build["status"], "succeeded") << build.dump();
  const Json body{{"buildId", build["id"]}, {"plan", described["plan"]}};
  const Json kept = alice.post("/api/v1/forge/plugins", body).json();
  const std::string base = "/api/v1/forge/plugins/" + kept["id"].get<std::string>();
  Json child = body;
  child["parentVersionId"] = kept["versions"][0]["id"];
  const std::string v2 = alice.post(base + "/versions", child).json()["id"];
  ASSERT_EQ(server->stop(), 0);
  // Everything migration 8 added, undone.
  EXPECT_EQ(runSql(dir,
                   "DROP TABLE forge_builds; DROP INDEX forge_versions_parent; "
                   "ALTER TABLE forge_versions DROP COLUMN manifest; "
                   "ALTER TABLE forge_versions DROP COLUMN vaist_files_sha256; "
                   "ALTER TABLE forge_versions DROP COLUMN vaist_glue; "
                   "ALTER TABLE forge_plugins DROP COLUMN last_number; PRAGMA user_version = 7;"),
            "");
  server = std::make_unique<ServerProcess>(dir);
  HttpClient again(server->port());
  again.login("alice");
  const Json listed = again.get(base).json();
  ASSERT_EQ(listed["versions"].size(), 2u) << listed.dump();
  EXPECT_EQ(listed["versions"][1]["format"], "wsp");
  // The build was not recorded before: it is built again (from the cache) to be kept.
  child["parentVersionId"] = v2;
  EXPECT_EQ(again.post(base + "/versions", child).status, 404);
  child["buildId"] = built(again, described["source"])["id"];
  HttpResponse res = again.post(base + "/versions", child);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json()["number"], 3);
  const std::string v3 = res.json()["id"];
  ASSERT_EQ(again.del(base + "/versions/" + v2).status, 200);
  EXPECT_EQ(again.get(base).json()["versions"][1]["parentId"], kept["versions"][0]["id"]);
  EXPECT_EQ(again.del(base).status, 204);
}

// The records of succeeded builds are bounded per user (--forge-kept-builds): cached rebuilds
// are free, so a user asking for them as fast as they can keeps only their latest N, and never
// pushes out another user's.
TEST(ForgeVersionsApi, RecordsOfBuildsAreBoundedPerUser) {
  const std::filesystem::path dir = std::filesystem::path(WSTUDIO_SERVER_TEST_SCRATCH) / "ForgeVersionsApi.Bounded";
  std::filesystem::remove_all(dir);
  ServerProcess server(dir, "--forge-kept-builds 2");
  HttpClient alice(server.port()), mallory(server.port());
  alice.registerUser("alice");
  mallory.registerUser("mallory");
  const Json described = alice.post("/api/v1/forge/plans", Json{{"prompt", "a gain of -3 dB"}}).json();
  std::vector<std::string> builds;
  for (int i = 0; i < 3; ++i) builds.push_back(built(alice, described["source"])["id"]);  // compiled once, then cached
  for (int i = 0; i < 5; ++i) built(mallory, described["source"]);
  // The oldest record is gone (the service still knows the build: said as such), the latest two kept.
  HttpResponse res = alice.post("/api/v1/forge/plugins", Json{{"buildId", builds[0]}, {"plan", described["plan"]}});
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(res.errorCode(), "build_not_kept");
  EXPECT_EQ(alice.post("/api/v1/forge/plugins", Json{{"buildId", builds[1]}, {"plan", described["plan"]}}).status, 201);
  EXPECT_EQ(alice.post("/api/v1/forge/plugins", Json{{"buildId", builds[2]}, {"plan", described["plan"]}}).status, 201);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((server.dataDir() / "data" / "studio.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM forge_builds", -1, &count, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(count, 0), 4);  // two of each user's
  sqlite3_finalize(count);
  sqlite3_close(db);
}

}  // namespace
}  // namespace wstudio::server::test

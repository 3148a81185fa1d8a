// Where vaist finds its plugins, decided at run time: a copy of the binary moved elsewhere looks
// beside itself (<bin>/../share/wasm-studio/plugins), in --plugins and in $WSTUDIO_PLUGIN_PATH,
// never in the build tree it was built in; when a plugin or the factory catalog is found nowhere
// it says where it looked, and nothing runs natively in its place.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "vaist_process.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kBuildShare = WSTUDIO_PLUGIN_SHARE_DIR;
const fs::path kDemoSession = fs::path(WSTUDIO_DEMO_DIR) / "demo.session.json";

struct Install {
  fs::path root;    // <root>/bin/vaist
  fs::path vaist;
  fs::path share;   // <root>/share/wasm-studio/plugins: where the copy looks by itself
};

// A copy of vaist in a fresh <scratch>/<test>/bin, with the build's plugin folder beside it
// when `withPlugins`.
Install copyOfVaist(bool withPlugins) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  Install install;
  install.root = fs::path(VAIST_TEST_SCRATCH_DIR) / test->name();
  fs::remove_all(install.root);
  fs::create_directories(install.root / "bin");
  install.vaist = install.root / "bin" / "vaist";
  fs::copy_file(VAIST_BINARY, install.vaist);
  // The plugin sandbox's worker program, where vaist looks for it (beside itself), if the build
  // has one.
  const fs::path worker = fs::path(VAIST_BINARY).parent_path() / "wstudio-plugin-worker";
  if (fs::exists(worker)) fs::copy_file(worker, install.root / "bin" / worker.filename());
  install.share = install.root / "share" / "wasm-studio" / "plugins";
  if (withPlugins) {
    fs::create_directories(install.share.parent_path());
    fs::copy(kBuildShare, install.share, fs::copy_options::recursive);
  }
  return install;
}

std::string quoted(const fs::path& path) {
  std::string text = "'";
  text += path.string();
  text += '\'';
  return text;
}

// `vaist ARGS` run as `install.vaist`, without $WSTUDIO_PLUGIN_PATH unless `pluginPath` is set.
// `timeout` stops a server that starts when the test expects it not to (the test then fails on
// its exit status instead of hanging).
vaist_test::VaistRun run(const Install& install, const std::string& args,
                         const std::string& pluginPath = "") {
  std::string command = "env -u WSTUDIO_PLUGIN_PATH WSTUDIO_CACHE_DIR=" +
                        quoted(VAIST_TEST_CACHE_DIR);
  if (!pluginPath.empty()) command += " WSTUDIO_PLUGIN_PATH=" + quoted(fs::path(pluginPath));
  command += " timeout 600 " + quoted(install.vaist) + " " + args + " 2>" +
             quoted(install.root / "stderr.txt");
  return vaist_test::runShell(command, install.root / "stderr.txt");
}

std::string renderArgs(const Install& install) {
  return "render " + quoted(kDemoSession) + " --range 0:1 -o " + quoted(install.root / "mix.wav");
}

TEST(PluginSearch, RenderWithNoPluginFolderFailsNamingEveryFileLookedFor) {
  const Install install = copyOfVaist(/*withPlugins=*/false);
  const auto result = run(install, renderArgs(install));
  EXPECT_EQ(result.status, 2) << result.err;
  EXPECT_NE(result.err.find("no plugin \"studio.wasm.eq\": looked for"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find((install.share / "eq.wasm").string()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("/usr/share/wasm-studio/plugins/eq.wasm"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find(kBuildShare.string()), std::string::npos)  // nothing baked in
      << result.err;
  EXPECT_EQ(result.err.find("natively"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(install.root / "mix.wav"));
}

TEST(PluginSearch, RenderFindsPluginsBesideAMovedBinary) {
  const Install install = copyOfVaist(/*withPlugins=*/true);
  const auto result = run(install, renderArgs(install));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_TRUE(fs::exists(install.root / "mix.wav"));
}

TEST(PluginSearch, RenderFindsPluginsInWstudioPluginPath) {
  const Install install = copyOfVaist(/*withPlugins=*/false);
  const auto result = run(install, renderArgs(install), "/nonexistent:" + kBuildShare.string());
  EXPECT_EQ(result.status, 0) << result.err;
}

TEST(PluginSearch, ServeWithoutACatalogDoesNotStartAndSaysWhereItLooked) {
  const Install install = copyOfVaist(/*withPlugins=*/false);
  const fs::path data = install.root / "data";
  const auto result = run(install, "serve --listen 127.0.0.1:0 --data " + quoted(data) +
                                       " --plugins " + quoted(install.root / "mine"));
  EXPECT_EQ(result.status, 2) << result.err;
  EXPECT_NE(result.err.find("no factory plugin catalog found"), std::string::npos) << result.err;
  for (const fs::path& folder : {install.root / "mine", install.share,
                                 fs::path("/usr/share/wasm-studio/plugins")}) {
    EXPECT_NE(result.err.find((folder / "catalog.json").string()), std::string::npos)
        << folder << " in " << result.err;
  }
  EXPECT_FALSE(fs::exists(data));  // it stopped before creating anything
}

// --plugins points the server at a catalog: it gets past the catalog to the next step, which
// here refuses the listen address (so the test needs no server to stop).
TEST(PluginSearch, ServeFindsTheCatalogInAPluginsFolder) {
  const Install install = copyOfVaist(/*withPlugins=*/false);
  const auto result = run(install, "serve --listen 256.0.0.1:0 --data " +
                                       quoted(install.root / "data") + " --plugins " +
                                       quoted(kBuildShare));
  EXPECT_EQ(result.status, 2) << result.err;
  EXPECT_EQ(result.err.find("no factory plugin catalog"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("'256.0.0.1' is not an IP address"), std::string::npos) << result.err;
}

// A plugin folder whose .wasm no longer matches its catalog (a partial update, an edit) is
// refused as a whole: the server would otherwise describe one plugin and serve another.
TEST(PluginSearch, ServeRefusesAWasmThatIsNotTheOneTheCatalogLists) {
  const Install install = copyOfVaist(/*withPlugins=*/true);
  std::ofstream(install.share / "eq.wasm", std::ios::binary | std::ios::app) << '\0';
  const auto result =
      run(install, "serve --listen 127.0.0.1:0 --data " + quoted(install.root / "data"));
  EXPECT_EQ(result.status, 2) << result.err;
  EXPECT_NE(result.err.find((install.share / "eq.wasm").string() +
                            " is not the file the catalog lists"),
            std::string::npos)
      << result.err;
}

}  // namespace

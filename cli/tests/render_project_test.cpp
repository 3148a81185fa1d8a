// `vaist render` of a project file (docs/project-file.md): the demo session packed by the test
// (its audio by sha256, a plugin that is not a factory plugin in plugins/) renders bit for bit as
// the same session unzipped into a folder; hostile archives are refused by rule, write nothing,
// and leave no temporary files behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "vaist_process.hpp"
#include "wstudio/host/sha256.hpp"
#include "zip_writer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wstudio::project::testing;
using ::testing::HasSubstr;
using vaist_test::slurp;
using vaist_test::VaistRun;

std::string sha(const std::string& bytes) { return wstudio::host::sha256Hex(bytes); }

fs::path scratch() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path folder = fs::path(VAIST_TEST_SCRATCH_DIR) / test->name();
  fs::remove_all(folder);
  fs::create_directories(folder / "tmp");
  return folder;
}

// `vaist ARGS` with TMPDIR in the test's folder, so that what it leaves there can be seen.
VaistRun vaist(const std::string& args, const fs::path& folder) {
  const std::string command = "TMPDIR='" + (folder / "tmp").string() + "' WSTUDIO_CACHE_DIR='" +
                              VAIST_TEST_CACHE_DIR + "' '" + VAIST_BINARY + "' " + args + " 2>'" +
                              (folder / "stderr.txt").string() + "'";
  return vaist_test::runShell(command, folder / "stderr.txt");
}

bool emptyFolder(const fs::path& folder) { return fs::is_empty(folder); }

// A WAV file's samples: everything from its "data" chunk on (libsndfile's PEAK chunk before it
// holds the time of writing).
std::string wavData(const fs::path& file) {
  const std::string bytes = slurp(file);
  const auto at = bytes.find("data");
  return at == std::string::npos ? std::string() : bytes.substr(at);
}

// The demo session as a project: every clip's source by sha256 with its path in audio/, and the
// conformance suite's "good" effect (not a factory plugin) on the first track, by sha256.
struct DemoProject {
  std::string session;
  std::vector<ForgedEntry> entries;  // project.json, session.json, audio/, plugins/
};

DemoProject demoProject() {
  const fs::path demo(WSTUDIO_DEMO_DIR);
  nlohmann::json session = nlohmann::json::parse(slurp(demo / "demo.session.json"));
  DemoProject project;
  std::map<std::string, std::string> packed;  // old path -> new path
  for (auto& track : session["tracks"]) {
    for (auto& clip : track["clips"]) {
      if (!clip.contains("source")) continue;
      const std::string old = clip["source"]["path"];
      if (!packed.contains(old)) {
        const std::string bytes = slurp(demo / old);
        const std::string path = "audio/" + sha(bytes) + ".wav";
        packed[old] = path;
        project.entries.push_back({.name = path, .data = bytes, .method = 0});
      }
      clip["source"] = {{"sha256", packed[old].substr(6, 64)}, {"path", packed[old]}};
    }
  }
  const std::string good = slurp(fs::path(CONFORMANCE_FIXTURE_DIR) / "good.wasm");
  session["tracks"][0]["inserts"].push_back(
      {{"id", "user-effect"}, {"plugin", {{"id", "test.fixture.good"}, {"sha256", sha(good)}}}});
  project.entries.push_back({.name = "plugins/" + sha(good) + ".wasm", .data = good});
  project.session = session.dump(2) + "\n";
  project.entries.push_back({.name = "session.json", .data = project.session});
  project.entries.push_back({.name = "project.json", .data = manifestJson()});
  return project;
}

TEST(VaistRenderProject, RendersAsTheSameSessionUnzipped) {
  const fs::path folder = scratch();
  const DemoProject project = demoProject();
  writeFile(folder / "demo.wstudio.zip", forgeZip(project.entries));
  fs::create_directories(folder / "unzipped" / "audio");
  fs::create_directories(folder / "unzipped" / "plugins");
  for (const auto& entry : project.entries) writeFile(folder / "unzipped" / entry.name, entry.data);

  const VaistRun zipped = vaist("render '" + (folder / "demo.wstudio.zip").string() + "' -o '" +
                                    (folder / "from-project.wav").string() + "' --bits 32f",
                                folder);
  ASSERT_EQ(zipped.status, 0) << zipped.err;
  const VaistRun unzipped = vaist("render '" + (folder / "unzipped" / "session.json").string() + "' -o '" +
                                      (folder / "from-folder.wav").string() + "' --bits 32f",
                                  folder);
  ASSERT_EQ(unzipped.status, 0) << unzipped.err;
  const std::string a = wavData(folder / "from-project.wav");
  EXPECT_GT(a.size(), 1000000u);
  EXPECT_TRUE(a == wavData(folder / "from-folder.wav")) << "the two renders differ";
  EXPECT_TRUE(emptyFolder(folder / "tmp")) << "a temporary folder was left behind";
}

TEST(VaistRenderProject, AModuleThatDoesNotMatchItsHashIsNotLoaded) {
  const fs::path folder = scratch();
  DemoProject project = demoProject();
  fs::create_directories(folder / "unzipped" / "audio");
  fs::create_directories(folder / "unzipped" / "plugins");
  for (auto& entry : project.entries) {
    if (entry.name.starts_with("plugins/")) entry.data += "tampered";
    writeFile(folder / "unzipped" / entry.name, entry.data);
  }
  const VaistRun run = vaist("render '" + (folder / "unzipped" / "session.json").string() + "' -o '" +
                                 (folder / "mix.wav").string() + "'",
                             folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("not the sha256 in its name (PF-2)"));
  EXPECT_FALSE(fs::exists(folder / "mix.wav"));
}

// A vAIst Forge module (an emscripten-minified build) travels as plugins/<sha256>.wasm with its
// descriptor and glue in plugins/<sha256>.vaist.json; without that sidecar it cannot be loaded.
TEST(VaistRenderProject, RendersAVaistForgeModuleWithItsDescriptorAndGlue) {
  const fs::path forge = fs::path(VAIST_FIXTURE_BUILD_DIR) / "warm_drive_glue";
  if (!fs::exists(forge / "vaist-processor.wasm")) GTEST_SKIP() << "no emcc-built vAIst fixtures in " << forge;
  const fs::path folder = scratch();
  DemoProject project = demoProject();
  const std::string module = slurp(forge / "vaist-processor.wasm");
  nlohmann::json session = nlohmann::json::parse(project.session);
  session["tracks"][1]["inserts"].push_back(
      {{"id", "forge-drive"}, {"plugin", {{"id", "vaist.warm-drive"}, {"sha256", sha(module)}, {"format", "vaist"}}}});
  const nlohmann::json sidecar = {{"descriptor", nlohmann::json::parse(slurp(forge / "descriptor.json"))},
                                  {"glue", slurp(forge / "vaist-processor.js")}};
  std::vector<ForgedEntry> entries;
  for (const auto& entry : project.entries) {
    if (entry.name != "session.json") entries.push_back(entry);
  }
  entries.push_back({.name = "session.json", .data = session.dump(2) + "\n"});
  entries.push_back({.name = "plugins/" + sha(module) + ".wasm", .data = module});
  const auto withSidecar = [&] {
    auto all = entries;
    all.push_back({.name = "plugins/" + sha(module) + ".vaist.json", .data = sidecar.dump()});
    return all;
  }();

  writeFile(folder / "drive.wstudio.zip", forgeZip(withSidecar));
  const VaistRun run = vaist("render '" + (folder / "drive.wstudio.zip").string() + "' -o '" +
                                 (folder / "mix.wav").string() + "'",
                             folder);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(fs::exists(folder / "mix.wav"));

  writeFile(folder / "no-sidecar.wstudio.zip", forgeZip(entries));
  const VaistRun without = vaist("render '" + (folder / "no-sidecar.wstudio.zip").string() + "' -o '" +
                                     (folder / "mix2.wav").string() + "'",
                                 folder);
  EXPECT_EQ(without.status, 2);
  EXPECT_THAT(without.err, HasSubstr("insert \"forge-drive\""));
  EXPECT_THAT(without.err, HasSubstr("needs its descriptor and glue in plugins/" + sha(module) + ".vaist.json"));
  EXPECT_FALSE(fs::exists(folder / "mix2.wav"));
  EXPECT_TRUE(emptyFolder(folder / "tmp"));
}

struct Hostile {
  const char* what;
  std::vector<ForgedEntry> (*entries)(const DemoProject&);
  const char* message;
};

const Hostile kHostile[] = {
    {"zip-slip",
     [](const DemoProject& p) {
       auto entries = p.entries;
       entries.push_back({.name = "../../escaped.wav", .data = "x"});
       return entries;
     },
     "entry \"../../escaped.wav\" has an empty, \".\" or \"..\" part: it would be outside the project (PF-1)"},
    {"bomb",
     [](const DemoProject& p) {
       auto entries = p.entries;
       const std::string zeros(16u << 20, '\0');
       entries.push_back({.name = "audio/bomb.wav", .data = "", .declaredSize = zeros.size(), .compressed = deflateRaw(zeros)});
       return entries;
     },
     "more than the limit of 1000:1 (PF-3)"},
    {"sha mismatch",
     [](const DemoProject& p) {
       auto entries = p.entries;
       for (auto& entry : entries) {
         if (entry.name.starts_with("audio/")) {
           entry.data[100] ^= 1;
           break;
         }
       }
       return entries;
     },
     "not the sha256 in its name (PF-2)"},
    {"newer version",
     [](const DemoProject& p) {
       auto entries = p.entries;
       entries.back().data = manifestJson(2);
       return entries;
     },
     "made by a newer WASM Studio (project file version 2; this version reads up to 1) (PF-4)"},
};

TEST(VaistRenderProject, RefusesHostileArchivesAndWritesNothing) {
  const fs::path folder = scratch();
  const DemoProject project = demoProject();
  for (const Hostile& hostile : kHostile) {
    writeFile(folder / "hostile.wstudio.zip", forgeZip(hostile.entries(project)));
    const VaistRun run = vaist("render '" + (folder / "hostile.wstudio.zip").string() + "' -o '" +
                                   (folder / "mix.wav").string() + "'",
                               folder);
    EXPECT_EQ(run.status, 2) << hostile.what;
    EXPECT_THAT(run.err, HasSubstr(hostile.message)) << hostile.what;
    EXPECT_FALSE(fs::exists(folder / "mix.wav")) << hostile.what;
    EXPECT_FALSE(fs::exists(folder / "escaped.wav")) << hostile.what;
    EXPECT_TRUE(emptyFolder(folder / "tmp")) << hostile.what << ": a temporary folder was left behind";
  }
}

}  // namespace

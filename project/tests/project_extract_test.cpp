// The C++ reader of project files (docs/project-file.md) on archives forged by hand: every rule
// (PF-1..5) attacked, and a good project extracted into a session folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "wstudio/host/sha256.hpp"
#include "wstudio/project/private_folder.hpp"
#include "wstudio/project/project_extract.hpp"
#include "wstudio/project/session_plugins.hpp"
#include "zip_writer.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wstudio::project;
using namespace wstudio::project::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string sha(const std::string& bytes) { return wstudio::host::sha256Hex(bytes); }

std::string wav(char fill, std::size_t size = 3000) {
  std::string bytes(size, fill);
  bytes.replace(0, 4, "RIFF");
  bytes.replace(8, 4, "WAVE");
  return bytes;
}

const std::string kKick = wav('k');
const std::string kBass = wav('b', 7000);
const std::string kSession = R"({"format": "wasm-studio-session", "version": 1})";

class ProjectFile : public ::testing::Test {
 protected:
  fs::path archive() { return input_.path() / "project.wstudio.zip"; }

  // Extracts `entries` as a project file; the folder is fresh for each call.
  ExtractedProject extract(const std::vector<ForgedEntry>& entries) {
    writeFile(archive(), forgeZip(entries));
    output_ = std::make_unique<PrivateFolder>();
    return extractProjectFile(archive(), output_->path());
  }

  // The message the archive is refused with.
  std::string refusal(const std::vector<ForgedEntry>& entries) {
    try {
      extract(entries);
    } catch (const ProjectFileError& error) {
      return error.what();
    }
    ADD_FAILURE() << "the archive was accepted";
    return {};
  }

  std::vector<ForgedEntry> project(std::vector<ForgedEntry> more = {}) {
    std::vector<ForgedEntry> all{{.name = "project.json", .data = manifestJson()}, {.name = "session.json", .data = kSession}};
    all.insert(all.end(), more.begin(), more.end());
    return all;
  }

  PrivateFolder input_;
  std::unique_ptr<PrivateFolder> output_;
};

TEST_F(ProjectFile, ExtractsASessionFolder) {
  const auto extracted = extract(project({
      {.name = "audio/" + sha(kKick) + ".wav", .data = kKick, .method = 0},
      {.name = "audio/" + sha(kBass) + ".wav", .data = kBass},
      {.name = "notes/readme.txt", .data = "not extracted"},
  }));
  EXPECT_TRUE(extracted.errors.empty());
  EXPECT_EQ(extracted.name, "Forged");
  EXPECT_TRUE(extracted.hasSession);
  EXPECT_EQ(slurp(output_->path() / "session.json"), kSession);
  EXPECT_EQ(slurp(output_->path() / "audio" / (sha(kKick) + ".wav")), kKick);
  EXPECT_EQ(slurp(output_->path() / "audio" / (sha(kBass) + ".wav")), kBass);
  EXPECT_FALSE(fs::exists(output_->path() / "notes"));
  EXPECT_EQ(fs::status(output_->path()).permissions() & fs::perms::all, fs::perms::owner_all);
}

TEST_F(ProjectFile, Pf1RefusesNamesOutsideTheArchive) {
  for (const std::string& name : std::vector<std::string>{"../evil.wav", "/etc/passwd", "audio\\..\\x", "audio/../../x", "a//b", "./session.json",
                                 "C:/x", std::string("a\0b", 3)}) {
    EXPECT_THAT(refusal(project({{.name = name, .data = kKick}})), HasSubstr("(PF-1)")) << name;
  }
  EXPECT_FALSE(fs::exists(input_.path().parent_path() / "evil.wav"));
}

TEST_F(ProjectFile, Pf1RefusesDuplicatesMethodsAndEncryption) {
  EXPECT_EQ(refusal(project({{.name = "session.json", .data = "{}"}})),
            "entry \"session.json\" is in the archive twice (PF-1)");
  EXPECT_EQ(refusal(project({{.name = "SESSION.json", .data = "{}"}})),
            "entry \"SESSION.json\" is in the archive twice (as \"session.json\") (PF-1)");
  EXPECT_THAT(refusal(project({{.name = "audio/x.wav", .data = kKick, .method = 12}})), HasSubstr("method 12"));
  EXPECT_THAT(refusal(project({{.name = "audio/x.wav", .data = kKick, .flags = 1}})), HasSubstr("is encrypted (PF-1)"));
}

TEST_F(ProjectFile, Pf2LeavesOutAMismatchByName) {
  const auto extracted = extract(project({
      {.name = "audio/" + sha(kKick) + ".wav", .data = kKick},
      {.name = "audio/" + sha(kBass) + ".wav", .data = kKick},
      {.name = "plugins/" + sha(kBass) + ".wasm", .data = kKick},
  }));
  EXPECT_THAT(extracted.errors,
              ElementsAre("audio/" + sha(kBass) + ".wav: left out: its bytes hash to " + sha(kKick) +
                              ", not the sha256 in its name (PF-2)",
                          "plugins/" + sha(kBass) + ".wasm: left out: its bytes hash to " + sha(kKick) +
                              ", not the sha256 in its name (PF-2)"));
  EXPECT_TRUE(fs::exists(output_->path() / "audio" / (sha(kKick) + ".wav")));
  EXPECT_FALSE(fs::exists(output_->path() / "audio" / (sha(kBass) + ".wav")));
  EXPECT_FALSE(fs::exists(output_->path() / "plugins" / (sha(kBass) + ".wasm")));
}

TEST_F(ProjectFile, Pf3RefusesTooManyEntries) {
  std::vector<ForgedEntry> many;
  for (int i = 0; i < 4097; ++i) many.push_back({.name = "x/" + std::to_string(i), .data = "", .method = 0});
  EXPECT_EQ(refusal(many), "4097 entries: more than the limit of 4096 entries (PF-3)");
}

TEST_F(ProjectFile, Pf3RefusesABombFromItsDirectoryRecordBeforeInflating) {
  const std::string zeros(16u << 20, '\0');
  const std::string bomb = deflateRaw(zeros);
  ASSERT_GT(zeros.size() / bomb.size(), 1000u);
  EXPECT_EQ(refusal(project({{.name = "audio/bomb.wav", .data = "", .declaredSize = zeros.size(), .crc = 0, .compressed = bomb}})),
            "entry \"audio/bomb.wav\" inflates " + std::to_string(bomb.size()) +
                " bytes to 16777216: more than the limit of 1000:1 (PF-3)");
  // Declared sizes alone refuse: these bytes are not even deflate, and are never inflated.
  const std::string garbage(2u << 20, '\7');
  EXPECT_EQ(refusal(project({{.name = "audio/huge.wav", .data = "", .declaredSize = 1610612736, .compressed = garbage}})),
            "entry \"audio/huge.wav\" is 1610612736 bytes: more than the limit of 1073741824 per entry (PF-3)");
  std::vector<ForgedEntry> parts;
  for (int i = 0; i < 3; ++i) {
    parts.push_back({.name = "audio/part" + std::to_string(i), .data = "", .declaredSize = 966367641,
                     .compressed = std::string(1u << 20, '\7')});
  }
  EXPECT_EQ(refusal(project(parts)), "the entries add up to more than the limit of 2147483648 bytes (PF-3)");
}

TEST_F(ProjectFile, Pf3CutsOffAnEntryThatInflatesPastItsDeclaredSize) {
  const std::string big = wav('z', 50000);
  const std::string name = "audio/" + sha(big) + ".wav";
  const auto extracted = extract(project({{.name = name, .data = big, .declaredSize = 1000}}));
  EXPECT_THAT(extracted.errors, ElementsAre(name + ": left out: entry \"" + name +
                                            "\" inflates to more than the 1000 bytes its directory record declares (PF-3)"));
  EXPECT_FALSE(fs::exists(output_->path() / name));
}

// Within the limits, a forged size costs nothing until the bytes are there: 1 MiB of real deflate
// declared as 1 GiB is found short without 1 GiB being set aside for it.
TEST_F(ProjectFile, Pf3AForgedSizeReservesNoMemory) {
  std::string noise(1100000, '\0');
  std::mt19937 random(7);
  for (char& c : noise) c = static_cast<char>(random());
  const std::string name = "audio/" + sha(noise) + ".wav";
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  const auto extracted = extract(project({{.name = name, .data = noise, .declaredSize = 1073741824}}));
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  EXPECT_THAT(extracted.errors, ElementsAre(name + ": left out: entry \"" + name + "\" inflates to 1100000 bytes, not the "
                                            "1073741824 declared (a damaged zip archive)"));
  EXPECT_LT(after.ru_maxrss - before.ru_maxrss, 256 * 1024) << "kilobytes more at the peak";
}

TEST_F(ProjectFile, Pf3RefusesEntriesSharingBytes) {
  EXPECT_THAT(refusal(project({{.name = "audio/a.wav", .data = kKick}, {.name = "audio/b.wav", .data = kKick, .directoryOnly = true}})),
              HasSubstr("overlaps another entry (PF-3)"));
}

TEST_F(ProjectFile, Pf4RefusesANewerVersion) {
  EXPECT_EQ(refusal({{.name = "project.json", .data = manifestJson(2)}, {.name = "session.json", .data = kSession}}),
            "made by a newer WASM Studio (project file version 2; this version reads up to 1) (PF-4)");
}

TEST_F(ProjectFile, RefusesWhatIsNotAProjectFile) {
  writeFile(archive(), kSession);
  EXPECT_FALSE(looksLikeProjectFile(archive()));
  EXPECT_THROW(extractProjectFile(archive(), input_.path()), ProjectFileError);
  EXPECT_EQ(refusal({{.name = "session.json", .data = kSession}}), "no project.json in the archive: not a WASM Studio project file");
  EXPECT_TRUE(looksLikeProjectFile(archive()));
}

TEST_F(ProjectFile, Pf5ADamagedEntryIsLeftOutAndTheRestKept) {
  const auto extracted = extract(project({{.name = "audio/" + sha(kKick) + ".wav", .data = kKick, .crc = 1234},
                                          {.name = "audio/" + sha(kBass) + ".wav", .data = kBass}}));
  ASSERT_EQ(extracted.errors.size(), 1u);
  EXPECT_THAT(extracted.errors[0], HasSubstr("CRC-32"));
  EXPECT_TRUE(fs::exists(output_->path() / "audio" / (sha(kBass) + ".wav")));
}

TEST_F(ProjectFile, SessionPluginsAreCheckedAndLaidOutForTheLoader) {
  const std::string module("\0asm\1\0\0\0", 8);
  const std::string sidecar = R"({"descriptor": {"name": "Thing"}, "glue": "var a = {};"})";
  const auto extracted = extract(project({{.name = "plugins/" + sha(module) + ".wasm", .data = module},
                                          {.name = "plugins/" + sha(module) + ".vaist.json", .data = sidecar}}));
  ASSERT_TRUE(extracted.errors.empty());
  SessionPlugins plugins(output_->path());
  EXPECT_FALSE(plugins.moduleFile(sha(kKick)).has_value());
  const auto file = plugins.moduleFile(sha(module));
  ASSERT_TRUE(file.has_value());
  ASSERT_TRUE(file->ok()) << file->error();
  EXPECT_EQ(slurp(file->value()), module);
  EXPECT_THAT(slurp(file->value().parent_path() / "descriptor.json"), HasSubstr("\"name\": \"Thing\""));
  EXPECT_EQ(slurp(file->value().parent_path() / "plugin.js"), "var a = {};");

  // A module changed in the folder after it was written is refused by name.
  writeFile(output_->path() / "plugins" / (sha(kKick) + ".wasm"), module);
  const auto tampered = plugins.moduleFile(sha(kKick));
  ASSERT_TRUE(tampered.has_value());
  ASSERT_FALSE(tampered->ok());
  EXPECT_THAT(tampered->error(), HasSubstr("not the sha256 in its name (PF-2)"));
}

}  // namespace

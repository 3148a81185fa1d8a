// A vAIst Forge project folder read for import (forge/vaist): names that leave the folder,
// archives, oversize and non-text files are refused naming the file; the form follows from the
// files; a source project is written as one source whose #line markers name the user's files
// and whose descriptor strings cannot escape their literals.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "wstudio/forge/vaist_import.hpp"

namespace wstudio::forge::vaist {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The files of data/vaist/<name>, named as a folder upload names them ("<name>/processor.cpp").
std::vector<ProjectFile> projectFiles(const std::string& name) {
  std::vector<ProjectFile> files;
  for (const char* file : {"processor.h", "processor.cpp", "bindings.cpp", "descriptor.json"}) {
    const fs::path path = fs::path(FORGE_VAIST_PROJECTS) / name / file;
    if (fs::exists(path)) files.push_back({name + "/" + file, readFile(path)});
  }
  return files;
}

std::string problemOf(const std::vector<ProjectFile>& files, const ImportLimits& limits = {}) {
  const ProjectRead read = readProject(files, limits);
  EXPECT_FALSE(read.project.has_value());
  return read.problem;
}

TEST(ForgeVaistImport, ASourceFolderIsTheSourceFormAndItsOtherFilesAreIgnored) {
  auto files = projectFiles("trim");
  files.push_back({"trim/thumbnail.png", "\x89PNG"});
  files.push_back({"trim/build/vaist-processor.wasm", std::string("\0asm\1\0\0\0", 8)});
  const ProjectRead read = readProject(files, {});
  ASSERT_TRUE(read.project) << read.problem;
  EXPECT_EQ(read.project->form, ProjectForm::Source);
  EXPECT_EQ(read.project->pluginName, "Trim");
  EXPECT_EQ(read.project->ignored, (std::vector<std::string>{"trim/thumbnail.png", "trim/build/vaist-processor.wasm"}));
}

TEST(ForgeVaistImport, BuiltOutputIsTheGlueOrTheCleanForm) {
  const std::string descriptor = readFile(fs::path(FORGE_VAIST_PROJECTS) / "trim" / "descriptor.json");
  const std::string wasm("\0asm\1\0\0\0", 8);
  ProjectRead clean = readProject({{"vaist-processor.wasm", wasm}, {"descriptor.json", descriptor}}, {});
  ASSERT_TRUE(clean.project) << clean.problem;
  EXPECT_EQ(clean.project->form, ProjectForm::Clean);
  ProjectRead glue = readProject(
      {{"out/vaist-processor.wasm", wasm}, {"out/vaist-processor.js", "var Module;"}, {"descriptor.json", descriptor}}, {});
  ASSERT_TRUE(glue.project) << glue.problem;
  EXPECT_EQ(glue.project->form, ProjectForm::Glue);
  EXPECT_EQ(glue.project->glue, "var Module;");
}

TEST(ForgeVaistImport, NamesThatLeaveTheFolderAreRefused) {
  for (const std::string& name : std::vector<std::string>{"../processor.cpp", "trim/../../processor.cpp", "/etc/processor.cpp", "trim//processor.cpp",
                                 "./processor.cpp", "trim\\..\\processor.cpp", std::string("proc\0essor.cpp", 14),
                                 std::string("processor.cpp\n"), std::string(300, 'a')}) {
    auto files = projectFiles("trim");
    files[1].name = name;
    const std::string problem = problemOf(files);
    EXPECT_NE(problem.find("file name"), std::string::npos) << name << ": " << problem;
  }
}

TEST(ForgeVaistImport, ArchivesDuplicatesAndOversizeFilesAreRefusedNamingTheFile) {
  auto files = projectFiles("trim");
  files.push_back({"project.zip", "PK\3\4 whatever"});
  EXPECT_NE(problemOf(files).find("\"project.zip\" is an archive"), std::string::npos);

  files = projectFiles("trim");
  files.push_back({"copy/processor.cpp", files[1].bytes});
  EXPECT_NE(problemOf(files).find("two files of the same kind"), std::string::npos);

  files = projectFiles("trim");
  files[1].bytes += std::string(300 * 1024, ' ');
  ImportLimits limits;
  const ProjectRead read = readProject(files, limits);
  EXPECT_TRUE(read.tooLarge);
  EXPECT_NE(read.problem.find("at most 256 KiB are compiled"), std::string::npos) << read.problem;

  files = projectFiles("trim");
  files[1].bytes = std::string("\x7f" "ELF\0\0", 6);
  EXPECT_NE(problemOf(files).find("\"trim/processor.cpp\" is not UTF-8 text"), std::string::npos);

  files = projectFiles("trim");
  files.pop_back();  // descriptor.json
  EXPECT_NE(problemOf(files).find("descriptor.json is missing"), std::string::npos);
}

TEST(ForgeVaistImport, TheSourceNamesTheUsersFilesAtTheirLines) {
  const ProjectRead read = readProject(projectFiles("trim"), {});
  ASSERT_TRUE(read.project) << read.problem;
  auto source = pluginSource(*read.project);
  ASSERT_TRUE(source) << source.error();
  const std::string& text = source.value();
  EXPECT_NE(text.find("#line 1 \"processor.h\"\n"), std::string::npos);
  EXPECT_NE(text.find("#line 1 \"processor.cpp\"\n// (WASM Studio: folded in) #include \"processor.h\"\n"),
            std::string::npos);
  EXPECT_NE(text.find("#line 1 \"bindings.cpp\"\n"), std::string::npos);
  EXPECT_NE(text.find("case 1: processor.set_polarity(value); break;"), std::string::npos);
  EXPECT_NE(text.find("wsp::sdk::choiceParam(1, \"polarity\", \"Polarity\", \"Normal|Inverted\", 0)"), std::string::npos);
  EXPECT_NE(text.find("wsp::sdk::floatParam(0, \"gain\", \"Gain\", \"dB\", -24.0, 12.0, -6.0)"), std::string::npos);
  // The adapter's marker (the last one) gives plugin.cpp's true line numbers from there on.
  const size_t marker = text.rfind("#line ");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_EQ(text.substr(text.find(' ', marker + 6), 14), " \"plugin.cpp\"\n");
  const int markerLine = int(std::count(text.begin(), text.begin() + marker, '\n')) + 1;
  EXPECT_EQ(std::stoi(text.substr(marker + 6)), markerLine + 1);
}

TEST(ForgeVaistImport, DescriptorStringsStayInsideTheirLiterals) {
  auto files = projectFiles("trim");
  std::string& descriptor = files.back().bytes;
  const std::string hostile = R"(Trim\"); } int evil() { return 1; } const char* x = (\"??/)";
  descriptor.replace(descriptor.find("\"Trim\""), 6, "\"" + hostile + "\"");
  const ProjectRead read = readProject(files, {});
  ASSERT_TRUE(read.project) << read.problem;
  const std::string text = pluginSource(*read.project).value();
  // The quote that would close the literal is written escaped, wherever the name appears.
  EXPECT_EQ(text.find("Trim\""), std::string::npos);
  EXPECT_NE(text.find(R"(.name = "Trim\042); } int evil)"), std::string::npos);
}

}  // namespace
}  // namespace wstudio::forge::vaist

// Faust in the compile jail attacked by its programs (forge/README.md, FC-1..6, 12, 13): reading
// files outside Faust's libraries, pulling host headers, sound files, endless evaluation, giant
// outputs. Each is refused with a clear message at its line or stopped by a limit, and nothing of
// the host comes back. Where the guard is the Forge's, the test first shows the hole: the same
// program given to the same faust outside the jail and the guards does read the file.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "faust_test_sources.hpp"
#include "wstudio/forge/faust_compile.hpp"

namespace wstudio::forge {
namespace {

namespace fs = std::filesystem;

std::string allText(const CompileOutcome& outcome) {
  std::string text = outcome.message + "\n";
  for (const Diagnostic& d : outcome.diagnostics.diagnostics) {
    text += d.file + ":" + std::to_string(d.line) + ": " + d.message + "\n";
  }
  return text;
}

void expectNoHostLeak(const CompileOutcome& outcome) {
  const std::string text = allText(outcome);
  EXPECT_EQ(text.find("root:"), std::string::npos) << text;
  EXPECT_EQ(text.find("/tmp/forge"), std::string::npos) << text;
}

// What faust says about the program outside any jail and without the Forge's guards.
std::string unjailedFaust(const std::string& name, const std::string& source) {
  const fs::path dir = fs::path(WSTUDIO_FORGE_TEST_SCRATCH) / "unjailed-faust-attacks" / name;
  fs::create_directories(dir);
  std::ofstream(dir / "plugin.dsp") << source;
  const std::string command =
      "cd " + dir.string() + " && " WSTUDIO_TEST_FAUST " -lang cpp -o /dev/null plugin.dsp 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    ::pclose(pipe);
  }
  return out;
}

const Diagnostic& firstError(const CompileOutcome& outcome) {
  static const Diagnostic none;
  for (const Diagnostic& d : outcome.diagnostics.diagnostics)
    if (d.severity == "error") return d;
  ADD_FAILURE() << "no error in: " << allText(outcome);
  return none;
}

// FC-12: Faust reads any path it is given; the Forge refuses the import before Faust runs.
TEST(ForgeFaustSandbox, ImportingEtcPasswdIsRefusedBeforeFaustRuns) {
  const std::string source = "declare name \"x\";\nimport(\"/etc/passwd\");\nprocess = _;\n";
  ASSERT_NE(unjailedFaust("passwd", source).find("/etc/passwd : 1 : ERROR : syntax error"), std::string::npos)
      << "the hole without the guard: faust parses /etc/passwd";
  const CompileOutcome outcome = compileFaust(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  const Diagnostic& error = firstError(outcome);
  EXPECT_EQ(error.file, "plugin.dsp");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 1);
  EXPECT_NE(error.message.find("Faust's libraries"), std::string::npos) << error.message;
  expectNoHostLeak(outcome);
}

TEST(ForgeFaustSandbox, ComponentUpwardsIsRefused) {
  const std::string source = "process = component(\"../../../../../../etc/passwd\");\n";
  ASSERT_NE(unjailedFaust("upwards", source).find("passwd : 1 : ERROR"), std::string::npos)
      << "the hole without the guard";
  const CompileOutcome outcome = compileFaust(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  EXPECT_EQ(firstError(outcome).line, 1);
  EXPECT_EQ(firstError(outcome).column, 11);
  expectNoHostLeak(outcome);
}

// A foreign function would put #include <stdio.h> (or any path) into the C++ clang reads.
TEST(ForgeFaustSandbox, ForeignFunctionsAndTheirHeadersAreRefused) {
  for (const char* source : {"f = ffunction(int getchar(), <stdio.h>, \"\");\nprocess = _ + f;\n",
                             "f = ffunction(int leak(), \"/etc/passwd\", \"\");\nprocess = _ + f;\n"}) {
    const CompileOutcome outcome = compileFaust(source, CompileLimits{});
    EXPECT_EQ(outcome.status, CompileStatus::Errors) << source;
    EXPECT_EQ(firstError(outcome).line, 1);
    EXPECT_NE(firstError(outcome).message.find("ffunction is not available"), std::string::npos);
    expectNoHostLeak(outcome);
  }
}

// A sound file is never loaded (no library of Faust's makes one without the keyword; a
// soundfile widget in Faust's description is refused too: ForgeFaustDescription).
TEST(ForgeFaustSandbox, SoundFilesAreRefused) {
  const CompileOutcome outcome =
      compileFaust("s = soundfile(\"sound [url:{'/etc/passwd'}]\", 1);\nprocess = _, s : !, !, _ ;\n", CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  EXPECT_EQ(firstError(outcome).line, 1);
  EXPECT_NE(firstError(outcome).message.find("soundfile is not available"), std::string::npos);
  expectNoHostLeak(outcome);
}

// Faust's evaluator catches its own stack overflow: an error, at once.
TEST(ForgeFaustSandbox, EndlessRecursionIsAnError) {
  const CompileOutcome outcome = compileFaust("f(x) = f(x + 1);\nprocess = f(0);\n", CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors) << allText(outcome);
  EXPECT_NE(allText(outcome).find("stack overflow"), std::string::npos) << allText(outcome);
  expectNoHostLeak(outcome);
}

// FC-4: a program Faust expands for minutes meets the CPU limit, and says so.
TEST(ForgeFaustSandbox, EndlessExpansionIsStoppedByTheCpuLimit) {
  CompileLimits limits;
  limits.cpuSeconds = 2;
  limits.wallMs = 600'000;  // the CPU limit must be what stops it
  const CompileOutcome outcome = compileFaust(test::kFaustCpuBurner, limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("Faust used more than its 2 s of CPU time"), std::string::npos) << outcome.message;
}

// FC-5: the wall clock kills the jail with Faust in it.
TEST(ForgeFaustSandbox, TheWallClockKillsTheJail) {
  CompileLimits limits;
  limits.cpuSeconds = 100;
  limits.wallMs = 1500;
  const CompileOutcome outcome = compileFaust(test::kFaustCpuBurner, limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("took longer than its 1 s"), std::string::npos) << outcome.message;
}

// FC-4: Faust's output is bounded like clang's: a 30,000-value waveform writes ~270 KB of C++.
TEST(ForgeFaustSandbox, AGiantOutputIsStoppedByTheOutputLimit) {
  std::string values;
  for (int i = 0; i < 30000; ++i) values += (i ? ",0." : "0.") + std::to_string(10000 + (i * 7919) % 90000);
  CompileLimits limits;
  limits.outputBytes = 128 << 10;
  const CompileOutcome outcome = compileFaust("process = _ * (waveform{" + values + "} : !, _);\n", limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("128 KiB limit"), std::string::npos) << outcome.message;
}

}  // namespace
}  // namespace wstudio::forge

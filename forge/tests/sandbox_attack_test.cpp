// The compile jail attacked by its sources (forge/README.md, FC-1..5): every attempt to read a
// file outside the SDK, to probe the host, or to exhaust the machine is refused or stopped with
// a clear message, and nothing of the host leaks into what comes back.
//
// Where the guard is the jail's file view, each test first shows the hole without it: the same
// source given to the same clang outside the jail does read the file.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "forge_test_sources.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {
namespace {

namespace fs = std::filesystem;

// Everything a compile returned, as one text to search for leaks.
std::string allText(const CompileOutcome& outcome) {
  std::string text = outcome.message + "\n";
  for (const Diagnostic& d : outcome.diagnostics.diagnostics) text += d.file + ": " + d.message + "\n";
  return text;
}

// The same clang on the same source outside any jail (syntax only, in the test's scratch
// folder): what the source would read without the jail.
std::string unjailedClang(const std::string& name, const std::string& source) {
  const fs::path dir = fs::path(WSTUDIO_FORGE_TEST_SCRATCH) / "unjailed";
  fs::create_directories(dir / "a" / "b" / "c");
  const fs::path file = dir / "a" / "b" / "c" / (name + ".cpp");
  std::ofstream(file) << source;
  const std::string command = cppCommandLine()[0] + " --target=wasm32-wasi -fsyntax-only -fno-color-diagnostics " +
                              file.string() + " 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    ::pclose(pipe);
  }
  return out;
}

void expectNoHostLeak(const CompileOutcome& outcome) {
  const std::string text = allText(outcome);
  EXPECT_EQ(text.find("root:"), std::string::npos) << text;
  EXPECT_EQ(text.find("/tmp/forge"), std::string::npos) << text;
}

// FC-1: the jail's file view has no /etc/passwd (nor /home, /root, the data folder).
TEST(ForgeSandbox, IncludingEtcPasswdFindsNothing) {
  const std::string source = "#include \"/etc/passwd\"\n";
  ASSERT_NE(unjailedClang("passwd", source).find("root"), std::string::npos) << "the hole without the jail";
  const CompileOutcome outcome = compileCpp(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  ASSERT_FALSE(outcome.diagnostics.diagnostics.empty());
  EXPECT_EQ(outcome.diagnostics.diagnostics[0].line, 1);
  EXPECT_NE(outcome.diagnostics.diagnostics[0].message.find("file not found"), std::string::npos);
  expectNoHostLeak(outcome);
}

TEST(ForgeSandbox, IncludingUpwardsFindsNothing) {
  const std::string source = "#include \"../../../../../../../../../../etc/passwd\"\n";
  ASSERT_NE(unjailedClang("upwards", source).find("root"), std::string::npos) << "the hole without the jail";
  const CompileOutcome outcome = compileCpp(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  EXPECT_NE(allText(outcome).find("file not found"), std::string::npos) << allText(outcome);
  expectNoHostLeak(outcome);
}

// A folder standing in for the server's data folder: real, readable by this test, never in the jail.
TEST(ForgeSandbox, TheDataFolderIsNotThere) {
  const fs::path data = fs::absolute(fs::path(WSTUDIO_FORGE_TEST_SCRATCH) / "data-folder");
  fs::create_directories(data);
  std::ofstream(data / "secret.txt") << "int leaked_secret_value = 42;\n";
  const std::string probe = "#if __has_include(\"" + data.string() + "/secret.txt\")\n#error the data folder is visible\n#endif\n";
  const std::string source = probe + "#include \"" + (data / "secret.txt").string() + "\"\n";
  ASSERT_NE(unjailedClang("data", source).find("the data folder is visible"), std::string::npos)
      << "the hole without the jail";
  const CompileOutcome outcome = compileCpp(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  EXPECT_NE(allText(outcome).find("file not found"), std::string::npos) << allText(outcome);
  EXPECT_EQ(allText(outcome).find("visible"), std::string::npos) << allText(outcome);
  expectNoHostLeak(outcome);
}

// __has_include sees only the jail: probing answers "absent" for the host's files, so the probe
// compiles. Without the jail, the first #error fires.
TEST(ForgeSandbox, HasIncludeProbingLearnsNothing) {
  const std::string source =
      "#if __has_include(\"/etc/passwd\")\n#error the host's /etc/passwd is visible\n#endif\n"
      "#if __has_include(\"/etc/shadow\") || __has_include(\"/root/.bashrc\") || __has_include(\"/home\")\n"
      "#error the host's files are visible\n#endif\n"
      "#if __has_include(<sqlite3.h>)\n#error the host's /usr/include is on the include path\n#endif\n"
      "#if !__has_include(<wsp/sdk.hpp>) || !__has_include(<cmath>)\n#error the SDK or the standard library is missing\n#endif\n"
      "int probe_done = 1;\n";
  ASSERT_NE(unjailedClang("probe", source).find("the host's /etc/passwd is visible"), std::string::npos)
      << "the hole without the jail";
  const CompileOutcome outcome = compileCpp(source, CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Built) << allText(outcome);
}

// FC-2: #embed is refused outright (and would find nothing in the jail anyway).
TEST(ForgeSandbox, EmbedIsRefused) {
  const std::string source = "const char bytes[] = {\n#embed \"/etc/passwd\"\n, 0};\n";
  ASSERT_NE(unjailedClang("embed", source).find("#embed is a Clang extension"), std::string::npos)
      << "clang-19 accepts #embed in C++";
  const CompileOutcome outcome = compileCpp("const char bytes[] = {\n#embed \"plugin.cpp\"\n, 0};\n", CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  ASSERT_FALSE(outcome.diagnostics.diagnostics.empty());
  EXPECT_EQ(outcome.diagnostics.diagnostics[0].line, 2);
  EXPECT_NE(outcome.diagnostics.diagnostics[0].message.find("#embed"), std::string::npos) << allText(outcome);
  expectNoHostLeak(outcome);
}

// FC-2: no inline assembly, so `.incbin` cannot pull a file into the module.
TEST(ForgeSandbox, IncbinIsRefused) {
  const CompileOutcome outcome = compileCpp("asm(\".incbin \\\"/etc/passwd\\\"\");\n", CompileLimits{});
  EXPECT_EQ(outcome.status, CompileStatus::Errors);
  EXPECT_NE(allText(outcome).find("inline assembly"), std::string::npos) << allText(outcome);
  expectNoHostLeak(outcome);
}

// Endless recursion meets clang's own limits: a clear error at its line, quickly.
TEST(ForgeSandbox, EndlessTemplateAndConstexprRecursionAreStopped) {
  const CompileOutcome templates = compileCpp(
      "template <int N> struct Endless { static constexpr int value = Endless<N + 1>::value; };\n"
      "int x = Endless<0>::value;\n",
      CompileLimits{});
  EXPECT_EQ(templates.status, CompileStatus::Errors);
  EXPECT_NE(allText(templates).find("recursive template instantiation exceeded maximum depth"), std::string::npos)
      << allText(templates);
  const CompileOutcome constexprLoop = compileCpp(
      "constexpr int forever() { int i = 0; while (true) ++i; return i; }\nconstexpr int y = forever();\n",
      CompileLimits{});
  EXPECT_EQ(constexprLoop.status, CompileStatus::Errors);
  EXPECT_NE(allText(constexprLoop).find("maximum step limit"), std::string::npos) << allText(constexprLoop);
}

// FC-4: a source that stays under every limit of clang's but never finishes is stopped by the
// CPU time limit, and said so.
TEST(ForgeSandbox, EndlessCompileWorkIsStoppedByTheCpuLimit) {
  CompileLimits limits;
  limits.cpuSeconds = 3;
  limits.wallMs = 600'000;  // the CPU limit must be what stops it
  const CompileOutcome outcome = compileCpp(test::kCpuBurner, limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("3 s of CPU time"), std::string::npos) << outcome.message;
}

// FC-5: the wall clock kills the whole jail, whatever runs in it.
TEST(ForgeSandbox, TheWallClockKillsTheJail) {
  CompileLimits limits;
  limits.cpuSeconds = 100;
  limits.wallMs = 1500;
  const CompileOutcome outcome = compileCpp(test::kCpuBurner, limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("took longer than its 1 s"), std::string::npos) << outcome.message;
}

// FC-4: a giant initialised array would write tens of MiB: the output size limit stops it.
TEST(ForgeSandbox, AGiantOutputIsStoppedByTheOutputLimit) {
  CompileLimits limits;
  limits.outputBytes = 4 << 20;
  const CompileOutcome outcome = compileCpp(
      "struct Big { unsigned char bytes[40 << 20]; unsigned char last = 1; };\n"
      "Big big{};\n"
      "extern \"C\" __attribute__((export_name(\"big\"))) unsigned char* big_bytes() { return big.bytes; }\n",
      limits);
  EXPECT_EQ(outcome.status, CompileStatus::Stopped) << allText(outcome);
  EXPECT_NE(outcome.message.find("4 MiB limit"), std::string::npos) << outcome.message;
}

}  // namespace
}  // namespace wstudio::forge

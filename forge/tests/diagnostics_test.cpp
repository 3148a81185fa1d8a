// FC-6: clang's output becomes structured diagnostics naming only the user's file and include
// names, never a path of the jail or the host, and bounded.
#include <gtest/gtest.h>

#include "wstudio/forge/diagnostics.hpp"

namespace wstudio::forge {
namespace {

TEST(ForgeDiagnostics, LocatedLinesBecomeFileLineColumnSeverityMessage) {
  const auto parsed = parseClangOutput(
      "In file included from /tmp/forge/src/plugin.cpp:1:\n"
      "/tmp/forge/sdk//wsp/sdk/param.hpp:12:3: error: unknown type name 'foo'\n"
      "/tmp/forge/src/plugin.cpp:4:10: error: use of undeclared identifier 'x'\n"
      "/tmp/forge/src/plugin.cpp:7:1: warning: unused variable 'y' [-Wunused-variable]\n"
      "/usr/include/wasm32-wasi/c++/v1/cmath:20:5: note: candidate here\n"
      "2 errors generated.\n");
  ASSERT_EQ(parsed.diagnostics.size(), 4u);
  EXPECT_EQ(parsed.diagnostics[0].file, "wsp/sdk/param.hpp");
  EXPECT_EQ(parsed.diagnostics[1].file, "plugin.cpp");
  EXPECT_EQ(parsed.diagnostics[1].line, 4);
  EXPECT_EQ(parsed.diagnostics[1].column, 10);
  EXPECT_EQ(parsed.diagnostics[1].severity, "error");
  EXPECT_EQ(parsed.diagnostics[1].message, "use of undeclared identifier 'x'");
  EXPECT_EQ(parsed.diagnostics[2].severity, "warning");
  EXPECT_EQ(parsed.diagnostics[3].file, "cmath");
  EXPECT_FALSE(parsed.truncated);
}

TEST(ForgeDiagnostics, ProgramLinesHaveNoLocationAndNoPaths) {
  const auto parsed = parseClangOutput(
      "wasm-ld: error: /tmp/plugin-5e1f2a.o: undefined symbol: wsp_descriptor\n"
      "clang++-19: error: linker command failed with exit code 1 (use -v to see invocation)\n"
      "/usr/include/x86_64-linux-gnu/bits/types.h:3:1: error: from a system file\n");
  ASSERT_EQ(parsed.diagnostics.size(), 3u);
  EXPECT_EQ(parsed.diagnostics[0].line, 0);
  EXPECT_EQ(parsed.diagnostics[0].file, "");
  EXPECT_EQ(parsed.diagnostics[0].message, "(build file): undefined symbol: wsp_descriptor");
  EXPECT_EQ(parsed.diagnostics[2].file, "(system file)");
  for (const Diagnostic& d : parsed.diagnostics) {
    EXPECT_EQ(d.message.find("/tmp"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("/usr"), std::string::npos) << d.message;
  }
}

TEST(ForgeDiagnostics, CountAndLengthAreBounded) {
  std::string output;
  for (int i = 1; i <= 300; ++i) {
    output += "/tmp/forge/src/plugin.cpp:" + std::to_string(i) + ":1: error: " + std::string(5000, 'x') + "\n";
  }
  const auto parsed = parseClangOutput(output);
  EXPECT_EQ(parsed.diagnostics.size(), kMaxDiagnostics);
  EXPECT_TRUE(parsed.truncated);
  EXPECT_LE(parsed.diagnostics[0].message.size(), kMaxDiagnosticBytes + 3);
}

}  // namespace
}  // namespace wstudio::forge

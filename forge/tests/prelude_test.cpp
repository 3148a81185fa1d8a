// FC-14: the SDK's precompiled prelude. It is put in front only of sources whose first lines
// include nothing but the SDK and the standard headers it includes itself, it changes what clang
// reads first and never a flag of code generation, and the module is byte for byte the one the
// plain compile makes.
#include <gtest/gtest.h>

#include <algorithm>

#include "forge_test_sources.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {
namespace {

TEST(ForgePrelude, OnlySourcesThatIncludeNothingButTheSdkFitIt) {
  // What the Forge's writer and its template start with.
  EXPECT_TRUE(fitsPrelude("// Tape: written by the WASM Studio Forge\n#include <algorithm>\n#include <cmath>\n"
                          "#include <cstddef>\n#include <cstdint>\n\n#include <wsp/dsp/svf.hpp>\n"
                          "#include <wsp/sdk.hpp>\n\nnamespace x {}\n"));
  EXPECT_TRUE(fitsPrelude(test::kGainPlugin));
  EXPECT_TRUE(fitsPrelude("/* a\n   block comment */\n#  include <wsp/sdk.hpp>  // the SDK\nint x;\n"));
  // Anything else in front of the SDK compiles without it: what the source sees stays its own.
  EXPECT_FALSE(fitsPrelude("#define WSP_SOMETHING 1\n#include <wsp/sdk.hpp>\n"));
  EXPECT_FALSE(fitsPrelude("#include <wsp/sdk.hpp>\n#include <map>\nint x;\n"));
  EXPECT_FALSE(fitsPrelude("#include \"wsp/sdk.hpp\"\n"));
  EXPECT_FALSE(fitsPrelude("#include </etc/passwd>\n#include <wsp/sdk.hpp>\n"));
  EXPECT_FALSE(fitsPrelude("#include <wsp/not_a_header.hpp>\n#include <wsp/sdk.hpp>\n"));
  EXPECT_FALSE(fitsPrelude("#include <cmath>\nint x;\n")) << "no SDK: nothing to gain, and more declarations";
  EXPECT_FALSE(fitsPrelude("int x;\n#include <wsp/sdk.hpp>\n"));
  EXPECT_FALSE(fitsPrelude(""));
}

TEST(ForgePrelude, ItChangesWhatClangReadsFirstAndNoFlag) {
  std::vector<std::string> plain = cppCommandLine();
  std::vector<std::string> with = cppCommandLine(true);
  const auto pch = std::find(with.begin(), with.end(), "-include-pch");
  ASSERT_NE(pch, with.end());
  ASSERT_NE(pch + 1, with.end());
  EXPECT_EQ(*(pch + 1), std::string(kJailPreludeDir) + std::string(kPreludePchName));
  with.erase(pch, pch + 2);
  EXPECT_EQ(with, plain);
  // The prelude is precompiled with the plugin's compile flags (clang refuses a precompiled
  // header made with other language or target options).
  const std::vector<std::string> prelude = preludeCommandLine();
  for (const std::string& flag : pluginCompileFlags()) {
    EXPECT_NE(std::find(prelude.begin(), prelude.end(), flag), prelude.end()) << flag;
  }
}

TEST(ForgePrelude, TheModuleIsByteForByteThePlainCompilesAndThePreludeIsReallyUsed) {
  const CompileLimits limits;
  const auto prelude = precompilePrelude(limits);
  ASSERT_TRUE(prelude.ok()) << prelude.error();
  ASSERT_GT(prelude.value().size(), 1u << 20);
  const CompileOutcome plain = compileCpp(test::kGainPlugin, limits);
  const CompileOutcome fast = compileCpp(test::kGainPlugin, limits, &prelude.value());
  ASSERT_EQ(plain.status, CompileStatus::Built) << plain.message;
  ASSERT_EQ(fast.status, CompileStatus::Built) << fast.message;
  EXPECT_TRUE(plain.wasm == fast.wasm) << "the prelude changed the module";
  // A broken prelude breaks a fitting source's compile (so it is read), and not a source that
  // does not fit (so that one is compiled without it).
  const std::string broken(4096, 'x');
  EXPECT_EQ(compileCpp(test::kGainPlugin, limits, &broken).status, CompileStatus::Errors);
  std::string unfitting = "#define FORGE_TEST 1\n" + test::kGainPlugin;
  const CompileOutcome alone = compileCpp(unfitting, limits, &broken);
  EXPECT_EQ(alone.status, CompileStatus::Built) << alone.message;
}

}  // namespace
}  // namespace wstudio::forge

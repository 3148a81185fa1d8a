// The binary reader on real modules and on hostile bytes: clear errors, never a crash.
#include <gtest/gtest.h>

#include <random>

#include "fixture_files.hpp"
#include "wasm/reader.hpp"

namespace wstudio::host::wasm {
namespace {

using testing::readFixture;

TEST(WasmReader, ReadsTheFixturePlugin) {
  auto bytes = readFixture("fixture_plugin.wasm");
  ASSERT_FALSE(bytes.empty());
  auto info = readModule(bytes);
  ASSERT_TRUE(info.ok()) << info.error();
  EXPECT_TRUE(info->imports.empty());
  ASSERT_TRUE(info->memory.has_value());
  const Export* process = info->findExport("wsp_process", ExternKind::Function);
  ASSERT_NE(process, nullptr);
  EXPECT_EQ(toString(process->function), "(i32, i32, i32) -> i32");
  EXPECT_NE(info->findExport("memory", ExternKind::Memory), nullptr);
  EXPECT_NE(info->findExport("_initialize"), nullptr);
}

TEST(WasmReader, ReadsImportsWithSignaturesAndLimits) {
  auto info = readModule(readFixture("imports_fd_write.wasm"));
  ASSERT_TRUE(info.ok()) << info.error();
  ASSERT_EQ(info->imports.size(), 1u);
  EXPECT_EQ(info->imports[0].module, "env");
  EXPECT_EQ(info->imports[0].field, "fd_write");
  EXPECT_EQ(toString(info->imports[0].function), "(i32, i32, i32, i32) -> i32");
  auto big = readModule(readFixture("memory_max_too_big.wasm"));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(big->memory->max, 2048u);
}

TEST(WasmReader, RefusesBadMagic) {
  std::vector<uint8_t> elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
  EXPECT_EQ(readModule(elf).error(), "not a WebAssembly module (bad magic)");
  EXPECT_EQ(readModule({}).error(), "not a WebAssembly module (bad magic)");
}

TEST(WasmReader, ReportsTruncationWithOffsetAndSection) {
  auto bytes = readFixture("imports_fd_write.wasm");
  // Cut inside the import section (it starts right after the 8-byte header and the type section).
  auto info = readModule(std::span(bytes).first(bytes.size() - 1));
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().find("truncated at byte"), std::string::npos) << info.error();
  // Every prefix is an error or (cut at a section boundary) a smaller valid module.
  size_t refused = 0;
  for (size_t cut = 0; cut < bytes.size(); ++cut) refused += !readModule(std::span(bytes).first(cut)).ok();
  EXPECT_GT(refused, bytes.size() / 2);
  std::vector<uint8_t> header(bytes.begin(), bytes.begin() + 8);
  header.insert(header.end(), {0x01, 0x10, 0x01});  // a type section claiming 16 bytes
  EXPECT_EQ(readModule(header).error(), "truncated at byte 11 in section type");
}

TEST(WasmReader, RefusesLyingCountsAndSizes) {
  const std::vector<uint8_t> header = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  auto with = [&](std::vector<uint8_t> section) {
    std::vector<uint8_t> module = header;
    module.insert(module.end(), section.begin(), section.end());
    return readModule(module);
  };
  // 4 billion types in a 5-byte section.
  EXPECT_FALSE(with({0x01, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f}).ok());
  // A LEB128 that never ends.
  EXPECT_NE(with({0x01, 0x06, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}).error().find("LEB128"),
            std::string::npos);
  // An unknown section id.
  EXPECT_NE(with({0x2a, 0x00}).error().find("unknown section id 42"), std::string::npos);
  // Sections out of order: export (7) before type (1).
  EXPECT_NE(with({0x07, 0x01, 0x00, 0x01, 0x01, 0x00}).error().find("out of order"),
            std::string::npos);
  // An export naming a function that does not exist.
  EXPECT_NE(with({0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x03}).error().find("does not exist"),
            std::string::npos);
}

// Random corruption of a real module: every result is an error or a module, never a crash (run
// under ASan/UBSan for the full guarantee).
TEST(WasmReader, SurvivesGarbage) {
  const auto original = readFixture("fixture_plugin.wasm");
  std::mt19937 random(1234);
  for (int round = 0; round < 2000; ++round) {
    auto bytes = original;
    const int flips = 1 + round % 8;
    for (int i = 0; i < flips; ++i) {
      bytes[8 + random() % (bytes.size() - 8)] = static_cast<uint8_t>(random());
    }
    (void)readModule(bytes);
  }
  std::vector<uint8_t> noise(4096);
  for (auto& byte : noise) byte = static_cast<uint8_t>(random());
  noise[0] = 0x00, noise[1] = 0x61, noise[2] = 0x73, noise[3] = 0x6d;
  noise[4] = 1, noise[5] = noise[6] = noise[7] = 0;
  EXPECT_FALSE(readModule(noise).ok());
}

}  // namespace
}  // namespace wstudio::host::wasm

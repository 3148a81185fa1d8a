// The utility built for wasm is a valid WSP module by construction (ABI-1, ABI-3, ABI-4, ABI-5):
// no imports at all, its own memory with a maximum within 64 MiB, every wsp_* function exported.
// Reads `wasm-objdump -x`, the same view a developer would use.
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace wsp_sdk_test {
namespace {

std::string objdump(const std::string& wasm) {
  const std::string command = std::string(WSP_WASM_OBJDUMP) + " -x '" + wasm + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string text;
  char chunk[4096];
  while (size_t n = fread(chunk, 1, sizeof chunk, pipe)) text.append(chunk, n);
  pclose(pipe);
  return text;
}

TEST(WasmModule, UtilityImportsNothingAndExportsTheWholeAbi) {
  const std::string dump = objdump(WSP_UTILITY_WASM);
  ASSERT_NE(dump.find("Export["), std::string::npos) << dump;
  EXPECT_EQ(dump.find("Import["), std::string::npos) << dump;

  std::set<std::string> exports;
  std::istringstream lines(dump);
  for (std::string line; std::getline(lines, line);) {
    const auto arrow = line.find(" -> \"");
    if (arrow != std::string::npos) exports.insert(line.substr(arrow + 5, line.rfind('"') - arrow - 5));
  }
  for (const char* name :
       {"memory", "_initialize", "wsp_abi_version", "wsp_descriptor", "wsp_create", "wsp_destroy",
        "wsp_activate", "wsp_deactivate", "wsp_reset", "wsp_audio_buffer", "wsp_event_buffer",
        "wsp_event_capacity", "wsp_process", "wsp_param_get", "wsp_latency", "wsp_tail",
        "wsp_state_save", "wsp_state_buffer", "wsp_state_load"})
    EXPECT_EQ(exports.count(name), 1u) << name;

  // 1024 pages of 64 KiB = 64 MiB (ABI-5).
  EXPECT_NE(dump.find("max=1024"), std::string::npos) << dump;
}

}  // namespace
}  // namespace wsp_sdk_test

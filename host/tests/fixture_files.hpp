// Where the test fixtures and the tests' shared translation cache are, and reading them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace wstudio::host::testing {

inline std::filesystem::path fixturePath(const std::string& name) {
  return std::filesystem::path(WSTUDIO_HOST_FIXTURE_DIR) / name;
}

// One cache for every test process: ctest runs them in parallel, which exercises the cache's
// atomic writes.
inline std::filesystem::path testCacheDir() {
  return std::filesystem::path(WSTUDIO_HOST_FIXTURE_DIR) / "cache";
}

inline std::vector<uint8_t> readFixture(const std::string& name) {
  std::ifstream in(fixturePath(name), std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace wstudio::host::testing

#include "wstudio/forge/random_id.hpp"

#include <cstdint>
#include <random>

namespace wstudio::forge {

std::string randomId() {
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 4; ++i) {
    uint32_t word = random();
    for (int j = 0; j < 8; ++j, word >>= 4) id += kHex[word & 15];
  }
  return id;
}

}  // namespace wstudio::forge

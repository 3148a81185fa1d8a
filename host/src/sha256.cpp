#include "wstudio/host/sha256.hpp"

#include <sodium.h>

namespace wstudio::host {

std::string sha256Hex(std::string_view first, std::string_view second) {
  static const int initialized = sodium_init();  // thread-safe once; -1 only if sodium is broken
  (void)initialized;
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(first.data()), first.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(second.data()), second.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace wstudio::host

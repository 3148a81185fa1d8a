#include "auth/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace wstudio::server {

std::optional<std::string> passwordProblem(std::string_view password) {
  if (password.size() < 8) return "the password must be at least 8 characters long";
  if (password.size() > 256) return "the password must be at most 256 bytes long";
  return std::nullopt;
}

std::string hashPassword(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return hash;
}

bool verifyPassword(std::string_view hash, std::string_view password) {
  const std::string stored(hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

}  // namespace wstudio::server

// Password hashing with argon2id (libsodium's crypto_pwhash_str: salt and parameters are
// stored in the hash string). Slow on purpose (tens of milliseconds and 64 MiB): call it off
// the network threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wstudio::server {

// Why a password is refused, or none when it is acceptable (8..256 bytes).
std::optional<std::string> passwordProblem(std::string_view password);
std::string hashPassword(std::string_view password);
bool verifyPassword(std::string_view hash, std::string_view password);

}  // namespace wstudio::server

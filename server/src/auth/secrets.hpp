// Random secrets and ids, and their storage form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::server {

// 128 random bits as 32 lowercase hex digits: ids of users, sessions, presets, tokens.
std::string newId();
// 256 random bits, base64url without padding (43 characters): cookie values, API tokens, CSRF.
std::string newSecret();
// What the database keeps of a secret: its sha256 (a leaked database reveals no live secret).
std::vector<uint8_t> secretHash(std::string_view secret);
// Constant-time comparison of two secrets.
bool secretsEqual(std::string_view a, std::string_view b);

}  // namespace wstudio::server

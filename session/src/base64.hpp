// Standard base64 (RFC 4648, "+/" alphabet, with padding), for plugin state bytes in JSON.
// Decoding is strict (no whitespace, no missing padding) so that every accepted text is the one
// encode() would write, which keeps saved files canonical.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::session::detail {

std::string base64Encode(const std::vector<std::uint8_t>& bytes);
std::optional<std::vector<std::uint8_t>> base64Decode(std::string_view text);

}  // namespace wstudio::session::detail

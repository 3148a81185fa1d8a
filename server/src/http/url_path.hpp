// The path of a request target, percent-decoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wstudio::server {

// None when the encoding is broken or decodes to a NUL.
std::optional<std::string> decodeUrlPath(std::string_view raw);

}  // namespace wstudio::server

// Building JSON paths and the pieces of error messages, shared by the reader and the validator
// so that both name places and values the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wstudio::session::detail {

// `parent.name` (or `name` at the root).
std::string fieldPath(const std::string& parent, std::string_view name);
// `parent[3]`.
std::string indexPath(const std::string& parent, std::size_t index);
// `parent["key"]`, for members of a map such as params; long keys are shortened.
std::string keyPath(const std::string& parent, std::string_view key);

// A JSON string literal of the text, shortened when long: `"bus-9"`.
std::string inQuotes(std::string_view text);
// The shortest text that reads back as the same double: 12, -96, 0.5.
std::string formatNumber(double value);

}  // namespace wstudio::session::detail

namespace wstudio::session::detail {

bool isValidUtf8(std::string_view text);

}  // namespace wstudio::session::detail

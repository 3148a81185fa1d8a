// Parsing a session document without exceptions: the library is also built with -fno-exceptions
// (engine.wasm), where a throwing nlohmann call would abort. Objects with a repeated key are
// refused (the standard leaves their meaning open, and keeping either value silently would hide
// an error).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace wstudio::session::detail {

// The document, or empty with the reason in `error` ("not valid JSON: ...").
std::optional<nlohmann::json> parseStrictly(std::string_view text, std::string& error);

// Whether brackets outside strings nest deeper than `limit`: counted without building anything,
// so that a hostile document of a million '[' is refused in linear time before a parser (or a
// destructor) could recurse on it.
bool nestsDeeperThan(std::string_view text, int limit);

}  // namespace wstudio::session::detail

// The JSON spellings of the model's enums, in both directions, and the "one of ..." list used
// in error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wstudio/session/model.hpp"

namespace wstudio::session::detail {

template <typename Enum>
std::optional<Enum> enumFromString(std::string_view name);

// `"a", "b", "c"` for the enum's spellings.
template <typename Enum>
std::string enumChoices();

}  // namespace wstudio::session::detail

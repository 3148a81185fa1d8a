// Message building. concat() appends its parts into one reserved string; it exists because
// g++ 12 at -O3 reports a false -Wrestrict (an error here) on `"literal" + std::string&&`,
// the natural way to write messages around a path.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace wstudio::host::vaist {

inline std::string concat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string text;
  text.reserve(size);
  for (std::string_view part : parts) text.append(part);
  return text;
}

}  // namespace wstudio::host::vaist

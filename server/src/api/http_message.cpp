#include "api/http_message.hpp"

namespace wstudio::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Value of `name` in a list like "a=1; b=2" (cookies) or "a=1&b=2" (queries).
std::string_view findPair(std::string_view list, char separator, std::string_view name) {
  while (!list.empty()) {
    const size_t end = list.find(separator);
    const std::string_view item = trim(list.substr(0, end));
    const size_t eq = item.find('=');
    if (eq != std::string_view::npos && trim(item.substr(0, eq)) == name) {
      return trim(item.substr(eq + 1));
    }
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::string_view Request::cookie(std::string_view name) const {
  return findPair(header("cookie"), ';', name);
}

std::string_view Request::queryParam(std::string_view name) const {
  return findPair(query, '&', name);
}

std::string entityTag(std::string_view value) {
  std::string tag;
  tag.reserve(value.size() + 2);
  tag.push_back('"');
  tag.append(value);
  tag.push_back('"');
  return tag;
}

}  // namespace wstudio::server

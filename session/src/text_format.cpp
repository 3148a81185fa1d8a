#include "text_format.hpp"

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace wstudio::session::detail {

namespace {
// Keys and values shown in messages are cut to this many bytes: enough to recognise them,
// bounded for hostile input.
constexpr std::size_t kMaxShownBytes = 64;
}  // namespace

std::string fieldPath(const std::string& parent, std::string_view name) {
  if (parent.empty()) return std::string{name};
  std::string out = parent;
  out += '.';
  out += name;
  return out;
}

std::string indexPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string keyPath(const std::string& parent, std::string_view key) {
  return parent + "[" + inQuotes(key) + "]";
}

std::string inQuotes(std::string_view text) {
  const bool cut = text.size() > kMaxShownBytes;
  std::string shown{text.substr(0, kMaxShownBytes)};
  std::string out = nlohmann::json(shown).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace);
  if (cut) out.insert(out.size() - 1, "...");
  return out;
}

std::string formatNumber(double value) {
  // Fixed notation reads best for the limits in messages ("1000000", not "1e+06"); values too
  // long for it fall back to the shortest form.
  char buffer[128];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec != std::errc{}) result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace wstudio::session::detail

namespace wstudio::session::detail {

bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
      code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
      code = lead & 0x07;
    } else {
      return false;
    }
    if (extra >= text.size() - i) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinForLength[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace wstudio::session::detail

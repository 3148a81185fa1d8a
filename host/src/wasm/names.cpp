#include "wasm/names.hpp"

#include <cstdint>
#include <cstdio>

namespace wstudio::host::wasm {

bool isValidName(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const auto b = static_cast<uint8_t>(bytes[i]);
    if (b == 0) return false;
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      code = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      code = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      code = b & 0x07;
    } else {
      return false;  // a continuation byte first, an overlong lead (c0, c1), or past U+10FFFF (f5..)
    }
    if (bytes.size() - i < length) return false;
    for (size_t k = 1; k < length; ++k) {
      const auto c = static_cast<uint8_t>(bytes[i + k]);
      if ((c & 0xc0) != 0x80) return false;
      code = (code << 6) | (c & 0x3f);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10ffff))) return false;
    if (code >= 0xd800 && code <= 0xdfff) return false;  // surrogates are not scalar values
    i += length;
  }
  return true;
}

std::string printable(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char ch : bytes) {
    const auto b = static_cast<uint8_t>(ch);
    if (b >= 0x20 && b < 0x7f && b != '\\') {
      out += ch;
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", b);
      out += escape;
    }
  }
  return out;
}

}  // namespace wstudio::host::wasm

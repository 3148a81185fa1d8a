#include "wasm2c/generated_names.hpp"

#include <cstdio>

namespace wstudio::host::wasm2c {

std::string mangle(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Y') || (c >= '0' && c <= '9') || c == '_';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "Z%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string exportSymbol(std::string_view exportName) { return "Z_mZ_" + mangle(exportName); }

std::string importSymbol(std::string_view module, std::string_view field) {
  return "Z_" + mangle(module) + "Z_" + mangle(field);
}

std::string importStruct(std::string_view module) { return "Z_" + mangle(module) + "_instance_t"; }

}  // namespace wstudio::host::wasm2c

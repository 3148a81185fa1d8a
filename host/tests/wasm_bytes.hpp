// Building WebAssembly binaries byte by byte, for tests of shapes a text assembler refuses or
// that are too large to write as text.
#pragma once

#include <cstdint>
#include <vector>

namespace wstudio::host::testing {

using Bytes = std::vector<uint8_t>;

// Unsigned LEB128.
inline void leb(Bytes& out, uint64_t v) {
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
}

// A section: id, size, payload.
inline void section(Bytes& out, uint8_t id, const Bytes& payload) {
  out.push_back(id);
  leb(out, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
}

// The magic and version every module starts with.
inline Bytes moduleHeader() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

}  // namespace wstudio::host::testing

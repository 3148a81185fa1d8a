// The byte layout of saved state (ABI-15). All integers little-endian, written byte by byte so a
// 64-bit native build and the wasm build read each other's state.
//
//   offset  size         field
//   0       4            magic "WSPS"
//   4       2            format version (1)
//   6       2            reserved, 0
//   8       4            FNV-1a hash of the plugin id (foreign state is refused)
//   12      4            parameter count n
//   16      16 * n       per parameter: u32 id, u32 reserved (0), f64 plain value
//   16+16n  4            length m of the plugin's extra bytes
//   20+16n  m            extra bytes (saveExtraState)
//   20+16n+m 4           FNV-1a of every byte before it (corruption is refused)
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace wsp::sdk::detail {

inline constexpr uint8_t kStateMagic[4] = {'W', 'S', 'P', 'S'};
inline constexpr uint16_t kStateFormatVersion = 1;
inline constexpr size_t kStateHeaderBytes = 16;
inline constexpr size_t kStateParamBytes = 16;

constexpr uint32_t fnv1a(std::span<const uint8_t> bytes) {
  uint32_t hash = 2166136261u;
  for (uint8_t b : bytes) hash = (hash ^ b) * 16777619u;
  return hash;
}

constexpr uint32_t pluginIdHash(std::string_view id) {
  uint32_t hash = 2166136261u;
  for (char c : id) hash = (hash ^ uint8_t(c)) * 16777619u;
  return hash;
}

constexpr size_t stateBytes(size_t paramCount, size_t extraBytes) {
  return kStateHeaderBytes + kStateParamBytes * paramCount + 4 + extraBytes + 4;
}

inline void put16(uint8_t* at, uint16_t v) {
  at[0] = uint8_t(v);
  at[1] = uint8_t(v >> 8);
}
inline void put32(uint8_t* at, uint32_t v) {
  for (int i = 0; i < 4; ++i) at[i] = uint8_t(v >> (8 * i));
}
inline void put64(uint8_t* at, uint64_t v) {
  for (int i = 0; i < 8; ++i) at[i] = uint8_t(v >> (8 * i));
}
inline uint16_t get16(const uint8_t* at) { return uint16_t(at[0] | at[1] << 8); }
inline uint32_t get32(const uint8_t* at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(at[i]) << (8 * i);
  return v;
}
inline uint64_t get64(const uint8_t* at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t(at[i]) << (8 * i);
  return v;
}

// Writes header + parameters + extra + checksum into `out` (stateBytes(...) bytes). `idAt(i)` and
// `valueAt(i)` give the i-th parameter.
template <typename IdAt, typename ValueAt>
void writeState(uint8_t* out, uint32_t idHash, uint32_t paramCount, IdAt idAt, ValueAt valueAt,
                std::span<const uint8_t> extra) {
  for (int i = 0; i < 4; ++i) out[i] = kStateMagic[i];
  put16(out + 4, kStateFormatVersion);
  put16(out + 6, 0);
  put32(out + 8, idHash);
  put32(out + 12, paramCount);
  uint8_t* at = out + kStateHeaderBytes;
  for (uint32_t i = 0; i < paramCount; ++i, at += kStateParamBytes) {
    put32(at, idAt(i));
    put32(at + 4, 0);
    put64(at + 8, std::bit_cast<uint64_t>(valueAt(i)));
  }
  put32(at, uint32_t(extra.size()));
  at += 4;
  for (uint8_t b : extra) *at++ = b;
  put32(at, fnv1a({out, size_t(at - out)}));
}

// A validated view of state bytes.
class StateView {
 public:
  // False when the bytes are not complete, intact state of the plugin with this id hash.
  bool parse(std::span<const uint8_t> bytes, uint32_t idHash) {
    if (bytes.size() < stateBytes(0, 0)) return false;
    const uint8_t* p = bytes.data();
    for (int i = 0; i < 4; ++i)
      if (p[i] != kStateMagic[i]) return false;
    if (get16(p + 4) != kStateFormatVersion || get32(p + 8) != idHash) return false;
    const size_t count = get32(p + 12);
    if (count > (bytes.size() - stateBytes(0, 0)) / kStateParamBytes) return false;
    const size_t extraAt = kStateHeaderBytes + kStateParamBytes * count;
    const size_t extraBytes = get32(p + extraAt);
    if (extraBytes != bytes.size() - stateBytes(count, 0)) return false;  // no overflow: count fits
    const size_t checksumAt = bytes.size() - 4;
    if (get32(p + checksumAt) != fnv1a(bytes.first(checksumAt))) return false;
    params_ = p + kStateHeaderBytes;
    count_ = uint32_t(count);
    extra_ = bytes.subspan(extraAt + 4, extraBytes);
    for (uint32_t i = 0; i < count_; ++i)
      if (!(value(i) - value(i) == 0.0)) return false;  // NaN or infinite: not a saved value
    return true;
  }

  uint32_t count() const { return count_; }
  uint32_t id(uint32_t i) const { return get32(params_ + kStateParamBytes * i); }
  double value(uint32_t i) const {
    return std::bit_cast<double>(get64(params_ + kStateParamBytes * i + 8));
  }
  std::span<const uint8_t> extra() const { return extra_; }

 private:
  const uint8_t* params_ = nullptr;
  uint32_t count_ = 0;
  std::span<const uint8_t> extra_;
};

}  // namespace wsp::sdk::detail

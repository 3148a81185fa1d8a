#include "differential/wat_builder.hpp"

#include <cstdio>
#include <cstring>

namespace wstudio::host::testing {

namespace {

constexpr uint32_t kPoolAddress = 64;

template <typename T>
std::vector<uint8_t> bytesOf(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

const std::vector<uint32_t> kI32 = {0, 1, 0xffffffffu, 2, 0xfffffffeu, 7, 31, 32, 33, 0x7fffffffu, 0x80000000u,
                                    0x80000001u, 0xffffu, 0x10000u, 0x12345678u, 0xfedcba98u, 100, 0xffffff9cu};
const std::vector<uint64_t> kI64 = {0, 1, ~0ull, 2, 63, 64, 65, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                    0x8000000000000001ull, 0xffffffffull, 0x100000000ull, 0x123456789abcdef0ull,
                                    0xfedcba9876543210ull, 0xffffffffffffff9cull};
// f32 edge values by bits: zeros, ones, halves (rounding ties), infinities, NaNs (quiet, negative
// with payload, signalling), denormals, the largest float, and the bounds of every integer
// conversion.
const std::vector<uint32_t> kF32 = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000,
    0xc0200000, 0x40600000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7fa00000, 0x00000001,
    0x80000001, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x4effffff, 0x4f800000, 0x4f7fffff, 0xbf7fffff,
    0x5f000000, 0xdf000000, 0x5f800000, 0x3effffff, 0x4b000001, 0x501502f9, 0xcf000001, 0x00800000};
const std::vector<uint64_t> kF64 = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3fe0000000000000,
    0xbfe0000000000000, 0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000001, 0x7ff4000000000000, 0x0000000000000001,
    0x7fefffffffffffff, 0x41dfffffffc00000, 0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000200000,
    0xc1e0000000100000, 0x41efffffffe00000, 0x41f0000000000000, 0x41efffffffefffff, 0xbfefffffffffffff,
    0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000, 0x43efffffffffffff, 0x3fdfffffffffffff,
    0x4330000000000001, 0x7e37e43c8800759c, 0x01a56e1fc2f8f359, 0x47efffffe0000000, 0x4170000010000000};

// Lane edge values for the integer shapes.
const std::vector<uint8_t> kI8 = {0, 1, 0xff, 0x7f, 0x80, 2, 0xfe, 100, 0x9c, 64, 63, 0x55, 0xaa, 7, 8, 16, 0x81, 200};
const std::vector<uint16_t> kI16 = {0, 1, 0xffff, 0x7fff, 0x8000, 2, 0x4000, 0xc000, 255, 256,
                                    0x5555, 0xaaaa, 1000, 0xfc18, 0x7ffe, 0x8001, 0x00ff, 0xff00};
const std::vector<uint32_t> kI32Lanes = {0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 2, 0x12345678u, 0xedcba988u,
                                         0xffffu, 0x10000u, 0x7ffffffeu, 0x80000001u, 100, 0xffffff9cu};

// One vector per edge value: vector i has lanes edges[i], edges[i + 1], ... (wrapping), so the
// pairs (vector i, vector j) put every pair of edge values side by side in lane 0.
template <typename T>
std::vector<std::vector<uint8_t>> laneVectors(const std::vector<T>& edges, size_t lanes) {
  std::vector<std::vector<uint8_t>> out;
  for (size_t v = 0; v < edges.size(); ++v) {
    std::vector<T> lanesOf(lanes);
    for (size_t l = 0; l < lanes; ++l) lanesOf[l] = edges[(v + l) % edges.size()];
    out.push_back(bytesOf(lanesOf));
  }
  return out;
}

}  // namespace

WatBuilder::WatBuilder(bool simd) : simd_(simd) {
  auto addScalars = [this](const std::vector<uint8_t>& bytes, size_t width) {
    std::vector<uint32_t> addresses;
    for (size_t i = 0; i < bytes.size(); i += width) {
      addresses.push_back(put(std::vector<uint8_t>(bytes.begin() + i, bytes.begin() + i + width)));
    }
    scalarAddresses_.push_back(addresses);
  };
  addScalars(bytesOf(kI32), 4);
  addScalars(bytesOf(kI64), 8);
  addScalars(bytesOf(kF32), 4);
  addScalars(bytesOf(kF64), 8);
  if (!simd_) return;
  auto addVectors = [this](const std::string& shape, const std::vector<std::vector<uint8_t>>& vectors) {
    std::vector<uint32_t> addresses;
    for (const auto& v : vectors) addresses.push_back(put(v));
    vectorAddresses_.push_back({shape, addresses});
  };
  addVectors("i8x16", laneVectors(kI8, 16));
  addVectors("i16x8", laneVectors(kI16, 8));
  addVectors("i32x4", laneVectors(kI32Lanes, 4));
  addVectors("i64x2", laneVectors(kI64, 2));
  addVectors("f32x4", laneVectors(kF32, 4));
  addVectors("f64x2", laneVectors(kF64, 2));
}

uint32_t WatBuilder::put(const std::vector<uint8_t>& bytes) {
  while (pool_.size() % 16 != 0) pool_.push_back(0);  // keep every value naturally aligned
  const auto address = static_cast<uint32_t>(kPoolAddress + pool_.size());
  pool_.insert(pool_.end(), bytes.begin(), bytes.end());
  return address;
}

const std::vector<uint32_t>& WatBuilder::scalars(char type) const {
  return scalarAddresses_[std::string("iIfF").find(type)];
}

const std::vector<uint32_t>& WatBuilder::vectors(const std::string& shape) const {
  for (const auto& [name, addresses] : vectorAddresses_) {
    if (name == shape) return addresses;
  }
  return vectorAddresses_.front().second;
}

std::string WatBuilder::valueAt(uint32_t address, size_t bytes) const {
  std::string out = "0x";
  char digits[4];
  for (size_t i = bytes; i-- > 0;) {  // little-endian: most significant byte first
    const size_t at = address - kPoolAddress + i;
    std::snprintf(digits, sizeof digits, "%02x", at < pool_.size() ? pool_[at] : 0);
    out += digits;
  }
  return out;
}

std::string WatBuilder::load(char type, int local) {
  const char* op = type == 'i' ? "i32.load" : type == 'I' ? "i64.load" : type == 'f' ? "f32.load"
                 : type == 'F' ? "f64.load" : "v128.load";
  return std::string("(") + op + " (local.get " + std::to_string(local) + "))";
}

std::string WatBuilder::store(char type, const std::string& expression) {
  if (type == 0) return expression;
  const char* op = type == 'i' ? "i32.store" : type == 'I' ? "i64.store" : type == 'f' ? "f32.store"
                 : type == 'F' ? "f64.store" : "v128.store";
  return std::string("(") + op + " (i32.const 0) " + expression + ")";
}

std::string WatBuilder::applying(const std::string& instruction, const std::string& params,
                                 char result) {
  std::string operands;
  for (size_t k = 0; k < params.size(); ++k) operands.append(" ").append(load(params[k], static_cast<int>(k)));
  return function(params.size(), store(result, "(" + instruction + operands + ")"));
}

std::string WatBuilder::function(size_t params, const std::string& body, const std::string& locals) {
  std::string name = "t";  // appended, not "t" + ...: g++ 12 -O3 warns falsely (-Wrestrict)
  name += std::to_string(functionCount_++);
  functions_ += "(func (export \"" + name + "\")";
  for (size_t i = 0; i < params; ++i) functions_ += " (param i32)";
  functions_ += " " + locals;
  functions_ += simd_ ? " (v128.store (i32.const 0) (v128.const i64x2 0 0)) (v128.store (i32.const 16) (v128.const i64x2 0 0))"
                      : " (i64.store (i32.const 0) (i64.const 0)) (i64.store (i32.const 8) (i64.const 0))"
                        " (i64.store (i32.const 16) (i64.const 0)) (i64.store (i32.const 24) (i64.const 0))";
  functions_ += "\n  " + body + ")\n";
  return name;
}

std::string WatBuilder::wat() const {
  std::string out = "(module\n(memory (export \"memory\") 1)\n(data (i32.const " + std::to_string(kPoolAddress) + ") \"";
  char escape[4];
  for (uint8_t b : pool_) {
    std::snprintf(escape, sizeof escape, "\\%02x", b);
    out += escape;
  }
  out += "\")\n(data (i32.const " + std::to_string(kPatternAddress) + ") \"";
  for (uint32_t i = 0; i < kPatternBytes; ++i) {
    std::snprintf(escape, sizeof escape, "\\%02x", (i * 37 + 11) & 0xff);
    out += escape;
  }
  out += "\")\n" + raw_ + functions_ + ")\n";
  return out;
}

ResultShape resultShape(const std::string& instruction, char resultType) {
  if (resultType == 'f') return ResultShape::F32;
  if (resultType == 'F') return ResultShape::F64;
  if (resultType != 'v') return ResultShape::Bytes;
  const bool f32 = instruction.rfind("f32x4.", 0) == 0, f64 = instruction.rfind("f64x2.", 0) == 0;
  if (!f32 && !f64) return ResultShape::Bytes;
  const std::string op = instruction.substr(6);
  if (op == "eq" || op == "ne" || op == "lt" || op == "gt" || op == "le" || op == "ge") return ResultShape::Bytes;
  return f32 ? ResultShape::F32x4 : ResultShape::F64x2;
}

}  // namespace wstudio::host::testing

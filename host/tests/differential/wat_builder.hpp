// Builds the WAT modules of the differential tests: operand pools (edge values of every type and
// lane shape) in a data segment, one exported function per instruction variant, and the cases
// that call them with pool addresses.
//
// Memory layout (one page): [0, 32) results; [64, 8192) pools; [8192, 8448) a byte pattern for
// loads. Every function first zeroes the result area.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "differential/differential_harness.hpp"

namespace wstudio::host::testing {

inline constexpr uint32_t kPatternAddress = 8192;
inline constexpr uint32_t kPatternBytes = 256;

class WatBuilder {
 public:
  // `simd`: whether functions may use v128 (the zeroing and vector pools do).
  explicit WatBuilder(bool simd);

  // Addresses of the edge values of a scalar type ('i', 'I', 'f', 'F').
  const std::vector<uint32_t>& scalars(char type) const;
  // Addresses of vectors whose lanes are edge values of `shape` ("i8x16" ... "f64x2").
  const std::vector<uint32_t>& vectors(const std::string& shape) const;

  // An operand of `type` ('i', 'I', 'f', 'F', 'v') loaded from the address in param `local`.
  static std::string load(char type, int local);
  // Stores `expression` of `type` at address 0 (no store for type 0).
  static std::string store(char type, const std::string& expression);

  // Adds an exported function with `params` i32 params, `locals` declarations and `body` (after
  // the zeroing); returns its export name.
  std::string function(size_t params, const std::string& body, const std::string& locals = "");
  // Adds a function that applies `instruction` (its text, immediates included) to one operand
  // per type in `params`, each loaded from the address in the matching param, and stores the
  // result of type `result`; returns its export name.
  std::string applying(const std::string& instruction, const std::string& params, char result);
  // Adds raw module fields (functions, tables, data, ...).
  void raw(const std::string& fields) { raw_ += fields; }
  void add(DiffCase c) { cases_.push_back(std::move(c)); }

  // The pool bytes at `address` as hex, to describe a case.
  std::string valueAt(uint32_t address, size_t bytes) const;

  std::string wat() const;
  const std::vector<DiffCase>& cases() const { return cases_; }

 private:
  uint32_t put(const std::vector<uint8_t>& bytes);

  bool simd_;
  std::vector<uint8_t> pool_;  // bytes from address 64
  std::vector<std::vector<uint32_t>> scalarAddresses_;  // i, I, f, F
  std::vector<std::pair<std::string, std::vector<uint32_t>>> vectorAddresses_;
  std::string functions_;
  std::string raw_;
  size_t functionCount_ = 0;
  std::vector<DiffCase> cases_;
};

// The shape of an instruction's result, for comparison: floats for f32/f64 scalars and for
// f32x4/f64x2 arithmetic (not comparisons, which give masks).
ResultShape resultShape(const std::string& instruction, char resultType);

}  // namespace wstudio::host::testing

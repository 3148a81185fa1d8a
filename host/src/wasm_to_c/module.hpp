// A WebAssembly module decoded for translation: everything wasm::ModuleInfo has, plus what code
// generation needs (global initial values, element and data segments, function bodies).
// Constant expressions are evaluated while decoding: the translator accepts no imported globals,
// so every one of them is known before instantiation.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "wasm/module_info.hpp"

namespace wstudio::host::wasm_to_c {

using wasm::FuncType;
using wasm::ValType;

// The value of a constant expression. funcref: funcIndex, or nullopt for ref.null.
struct ConstValue {
  ValType type = ValType::I32;
  uint64_t bits[2] = {0, 0};  // i32/f32 in the low 32 bits of bits[0]; v128 low half first
  std::optional<uint32_t> funcIndex;
};

struct Global {
  ValType type = ValType::I32;
  bool mutable_ = false;
  ConstValue init;
  uint32_t slot = 0;  // its index among the globals of its type (globals live in one array per type)
};

struct Table {
  ValType element = ValType::FuncRef;
  wasm::Limits limits;
};

struct FunctionImport {
  std::string module;
  std::string field;
  uint32_t type = 0;
};

struct ElementSegment {
  enum class Mode { Active, Passive, Declarative } mode = Mode::Active;
  uint32_t table = 0;
  uint32_t offset = 0;  // Active
  std::vector<std::optional<uint32_t>> functions;  // nullopt: a null reference
};

struct DataSegment {
  bool active = true;
  uint32_t offset = 0;  // active
  std::span<const uint8_t> bytes;
};

struct FunctionBody {
  std::span<const uint8_t> bytes;  // locals and code, without the size prefix
  size_t offset = 0;               // of `bytes` in the module, for error messages
};

struct Module {
  std::vector<FuncType> types;
  std::vector<FunctionImport> functionImports;  // function indices 0..n-1
  std::vector<uint32_t> functionTypes;          // type index of every function, imports first
  std::vector<Table> tables;
  std::optional<wasm::Limits> memory;  // defined or imported (the sandbox makes both)
  std::vector<Global> globals;
  std::vector<wasm::Export> exports;  // kind, name, index, ordinal
  std::optional<uint32_t> start;
  std::vector<ElementSegment> elements;
  std::vector<DataSegment> data;
  std::optional<uint32_t> dataCount;
  std::vector<FunctionBody> bodies;  // defined functions
  std::set<uint32_t> declaredFunctions;  // may be named by ref.func in code

  uint32_t importedFunctionCount() const { return static_cast<uint32_t>(functionImports.size()); }
  const FuncType& functionType(uint32_t index) const { return types[functionTypes[index]]; }
};

}  // namespace wstudio::host::wasm_to_c

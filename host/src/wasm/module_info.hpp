// What the wasm binary reader learns about a module: types, imports, exports with signatures,
// memory and table limits. Enough to check a module against an ABI and to call it, nothing about
// code. Stable interface: the WSP and vAIst adapters build on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::host::wasm {

// Value types by their binary encoding.
enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};
const char* valTypeName(ValType type);  // "i32", ...

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};
std::string toString(const FuncType& type);  // "(i32, i32) -> i32", "() -> ()"

enum class ExternKind : uint8_t { Function = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };
const char* externKindName(ExternKind kind);  // "function", "table", "memory", "global", "tag"

struct Limits {
  uint32_t min = 0;
  std::optional<uint32_t> max;  // in pages (memory) or elements (table)
  bool operator==(const Limits&) const = default;
};

struct GlobalType {
  ValType type = ValType::I32;
  bool mutable_ = false;
};

struct Import {
  std::string module;
  std::string field;
  ExternKind kind = ExternKind::Function;
  FuncType function;  // Function
  Limits limits;      // Memory, Table
  ValType tableElement = ValType::FuncRef;  // Table
  GlobalType global;  // Global
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::Function;
  uint32_t index = 0;    // in the kind's index space (imports first)
  uint32_t ordinal = 0;  // position among this module's exports of the same kind; the sandbox
                         // calls functions and reads globals by it
  FuncType function;     // Function
  GlobalType global;     // Global
};

struct ModuleInfo {
  std::vector<FuncType> types;
  std::vector<Import> imports;
  std::vector<uint32_t> functionTypes;  // type index of every function, imported ones first
  uint32_t importedFunctions = 0;
  std::optional<Limits> memory;  // the module's own (defined) memory
  bool memoryImported = false;
  std::vector<Limits> tables;      // defined tables
  std::vector<GlobalType> globals; // every global, imported ones first
  std::vector<Export> exports;     // in the order of the export section
  std::optional<uint32_t> start;   // start function index

  const Export* findExport(std::string_view name) const;
  const Export* findExport(std::string_view name, ExternKind kind) const;
  // Exported functions in export order (an Export's ordinal indexes this list).
  std::vector<const Export*> exportedFunctions() const;
  // The memory's limits, defined or imported.
  std::optional<Limits> memoryLimits() const;
};

}  // namespace wstudio::host::wasm

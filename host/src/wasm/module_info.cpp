#include "wasm/module_info.hpp"

namespace wstudio::host::wasm {

const char* valTypeName(ValType type) {
  switch (type) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
  }
  return "?";
}

std::string toString(const FuncType& type) {
  auto list = [](const std::vector<ValType>& types) {
    std::string text = "(";
    for (size_t i = 0; i < types.size(); ++i) {
      if (i > 0) text += ", ";
      text += valTypeName(types[i]);
    }
    return text + ")";
  };
  std::string results = type.results.size() == 1 ? valTypeName(type.results[0]) : list(type.results);
  return list(type.params) + " -> " + results;
}

const char* externKindName(ExternKind kind) {
  switch (kind) {
    case ExternKind::Function: return "function";
    case ExternKind::Table: return "table";
    case ExternKind::Memory: return "memory";
    case ExternKind::Global: return "global";
    case ExternKind::Tag: return "tag";
  }
  return "?";
}

const Export* ModuleInfo::findExport(std::string_view name) const {
  for (const Export& e : exports) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const Export* ModuleInfo::findExport(std::string_view name, ExternKind kind) const {
  const Export* e = findExport(name);
  return e != nullptr && e->kind == kind ? e : nullptr;
}

std::vector<const Export*> ModuleInfo::exportedFunctions() const {
  std::vector<const Export*> functions;
  for (const Export& e : exports) {
    if (e.kind == ExternKind::Function) functions.push_back(&e);
  }
  return functions;
}

std::optional<Limits> ModuleInfo::memoryLimits() const {
  if (memory) return memory;
  for (const Import& import : imports) {
    if (import.kind == ExternKind::Memory) return import.limits;
  }
  return std::nullopt;
}

}  // namespace wstudio::host::wasm

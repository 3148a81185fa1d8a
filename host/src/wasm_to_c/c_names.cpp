#include "wasm_to_c/c_names.hpp"

#include <cstdio>
#include <map>
#include <utility>

namespace wstudio::host::wasm_to_c {

const char* cType(ValType type) {
  switch (type) {
    case ValType::I32: return "u32";
    case ValType::I64: return "u64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    default: return "const wsx_func*";
  }
}

std::string numbered(const char* prefix, uint64_t number) {
  std::string name = prefix;  // appended, not prefix + ...: g++ 12 -O3 warns falsely (-Wrestrict)
  name += std::to_string(number);
  return name;
}

std::string functionName(uint32_t index) { return numbered("fn_", index); }
std::string localName(uint32_t index) { return numbered("l_", index); }

std::string returnType(const FuncType& type, uint32_t signatureId) {
  if (type.results.empty()) return "void";
  if (type.results.size() == 1) return cType(type.results[0]);
  return "wsx_ret" + std::to_string(signatureId);
}

std::string parameterTypes(const FuncType& type) {
  std::string out = "wsx_instance*, int64_t*";
  for (ValType t : type.params) out += std::string(", ") + cType(t);
  return out;
}

std::string globalArray(ValType type) {
  switch (type) {
    case ValType::I32: return "g_i32";
    case ValType::I64: return "g_i64";
    case ValType::F32: return "g_f32";
    case ValType::F64: return "g_f64";
    case ValType::V128: return "g_v128";
    default: return "g_ref";
  }
}

std::string globalField(const Global& global) {
  return globalArray(global.type) + "[" + std::to_string(global.slot) + "]";
}

std::string u32Literal(uint32_t value) { return std::to_string(value) + "u"; }

namespace {
std::string hex(uint64_t value, const char* suffix) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%llx%s", static_cast<unsigned long long>(value), suffix);
  return text;
}
}  // namespace

std::string literal(const ConstValue& value) {
  switch (value.type) {
    case ValType::I32: return hex(value.bits[0] & 0xffffffffu, "u");
    case ValType::I64: return hex(value.bits[0], "ull");
    case ValType::F32: return "wsx_f32_bits(" + hex(value.bits[0] & 0xffffffffu, "u") + ")";
    case ValType::F64: return "wsx_f64_bits(" + hex(value.bits[0], "ull") + ")";
    case ValType::V128:
      return "wsx_v128_const(" + hex(value.bits[0], "ull") + ", " + hex(value.bits[1], "ull") + ")";
    default:
      return value.funcIndex ? "&wsx_funcs[" + std::to_string(*value.funcIndex) + "]" : "NULL";
  }
}

std::vector<uint32_t> signatureIds(const std::vector<FuncType>& types) {
  // Keyed by the two type lists themselves: structural equality exactly as the spec defines it.
  // (A flat byte key needs a separator no value type can spell; '|' once was one, and it is
  // f64's encoding, so (i32 f64)->(i32) and (i32)->(f64 i32) shared an id: SBX-1.)
  std::vector<uint32_t> ids(types.size());
  std::map<std::pair<std::vector<ValType>, std::vector<ValType>>, uint32_t> first;
  for (uint32_t i = 0; i < types.size(); ++i) {
    ids[i] = first.emplace(std::pair{types[i].params, types[i].results}, i).first->second;
  }
  return ids;
}

}  // namespace wstudio::host::wasm_to_c

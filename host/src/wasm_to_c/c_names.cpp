#include "wasm_to_c/c_names.hpp"

#include <cstdio>
#include <map>

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

std::string functionName(uint32_t index) {
  std::string name = "fn";  // appended, not "fn" + ...: g++ 12 -O3 warns falsely (-Wrestrict)
  name += std::to_string(index);
  return name;
}

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
  std::vector<uint32_t> ids(types.size());
  std::map<std::string, uint32_t> first;  // the signature's bytes -> its first index
  for (uint32_t i = 0; i < types.size(); ++i) {
    std::string key;
    for (ValType t : types[i].params) key += static_cast<char>(t);
    key += '|';
    for (ValType t : types[i].results) key += static_cast<char>(t);
    ids[i] = first.emplace(key, i).first->second;
  }
  return ids;
}

}  // namespace wstudio::host::wasm_to_c

// How wasm things are spelled in the generated C: value types, function and return types,
// constants. Shared by the function translator and the module writer so both agree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wasm_to_c/module.hpp"

namespace wstudio::host::wasm_to_c {

// u32, u64, f32, f64, v128, const wsx_func*.
const char* cType(ValType type);
// "fn<index>": every function, imported or defined, by its wasm index (never a type name like
// f32 or an operand slot like f3).
std::string functionName(uint32_t index);
// void, the one result's C type, or "wsx_ret<id>" (a struct a0, a1, ...) for several results.
std::string returnType(const FuncType& type, uint32_t signatureId);
// "wsx_instance*, int64_t*, u32, f32": the parameter types of the C function (every function
// takes the instance and the running call's fuel counter first).
std::string parameterTypes(const FuncType& type);
// A C expression with exactly this value (floats by their bits, so NaN payloads and -0 survive).
std::string literal(const ConstValue& value);
std::string u32Literal(uint32_t value);

// Equal signatures get equal ids (call_indirect compares them): the index of the first type
// equal to each type.
std::vector<uint32_t> signatureIds(const std::vector<FuncType>& types);

}  // namespace wstudio::host::wasm_to_c

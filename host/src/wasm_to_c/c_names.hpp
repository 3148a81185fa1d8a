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
// Every identifier the translator numbers inside functions is a lowercase prefix, an underscore
// and a number ("fn_3", "l_0", "sf_64"); the runtime and the C library it includes never spell a
// name that way (theirs are words: u32, f64, v128, memcpy, ...), so no count of functions, locals
// or operands can make one collide with theirs (SBX-9). File-scope tables the translator writes
// are wsx_<word><number> (wsx_ret3, wsx_data0, wsx_thunk2), a shape the runtime never uses.
std::string numbered(const char* prefix, uint64_t number);
// "fn_<index>": every function, imported or defined, by its wasm index.
std::string functionName(uint32_t index);
// "l_<index>": a wasm local (parameters first).
std::string localName(uint32_t index);
// void, the one result's C type, or "wsx_ret<id>" (a struct a0, a1, ...) for several results.
std::string returnType(const FuncType& type, uint32_t signatureId);
// "wsx_instance*, int64_t*, u32, f32": the parameter types of the C function (every function
// takes the instance and the running call's fuel counter first).
std::string parameterTypes(const FuncType& type);
// The instance member holding a global: "g_f32[3]". One array per value type, not one member
// per global: a module may have many globals, and arrays cost the C compiler nothing per element.
std::string globalField(const Global& global);
// The member name of the array for `type`'s globals: "g_i32".
std::string globalArray(ValType type);
// A C expression with exactly this value (floats by their bits, so NaN payloads and -0 survive).
std::string literal(const ConstValue& value);
std::string u32Literal(uint32_t value);

// Equal signatures get equal ids (call_indirect compares them): the index of the first type
// equal to each type.
std::vector<uint32_t> signatureIds(const std::vector<FuncType>& types);

}  // namespace wstudio::host::wasm_to_c

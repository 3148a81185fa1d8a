// Translates one function body to C, validating it completely on the way (operand types, control
// frames, branch depths, locals, indices, alignment, immediates) as the spec's validation
// algorithm does. Anything invalid or unsupported is refused with the function, the byte offset
// and the reason; nothing a hostile body contains reaches the C code except as checked numbers.
//
// Code shape (chosen for the C compiler): wasm locals are C locals; each operand-stack slot is a
// C local named by its type and depth (si_3 = the i32 at depth 3), so values flow through
// registers; control flow is gotos to labels (no nesting in C); every instruction is a call to
// an inline runtime function of the same name (wsx_ops.h, wsx_simd.h). The memory base is read
// once at entry: memory never moves (see wsx_runtime.c), so nothing can change it. Fuel is spent
// at function entry and at every loop header, and entry checks the native stack budget.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wasm_to_c/limits.hpp"
#include "wasm_to_c/module.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm_to_c {

struct TranslatedFunction {
  std::string code;  // the C function definition
  bool usesSimd = false;
};

// `index` is the function's wasm index (a defined function). `signatureIds` from
// c_names.hpp's signatureIds(module.types).
Result<TranslatedFunction> translateFunction(const Module& module,
                                             const std::vector<uint32_t>& signatureIds,
                                             uint32_t index);

}  // namespace wstudio::host::wasm_to_c

// Translation limits: the shapes of a module whose generated C would cost the C compiler too
// much time or memory are refused here, before any C is written, with a message saying which
// limit and by how much. Every limit is far above what real plugins use (the factory plugins:
// under 50 functions, 1 global, 16 KiB of data, operand stacks under 20 deep) and each one bounds
// one cost of the C compiler; docs/sandbox.md lists them with the compile time and memory
// measured for a module at each.
#pragma once

#include <cstdint>
#include <string>

#include "wasm_to_c/module.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm_to_c {

// Functions, imported and defined: each is a C function with a fixed cost to the compiler.
inline constexpr uint32_t kMaxTranslatedFunctions = 20000;
// Exported functions: each export is a C thunk.
inline constexpr uint32_t kMaxExportedFunctions = 10000;
// Globals: initial values are one constant array per type, so each costs a few bytes of C.
inline constexpr uint32_t kMaxGlobals = 100000;
// Bytes of all data segments together: they are C string literals in the shared object.
inline constexpr uint64_t kMaxDataBytes = 16u << 20;
// Entries of all element segments together (constant arrays of function addresses).
inline constexpr uint64_t kMaxElementEntries = 100000;
// Parameters and results of all types together (prototypes and multi-value structs).
inline constexpr uint64_t kMaxTypeEntries = 100000;
// Bytes of all function bodies together, and of one body: the C compiler's time grows with
// the code, and faster than linearly with one function's size.
inline constexpr uint64_t kMaxCodeBytes = 4u << 20;
inline constexpr uint64_t kMaxFunctionBodyBytes = 128u << 10;

// Per function, checked while translating it. Each operand-stack depth is a C local and all of
// them can be live at once: the register allocator's work grows with the square of their number
// (49,000 v128 operands compiled for more than 10 minutes), so the depth is kept to what compilers
// emit (tens) with a wide margin. Locals likewise; nesting is a chain of labels.
inline constexpr uint32_t kMaxOperandDepth = 1024;
inline constexpr uint32_t kMaxLocals = 4096;
inline constexpr uint32_t kMaxControlDepth = 10000;

// The module-wide limits above (the per-function ones, operand depth and locals, are checked by
// the function translator). An error names the limit, the module's count and the maximum.
Status checkTranslationLimits(const Module& module);

}  // namespace wstudio::host::wasm_to_c

// The instructions the translator emits as one call to a runtime function of the same name
// (runtime/wsx_ops.h, wsx_simd.h): numeric instructions, loads and stores, and SIMD, each with
// its operand and result types. Control, variable, reference, table and bulk-memory
// instructions are handled one by one in function_translator.cpp.
#pragma once

#include <cstdint>
#include <string>

namespace wstudio::host::wasm_to_c {

// Operand and result types as letters: i = i32, I = i64, f = f32, F = f64, v = v128.
struct OpSignature {
  const char* params;
  const char* results;  // "" or one letter
};

// A plain numeric instruction (one byte, or 0xfc prefix for the saturating truncations).
struct NumericOp {
  const char* name;  // "i32.add"
  OpSignature signature;
};
// nullptr when `opcode` is not a numeric instruction.
const NumericOp* numericOp(uint8_t opcode);
const NumericOp* saturatingTruncation(uint32_t subopcode);  // 0xfc 0..7

// A scalar load or store (0x28..0x3e).
struct MemoryOp {
  const char* name;  // "i32.load8_s"
  char type;         // the value's type letter
  uint8_t maxAlign;  // log2 of the access size: the largest valid alignment
  bool store;
};
const MemoryOp* memoryOp(uint8_t opcode);

// A SIMD instruction (0xfd prefix).
enum class SimdImmediate : uint8_t {
  None,
  MemArg,      // v128 loads and stores
  MemArgLane,  // load/store lane: memarg, then a lane index
  Lane,        // extract/replace lane
  Bytes16,     // v128.const
  Shuffle,     // i8x16.shuffle: 16 lane indices below 32
};
struct SimdOp {
  const char* name;
  OpSignature signature;  // for memory ops: excluding the address
  SimdImmediate immediate = SimdImmediate::None;
  uint8_t maxAlign = 0;   // memory ops
  uint8_t lanes = 0;      // lane ops: number of lanes
};
// nullptr when `subopcode` is not in the final SIMD proposal (relaxed SIMD is refused).
const SimdOp* simdOp(uint32_t subopcode);

// The runtime function for an instruction: "i32.add" -> "wsx_i32_add".
std::string runtimeName(const char* instruction);

}  // namespace wstudio::host::wasm_to_c

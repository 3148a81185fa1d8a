// The translator against V8 (Node 20) on every instruction of the fixed-width SIMD proposal,
// taken from the translator's own opcode table by name (wat2wasm encodes each name with its own
// table, so a wrong opcode in ours shows up as a different result): lane-wise operations over
// pairs of vectors of edge lanes (NaN, -0, infinities, INT_MIN, saturation and conversion
// bounds), shifts by counts past the lane width, splats, every lane of extract/replace, shuffle
// and swizzle masks with out-of-range lanes, constants, and all loads and stores (splat, zero,
// extend, lane) including out-of-bounds traps.
#include <gtest/gtest.h>

#include "differential/wat_builder.hpp"
#include "wasm_to_c/opcodes.hpp"

namespace wstudio::host::testing {
namespace {

using wasm_to_c::SimdImmediate;
using wasm_to_c::SimdOp;

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// The lane shape an instruction's vector operands are read as: a source shape named in the
// instruction ("i32x4.trunc_sat_f64x2_s_zero" reads f64x2), else its own prefix.
std::string operandShape(const std::string& name) {
  for (const char* shape : {"i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"}) {
    if (name.find(std::string("_") + shape) != std::string::npos) return shape;
  }
  const std::string prefix = name.substr(0, name.find('.'));
  return prefix == "v128" ? "i8x16" : prefix;
}

// A scalar operand's pool: i32 values for i32 params, and so on.
const std::vector<uint32_t>& scalarPool(const WatBuilder& b, char type) { return b.scalars(type); }

std::vector<const SimdOp*> allSimdOps() {
  std::vector<const SimdOp*> ops;
  for (uint32_t sub = 0; sub < 0x100; ++sub) {
    if (const SimdOp* op = wasm_to_c::simdOp(sub)) ops.push_back(op);
  }
  return ops;
}

TEST(TranslatorVsV8, SimdHasEveryInstructionOfTheFinalProposal) {
  EXPECT_EQ(allSimdOps().size(), 236u);
}

void addLaneWise(WatBuilder& b, const SimdOp& op) {
  const std::string params = op.signature.params;
  const char result = op.signature.results[0];
  const std::string fn = b.applying(op.name, params, result);
  const ResultShape shape = resultShape(op.name, result);
  const std::vector<uint32_t>& vectors = b.vectors(operandShape(op.name));
  const size_t n = vectors.size();
  if (params == "v") {
    for (uint32_t v : vectors) b.add({fn, {v}, shape, std::string(op.name) + " vector@" + std::to_string(v)});
  } else if (params == "vv") {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        b.add({fn, {vectors[i], vectors[j]}, shape, std::string(op.name) + " vectors " + std::to_string(i) + "," + std::to_string(j)});
      }
    }
  } else if (params == "vvv") {
    for (size_t i = 0; i < n; ++i) b.add({fn, {vectors[i], vectors[(i + 1) % n], vectors[(i + 3) % n]}, shape, op.name});
  } else if (params == "vi") {  // shifts: counts below, at and past the lane width
    for (uint32_t count : scalarPool(b, 'i')) {
      for (size_t i = 0; i < n; i += 4) b.add({fn, {vectors[i], count}, shape, std::string(op.name) + " by " + b.valueAt(count, 4)});
    }
  } else {  // splat of a scalar
    for (uint32_t s : scalarPool(b, params[0])) b.add({fn, {s}, shape, std::string(op.name) + " of " + b.valueAt(s, 8)});
  }
}

void addLaneIndexed(WatBuilder& b, const SimdOp& op) {
  const std::string params = op.signature.params;
  const char result = op.signature.results[0];
  const std::vector<uint32_t>& vectors = b.vectors(operandShape(op.name));
  for (uint32_t lane = 0; lane < op.lanes; ++lane) {
    const std::string text = std::string(op.name) + " " + std::to_string(lane);
    const std::string fn = b.applying(text, params, result);
    const ResultShape shape = resultShape(op.name, result);
    for (size_t i = 0; i < vectors.size(); i += 3) {
      if (params.size() == 1) {
        b.add({fn, {vectors[i]}, shape, text});
        continue;
      }
      const std::vector<uint32_t>& scalars = scalarPool(b, params[1]);
      for (size_t s = lane % 3; s < scalars.size(); s += 4) b.add({fn, {vectors[i], scalars[s]}, shape, text});
    }
  }
}

// Addresses for loads of `size` bytes with static offset `offset`: inside the pattern, unaligned,
// the last valid one, the first past the end, and wrapping ones.
std::vector<uint32_t> loadAddresses(uint32_t size, uint32_t offset) {
  const uint32_t lastValid = 65536 - size - offset;
  return {kPatternAddress, kPatternAddress + 1, kPatternAddress + 7, kPatternAddress + 100, lastValid,
          lastValid + 1, 0xffffffffu - offset, 0xfffffff8u};
}

void addMemory(WatBuilder& b, const SimdOp& op) {
  const uint32_t size = 1u << op.maxAlign;
  const std::string name = op.name;
  const uint32_t accessSize = op.immediate == SimdImmediate::MemArgLane ? size
                            : name.find("splat") != std::string::npos || name.find("zero") != std::string::npos ? size
                            : name == "v128.load" || name == "v128.store" ? 16 : 8;
  const bool store = name.find("store") != std::string::npos;
  for (uint32_t offset : {0u, 5u}) {
    const std::string memarg = name + " offset=" + std::to_string(offset) + " align=1";
    const std::vector<uint32_t> lanes = op.immediate == SimdImmediate::MemArgLane
                                            ? std::vector<uint32_t>{0, op.lanes - 1u}
                                            : std::vector<uint32_t>{~0u};
    for (uint32_t lane : lanes) {
      const std::string laneText = lane == ~0u ? std::string() : std::string(" ").append(std::to_string(lane));
      std::string body;
      if (store) {
        body = "(" + memarg + laneText + " (local.get 0) (v128.load (local.get 1)))";
      } else if (op.immediate == SimdImmediate::MemArgLane) {
        body = WatBuilder::store('v', "(" + memarg + laneText + " (local.get 0) (v128.load (local.get 1)))");
      } else {
        body = WatBuilder::store('v', "(" + memarg + " (local.get 0))");
      }
      const size_t params = store || op.immediate == SimdImmediate::MemArgLane ? 2 : 1;
      const std::string fn = b.function(params, body);
      const uint32_t vector = b.vectors("i8x16")[lane == ~0u ? 1 : lane % 8];
      const std::vector<uint32_t> addresses = store ? std::vector<uint32_t>{0, 3, 16 - accessSize, 65536 - accessSize - offset,
                                                                         65536 - accessSize - offset + 1, 0xfffffff8u}
                                                    : loadAddresses(accessSize, offset);
      for (uint32_t address : addresses) {
        std::vector<uint32_t> args = {address};
        if (params == 2) args.push_back(vector);
        b.add({fn, args, ResultShape::Bytes, memarg + laneText + " at " + std::to_string(address)});
      }
    }
  }
}

void addShufflesAndConstants(WatBuilder& b) {
  const std::vector<std::string> masks = {
      "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", "16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31",
      "31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16", "0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23",
      "3 3 3 3 19 19 19 19 0 0 31 31 8 9 24 25", "15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0"};
  const std::vector<uint32_t>& vectors = b.vectors("i8x16");
  for (const std::string& mask : masks) {
    const std::string fn = b.applying("i8x16.shuffle " + mask, "vv", 'v');
    for (size_t i = 0; i + 1 < vectors.size(); i += 2) b.add({fn, {vectors[i], vectors[i + 1]}, ResultShape::Bytes, "shuffle " + mask});
  }
  const std::vector<std::string> constants = {"i8x16 0 1 -1 127 -128 255 2 3 4 5 6 7 8 9 10 11",
                                              "i16x8 -32768 32767 0 1 -1 2 3 4", "i32x4 0x80000000 -1 0 0x7fffffff",
                                              "i64x2 0x8000000000000000 -2", "f32x4 nan -0 inf -nan:0x1234",
                                              "f64x2 -0x1p-1074 nan:0x4000000000000"};
  for (const std::string& constant : constants) {
    const std::string fn = b.function(0, WatBuilder::store('v', "(v128.const " + constant + ")"));
    b.add({fn, {}, ResultShape::Bytes, "v128.const " + constant});
  }
  // swizzle indices: in range, 16..255 (must select 0), and with the top bit set.
  b.raw("(data (i32.const 7000) \"\\00\\0f\\10\\11\\1f\\20\\70\\7f\\80\\81\\f0\\ff\\05\\0a\\0e\\01\")\n");
  const std::string swizzle = b.function(1, WatBuilder::store('v', "(i8x16.swizzle " + WatBuilder::load('v', 0) + " (v128.load (i32.const 7000)))"));
  for (uint32_t v : vectors) b.add({swizzle, {v}, ResultShape::Bytes, "swizzle with out-of-range indices"});
}

TEST(TranslatorVsV8, SimdInstructions) {
  WatBuilder b(true);
  for (const SimdOp* op : allSimdOps()) {
    switch (op->immediate) {
      case SimdImmediate::None: addLaneWise(b, *op); break;
      case SimdImmediate::Lane: addLaneIndexed(b, *op); break;
      case SimdImmediate::MemArg: case SimdImmediate::MemArgLane: addMemory(b, *op); break;
      case SimdImmediate::Bytes16: case SimdImmediate::Shuffle: break;  // below
    }
  }
  addShufflesAndConstants(b);
  const auto mismatches = runDifferential("simd", b.wat(), b.cases(), 60);
  EXPECT_TRUE(mismatches.empty()) << join(mismatches);
}

}  // namespace
}  // namespace wstudio::host::testing

#include "wasm_to_c/opcodes.hpp"

#include <array>

namespace wstudio::host::wasm_to_c {

namespace {

// 0x45..0xc4, in opcode order.
constexpr NumericOp kNumeric[] = {
    {"i32.eqz", {"i", "i"}}, {"i32.eq", {"ii", "i"}}, {"i32.ne", {"ii", "i"}},
    {"i32.lt_s", {"ii", "i"}}, {"i32.lt_u", {"ii", "i"}}, {"i32.gt_s", {"ii", "i"}},
    {"i32.gt_u", {"ii", "i"}}, {"i32.le_s", {"ii", "i"}}, {"i32.le_u", {"ii", "i"}},
    {"i32.ge_s", {"ii", "i"}}, {"i32.ge_u", {"ii", "i"}},
    {"i64.eqz", {"I", "i"}}, {"i64.eq", {"II", "i"}}, {"i64.ne", {"II", "i"}},
    {"i64.lt_s", {"II", "i"}}, {"i64.lt_u", {"II", "i"}}, {"i64.gt_s", {"II", "i"}},
    {"i64.gt_u", {"II", "i"}}, {"i64.le_s", {"II", "i"}}, {"i64.le_u", {"II", "i"}},
    {"i64.ge_s", {"II", "i"}}, {"i64.ge_u", {"II", "i"}},
    {"f32.eq", {"ff", "i"}}, {"f32.ne", {"ff", "i"}}, {"f32.lt", {"ff", "i"}},
    {"f32.gt", {"ff", "i"}}, {"f32.le", {"ff", "i"}}, {"f32.ge", {"ff", "i"}},
    {"f64.eq", {"FF", "i"}}, {"f64.ne", {"FF", "i"}}, {"f64.lt", {"FF", "i"}},
    {"f64.gt", {"FF", "i"}}, {"f64.le", {"FF", "i"}}, {"f64.ge", {"FF", "i"}},
    {"i32.clz", {"i", "i"}}, {"i32.ctz", {"i", "i"}}, {"i32.popcnt", {"i", "i"}},
    {"i32.add", {"ii", "i"}}, {"i32.sub", {"ii", "i"}}, {"i32.mul", {"ii", "i"}},
    {"i32.div_s", {"ii", "i"}}, {"i32.div_u", {"ii", "i"}}, {"i32.rem_s", {"ii", "i"}},
    {"i32.rem_u", {"ii", "i"}}, {"i32.and", {"ii", "i"}}, {"i32.or", {"ii", "i"}},
    {"i32.xor", {"ii", "i"}}, {"i32.shl", {"ii", "i"}}, {"i32.shr_s", {"ii", "i"}},
    {"i32.shr_u", {"ii", "i"}}, {"i32.rotl", {"ii", "i"}}, {"i32.rotr", {"ii", "i"}},
    {"i64.clz", {"I", "I"}}, {"i64.ctz", {"I", "I"}}, {"i64.popcnt", {"I", "I"}},
    {"i64.add", {"II", "I"}}, {"i64.sub", {"II", "I"}}, {"i64.mul", {"II", "I"}},
    {"i64.div_s", {"II", "I"}}, {"i64.div_u", {"II", "I"}}, {"i64.rem_s", {"II", "I"}},
    {"i64.rem_u", {"II", "I"}}, {"i64.and", {"II", "I"}}, {"i64.or", {"II", "I"}},
    {"i64.xor", {"II", "I"}}, {"i64.shl", {"II", "I"}}, {"i64.shr_s", {"II", "I"}},
    {"i64.shr_u", {"II", "I"}}, {"i64.rotl", {"II", "I"}}, {"i64.rotr", {"II", "I"}},
    {"f32.abs", {"f", "f"}}, {"f32.neg", {"f", "f"}}, {"f32.ceil", {"f", "f"}},
    {"f32.floor", {"f", "f"}}, {"f32.trunc", {"f", "f"}}, {"f32.nearest", {"f", "f"}},
    {"f32.sqrt", {"f", "f"}}, {"f32.add", {"ff", "f"}}, {"f32.sub", {"ff", "f"}},
    {"f32.mul", {"ff", "f"}}, {"f32.div", {"ff", "f"}}, {"f32.min", {"ff", "f"}},
    {"f32.max", {"ff", "f"}}, {"f32.copysign", {"ff", "f"}},
    {"f64.abs", {"F", "F"}}, {"f64.neg", {"F", "F"}}, {"f64.ceil", {"F", "F"}},
    {"f64.floor", {"F", "F"}}, {"f64.trunc", {"F", "F"}}, {"f64.nearest", {"F", "F"}},
    {"f64.sqrt", {"F", "F"}}, {"f64.add", {"FF", "F"}}, {"f64.sub", {"FF", "F"}},
    {"f64.mul", {"FF", "F"}}, {"f64.div", {"FF", "F"}}, {"f64.min", {"FF", "F"}},
    {"f64.max", {"FF", "F"}}, {"f64.copysign", {"FF", "F"}},
    {"i32.wrap_i64", {"I", "i"}}, {"i32.trunc_f32_s", {"f", "i"}}, {"i32.trunc_f32_u", {"f", "i"}},
    {"i32.trunc_f64_s", {"F", "i"}}, {"i32.trunc_f64_u", {"F", "i"}},
    {"i64.extend_i32_s", {"i", "I"}}, {"i64.extend_i32_u", {"i", "I"}},
    {"i64.trunc_f32_s", {"f", "I"}}, {"i64.trunc_f32_u", {"f", "I"}},
    {"i64.trunc_f64_s", {"F", "I"}}, {"i64.trunc_f64_u", {"F", "I"}},
    {"f32.convert_i32_s", {"i", "f"}}, {"f32.convert_i32_u", {"i", "f"}},
    {"f32.convert_i64_s", {"I", "f"}}, {"f32.convert_i64_u", {"I", "f"}},
    {"f32.demote_f64", {"F", "f"}},
    {"f64.convert_i32_s", {"i", "F"}}, {"f64.convert_i32_u", {"i", "F"}},
    {"f64.convert_i64_s", {"I", "F"}}, {"f64.convert_i64_u", {"I", "F"}},
    {"f64.promote_f32", {"f", "F"}},
    {"i32.reinterpret_f32", {"f", "i"}}, {"i64.reinterpret_f64", {"F", "I"}},
    {"f32.reinterpret_i32", {"i", "f"}}, {"f64.reinterpret_i64", {"I", "F"}},
    {"i32.extend8_s", {"i", "i"}}, {"i32.extend16_s", {"i", "i"}},
    {"i64.extend8_s", {"I", "I"}}, {"i64.extend16_s", {"I", "I"}}, {"i64.extend32_s", {"I", "I"}},
};
static_assert(std::size(kNumeric) == 0xc4 - 0x45 + 1);

constexpr NumericOp kSaturating[] = {
    {"i32.trunc_sat_f32_s", {"f", "i"}}, {"i32.trunc_sat_f32_u", {"f", "i"}},
    {"i32.trunc_sat_f64_s", {"F", "i"}}, {"i32.trunc_sat_f64_u", {"F", "i"}},
    {"i64.trunc_sat_f32_s", {"f", "I"}}, {"i64.trunc_sat_f32_u", {"f", "I"}},
    {"i64.trunc_sat_f64_s", {"F", "I"}}, {"i64.trunc_sat_f64_u", {"F", "I"}},
};

// 0x28..0x3e.
constexpr MemoryOp kMemory[] = {
    {"i32.load", 'i', 2, false}, {"i64.load", 'I', 3, false}, {"f32.load", 'f', 2, false},
    {"f64.load", 'F', 3, false}, {"i32.load8_s", 'i', 0, false}, {"i32.load8_u", 'i', 0, false},
    {"i32.load16_s", 'i', 1, false}, {"i32.load16_u", 'i', 1, false},
    {"i64.load8_s", 'I', 0, false}, {"i64.load8_u", 'I', 0, false},
    {"i64.load16_s", 'I', 1, false}, {"i64.load16_u", 'I', 1, false},
    {"i64.load32_s", 'I', 2, false}, {"i64.load32_u", 'I', 2, false},
    {"i32.store", 'i', 2, true}, {"i64.store", 'I', 3, true}, {"f32.store", 'f', 2, true},
    {"f64.store", 'F', 3, true}, {"i32.store8", 'i', 0, true}, {"i32.store16", 'i', 1, true},
    {"i64.store8", 'I', 0, true}, {"i64.store16", 'I', 1, true}, {"i64.store32", 'I', 2, true},
};
static_assert(std::size(kMemory) == 0x3e - 0x28 + 1);

using I = SimdImmediate;

// The final SIMD proposal's instructions by subopcode (gaps are unassigned).
std::array<SimdOp, 256> makeSimdTable() {
  std::array<SimdOp, 256> t{};
  auto set = [&t](uint32_t op, const char* name, const char* params, const char* results,
                  I immediate = I::None, uint8_t align = 0, uint8_t lanes = 0) {
    t[op] = SimdOp{name, {params, results}, immediate, align, lanes};
  };
  set(0x00, "v128.load", "", "v", I::MemArg, 4);
  set(0x01, "v128.load8x8_s", "", "v", I::MemArg, 3);
  set(0x02, "v128.load8x8_u", "", "v", I::MemArg, 3);
  set(0x03, "v128.load16x4_s", "", "v", I::MemArg, 3);
  set(0x04, "v128.load16x4_u", "", "v", I::MemArg, 3);
  set(0x05, "v128.load32x2_s", "", "v", I::MemArg, 3);
  set(0x06, "v128.load32x2_u", "", "v", I::MemArg, 3);
  set(0x07, "v128.load8_splat", "", "v", I::MemArg, 0);
  set(0x08, "v128.load16_splat", "", "v", I::MemArg, 1);
  set(0x09, "v128.load32_splat", "", "v", I::MemArg, 2);
  set(0x0a, "v128.load64_splat", "", "v", I::MemArg, 3);
  set(0x0b, "v128.store", "v", "", I::MemArg, 4);
  set(0x0c, "v128.const", "", "v", I::Bytes16);
  set(0x0d, "i8x16.shuffle", "vv", "v", I::Shuffle);
  set(0x0e, "i8x16.swizzle", "vv", "v");
  set(0x0f, "i8x16.splat", "i", "v");
  set(0x10, "i16x8.splat", "i", "v");
  set(0x11, "i32x4.splat", "i", "v");
  set(0x12, "i64x2.splat", "I", "v");
  set(0x13, "f32x4.splat", "f", "v");
  set(0x14, "f64x2.splat", "F", "v");
  set(0x15, "i8x16.extract_lane_s", "v", "i", I::Lane, 0, 16);
  set(0x16, "i8x16.extract_lane_u", "v", "i", I::Lane, 0, 16);
  set(0x17, "i8x16.replace_lane", "vi", "v", I::Lane, 0, 16);
  set(0x18, "i16x8.extract_lane_s", "v", "i", I::Lane, 0, 8);
  set(0x19, "i16x8.extract_lane_u", "v", "i", I::Lane, 0, 8);
  set(0x1a, "i16x8.replace_lane", "vi", "v", I::Lane, 0, 8);
  set(0x1b, "i32x4.extract_lane", "v", "i", I::Lane, 0, 4);
  set(0x1c, "i32x4.replace_lane", "vi", "v", I::Lane, 0, 4);
  set(0x1d, "i64x2.extract_lane", "v", "I", I::Lane, 0, 2);
  set(0x1e, "i64x2.replace_lane", "vI", "v", I::Lane, 0, 2);
  set(0x1f, "f32x4.extract_lane", "v", "f", I::Lane, 0, 4);
  set(0x20, "f32x4.replace_lane", "vf", "v", I::Lane, 0, 4);
  set(0x21, "f64x2.extract_lane", "v", "F", I::Lane, 0, 2);
  set(0x22, "f64x2.replace_lane", "vF", "v", I::Lane, 0, 2);
  const char* const compares[] = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
  static std::string names[3][10];
  const char* const intShapes[] = {"i8x16", "i16x8", "i32x4"};
  for (int s = 0; s < 3; ++s) {
    for (int c = 0; c < 10; ++c) {
      names[s][c] = std::string(intShapes[s]) + "." + compares[c];
      set(0x23 + s * 10 + c, names[s][c].c_str(), "vv", "v");
    }
  }
  const char* const floatCompares[] = {"f32x4.eq", "f32x4.ne", "f32x4.lt", "f32x4.gt", "f32x4.le", "f32x4.ge",
                                       "f64x2.eq", "f64x2.ne", "f64x2.lt", "f64x2.gt", "f64x2.le", "f64x2.ge"};
  for (int c = 0; c < 12; ++c) set(0x41 + c, floatCompares[c], "vv", "v");
  set(0x4d, "v128.not", "v", "v");
  set(0x4e, "v128.and", "vv", "v");
  set(0x4f, "v128.andnot", "vv", "v");
  set(0x50, "v128.or", "vv", "v");
  set(0x51, "v128.xor", "vv", "v");
  set(0x52, "v128.bitselect", "vvv", "v");
  set(0x53, "v128.any_true", "v", "i");
  set(0x54, "v128.load8_lane", "v", "v", I::MemArgLane, 0, 16);
  set(0x55, "v128.load16_lane", "v", "v", I::MemArgLane, 1, 8);
  set(0x56, "v128.load32_lane", "v", "v", I::MemArgLane, 2, 4);
  set(0x57, "v128.load64_lane", "v", "v", I::MemArgLane, 3, 2);
  set(0x58, "v128.store8_lane", "v", "", I::MemArgLane, 0, 16);
  set(0x59, "v128.store16_lane", "v", "", I::MemArgLane, 1, 8);
  set(0x5a, "v128.store32_lane", "v", "", I::MemArgLane, 2, 4);
  set(0x5b, "v128.store64_lane", "v", "", I::MemArgLane, 3, 2);
  set(0x5c, "v128.load32_zero", "", "v", I::MemArg, 2);
  set(0x5d, "v128.load64_zero", "", "v", I::MemArg, 3);
  set(0x5e, "f32x4.demote_f64x2_zero", "v", "v");
  set(0x5f, "f64x2.promote_low_f32x4", "v", "v");
  set(0x60, "i8x16.abs", "v", "v");
  set(0x61, "i8x16.neg", "v", "v");
  set(0x62, "i8x16.popcnt", "v", "v");
  set(0x63, "i8x16.all_true", "v", "i");
  set(0x64, "i8x16.bitmask", "v", "i");
  set(0x65, "i8x16.narrow_i16x8_s", "vv", "v");
  set(0x66, "i8x16.narrow_i16x8_u", "vv", "v");
  set(0x67, "f32x4.ceil", "v", "v");
  set(0x68, "f32x4.floor", "v", "v");
  set(0x69, "f32x4.trunc", "v", "v");
  set(0x6a, "f32x4.nearest", "v", "v");
  set(0x6b, "i8x16.shl", "vi", "v");
  set(0x6c, "i8x16.shr_s", "vi", "v");
  set(0x6d, "i8x16.shr_u", "vi", "v");
  set(0x6e, "i8x16.add", "vv", "v");
  set(0x6f, "i8x16.add_sat_s", "vv", "v");
  set(0x70, "i8x16.add_sat_u", "vv", "v");
  set(0x71, "i8x16.sub", "vv", "v");
  set(0x72, "i8x16.sub_sat_s", "vv", "v");
  set(0x73, "i8x16.sub_sat_u", "vv", "v");
  set(0x74, "f64x2.ceil", "v", "v");
  set(0x75, "f64x2.floor", "v", "v");
  set(0x76, "i8x16.min_s", "vv", "v");
  set(0x77, "i8x16.min_u", "vv", "v");
  set(0x78, "i8x16.max_s", "vv", "v");
  set(0x79, "i8x16.max_u", "vv", "v");
  set(0x7a, "f64x2.trunc", "v", "v");
  set(0x7b, "i8x16.avgr_u", "vv", "v");
  set(0x7c, "i16x8.extadd_pairwise_i8x16_s", "v", "v");
  set(0x7d, "i16x8.extadd_pairwise_i8x16_u", "v", "v");
  set(0x7e, "i32x4.extadd_pairwise_i16x8_s", "v", "v");
  set(0x7f, "i32x4.extadd_pairwise_i16x8_u", "v", "v");
  set(0x80, "i16x8.abs", "v", "v");
  set(0x81, "i16x8.neg", "v", "v");
  set(0x82, "i16x8.q15mulr_sat_s", "vv", "v");
  set(0x83, "i16x8.all_true", "v", "i");
  set(0x84, "i16x8.bitmask", "v", "i");
  set(0x85, "i16x8.narrow_i32x4_s", "vv", "v");
  set(0x86, "i16x8.narrow_i32x4_u", "vv", "v");
  set(0x87, "i16x8.extend_low_i8x16_s", "v", "v");
  set(0x88, "i16x8.extend_high_i8x16_s", "v", "v");
  set(0x89, "i16x8.extend_low_i8x16_u", "v", "v");
  set(0x8a, "i16x8.extend_high_i8x16_u", "v", "v");
  set(0x8b, "i16x8.shl", "vi", "v");
  set(0x8c, "i16x8.shr_s", "vi", "v");
  set(0x8d, "i16x8.shr_u", "vi", "v");
  set(0x8e, "i16x8.add", "vv", "v");
  set(0x8f, "i16x8.add_sat_s", "vv", "v");
  set(0x90, "i16x8.add_sat_u", "vv", "v");
  set(0x91, "i16x8.sub", "vv", "v");
  set(0x92, "i16x8.sub_sat_s", "vv", "v");
  set(0x93, "i16x8.sub_sat_u", "vv", "v");
  set(0x94, "f64x2.nearest", "v", "v");
  set(0x95, "i16x8.mul", "vv", "v");
  set(0x96, "i16x8.min_s", "vv", "v");
  set(0x97, "i16x8.min_u", "vv", "v");
  set(0x98, "i16x8.max_s", "vv", "v");
  set(0x99, "i16x8.max_u", "vv", "v");
  set(0x9b, "i16x8.avgr_u", "vv", "v");
  set(0x9c, "i16x8.extmul_low_i8x16_s", "vv", "v");
  set(0x9d, "i16x8.extmul_high_i8x16_s", "vv", "v");
  set(0x9e, "i16x8.extmul_low_i8x16_u", "vv", "v");
  set(0x9f, "i16x8.extmul_high_i8x16_u", "vv", "v");
  set(0xa0, "i32x4.abs", "v", "v");
  set(0xa1, "i32x4.neg", "v", "v");
  set(0xa3, "i32x4.all_true", "v", "i");
  set(0xa4, "i32x4.bitmask", "v", "i");
  set(0xa7, "i32x4.extend_low_i16x8_s", "v", "v");
  set(0xa8, "i32x4.extend_high_i16x8_s", "v", "v");
  set(0xa9, "i32x4.extend_low_i16x8_u", "v", "v");
  set(0xaa, "i32x4.extend_high_i16x8_u", "v", "v");
  set(0xab, "i32x4.shl", "vi", "v");
  set(0xac, "i32x4.shr_s", "vi", "v");
  set(0xad, "i32x4.shr_u", "vi", "v");
  set(0xae, "i32x4.add", "vv", "v");
  set(0xb1, "i32x4.sub", "vv", "v");
  set(0xb5, "i32x4.mul", "vv", "v");
  set(0xb6, "i32x4.min_s", "vv", "v");
  set(0xb7, "i32x4.min_u", "vv", "v");
  set(0xb8, "i32x4.max_s", "vv", "v");
  set(0xb9, "i32x4.max_u", "vv", "v");
  set(0xba, "i32x4.dot_i16x8_s", "vv", "v");
  set(0xbc, "i32x4.extmul_low_i16x8_s", "vv", "v");
  set(0xbd, "i32x4.extmul_high_i16x8_s", "vv", "v");
  set(0xbe, "i32x4.extmul_low_i16x8_u", "vv", "v");
  set(0xbf, "i32x4.extmul_high_i16x8_u", "vv", "v");
  set(0xc0, "i64x2.abs", "v", "v");
  set(0xc1, "i64x2.neg", "v", "v");
  set(0xc3, "i64x2.all_true", "v", "i");
  set(0xc4, "i64x2.bitmask", "v", "i");
  set(0xc7, "i64x2.extend_low_i32x4_s", "v", "v");
  set(0xc8, "i64x2.extend_high_i32x4_s", "v", "v");
  set(0xc9, "i64x2.extend_low_i32x4_u", "v", "v");
  set(0xca, "i64x2.extend_high_i32x4_u", "v", "v");
  set(0xcb, "i64x2.shl", "vi", "v");
  set(0xcc, "i64x2.shr_s", "vi", "v");
  set(0xcd, "i64x2.shr_u", "vi", "v");
  set(0xce, "i64x2.add", "vv", "v");
  set(0xd1, "i64x2.sub", "vv", "v");
  set(0xd5, "i64x2.mul", "vv", "v");
  set(0xd6, "i64x2.eq", "vv", "v");
  set(0xd7, "i64x2.ne", "vv", "v");
  set(0xd8, "i64x2.lt_s", "vv", "v");
  set(0xd9, "i64x2.gt_s", "vv", "v");
  set(0xda, "i64x2.le_s", "vv", "v");
  set(0xdb, "i64x2.ge_s", "vv", "v");
  set(0xdc, "i64x2.extmul_low_i32x4_s", "vv", "v");
  set(0xdd, "i64x2.extmul_high_i32x4_s", "vv", "v");
  set(0xde, "i64x2.extmul_low_i32x4_u", "vv", "v");
  set(0xdf, "i64x2.extmul_high_i32x4_u", "vv", "v");
  const char* const floatOps[] = {"abs", "neg", nullptr, "sqrt", "add", "sub", "mul", "div", "min", "max", "pmin", "pmax"};
  static std::string floatNames[2][12];
  for (int s = 0; s < 2; ++s) {
    for (int o = 0; o < 12; ++o) {
      if (floatOps[o] == nullptr) continue;
      floatNames[s][o] = std::string(s == 0 ? "f32x4." : "f64x2.") + floatOps[o];
      const bool unary = o < 4;
      set(0xe0 + s * 12 + o, floatNames[s][o].c_str(), unary ? "v" : "vv", "v");
    }
  }
  set(0xf8, "i32x4.trunc_sat_f32x4_s", "v", "v");
  set(0xf9, "i32x4.trunc_sat_f32x4_u", "v", "v");
  set(0xfa, "f32x4.convert_i32x4_s", "v", "v");
  set(0xfb, "f32x4.convert_i32x4_u", "v", "v");
  set(0xfc, "i32x4.trunc_sat_f64x2_s_zero", "v", "v");
  set(0xfd, "i32x4.trunc_sat_f64x2_u_zero", "v", "v");
  set(0xfe, "f64x2.convert_low_i32x4_s", "v", "v");
  set(0xff, "f64x2.convert_low_i32x4_u", "v", "v");
  return t;
}

}  // namespace

const NumericOp* numericOp(uint8_t opcode) {
  if (opcode < 0x45 || opcode > 0xc4) return nullptr;
  return &kNumeric[opcode - 0x45];
}

const NumericOp* saturatingTruncation(uint32_t subopcode) {
  return subopcode < std::size(kSaturating) ? &kSaturating[subopcode] : nullptr;
}

const MemoryOp* memoryOp(uint8_t opcode) {
  if (opcode < 0x28 || opcode > 0x3e) return nullptr;
  return &kMemory[opcode - 0x28];
}

const SimdOp* simdOp(uint32_t subopcode) {
  static const std::array<SimdOp, 256> table = makeSimdTable();
  if (subopcode >= table.size() || table[subopcode].name == nullptr) return nullptr;
  return &table[subopcode];
}

std::string runtimeName(const char* instruction) {
  std::string name = "wsx_";
  for (const char* c = instruction; *c != '\0'; ++c) name += *c == '.' ? '_' : *c;
  return name;
}

}  // namespace wstudio::host::wasm_to_c

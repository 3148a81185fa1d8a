// The translator against V8 (Node 20) on every scalar instruction: numeric ops over all pairs of
// edge values (NaN, -0, infinities, INT_MIN, overflow bounds), loads and stores at every
// alignment and past the end of memory, bulk memory, and control flow (br_table, loops,
// multi-value blocks and calls, if with parameters, call_indirect traps, recursion, globals).
// Results must match bit for bit, NaN payloads aside, and traps must match.
#include <gtest/gtest.h>

#include "differential/wat_builder.hpp"
#include "wasm_to_c/opcodes.hpp"

namespace wstudio::host::testing {
namespace {

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

size_t width(char type) { return type == 'i' || type == 'f' ? 4 : 8; }

void addNumeric(WatBuilder& b, const wasm_to_c::NumericOp& op) {
  const std::string params = op.signature.params;
  const char result = op.signature.results[0];
  const std::string fn = b.applying(op.name, params, result);
  const ResultShape shape = resultShape(op.name, result);
  for (uint32_t a : b.scalars(params[0])) {
    if (params.size() == 1) {
      b.add({fn, {a}, shape, std::string(op.name) + " " + b.valueAt(a, width(params[0]))});
      continue;
    }
    for (uint32_t c : b.scalars(params[1])) {
      b.add({fn, {a, c}, shape,
             std::string(op.name) + " " + b.valueAt(a, width(params[0])) + " " + b.valueAt(c, width(params[1]))});
    }
  }
}

TEST(TranslatorVsV8, NumericInstructions) {
  WatBuilder b(false);
  for (unsigned op = 0x45; op <= 0xc4; ++op) addNumeric(b, *wasm_to_c::numericOp(static_cast<uint8_t>(op)));
  for (uint32_t sub = 0; sub < 8; ++sub) addNumeric(b, *wasm_to_c::saturatingTruncation(sub));
  const auto mismatches = runDifferential("numeric", b.wat(), b.cases());
  EXPECT_TRUE(mismatches.empty()) << join(mismatches);
}

TEST(TranslatorVsV8, LoadsAndStoresIncludingOutOfBounds) {
  WatBuilder b(false);
  for (unsigned opcode = 0x28; opcode <= 0x3e; ++opcode) {
    const wasm_to_c::MemoryOp& op = *wasm_to_c::memoryOp(static_cast<uint8_t>(opcode));
    const uint32_t size = 1u << op.maxAlign;
    for (uint32_t offset : {0u, 3u}) {
      const std::string memarg = std::string(op.name) + " offset=" + std::to_string(offset) + " align=1";
      const uint32_t lastValid = 65536 - size - offset;
      if (!op.store) {
        const std::string fn = b.function(1, WatBuilder::store(op.type, "(" + memarg + " (local.get 0))"));
        for (uint32_t address : {kPatternAddress, kPatternAddress + 1, kPatternAddress + 5, lastValid, lastValid + 1,
                                 0xffffffffu - offset, 0xfffffff0u}) {
          b.add({fn, {address}, resultShape(op.name, op.type), memarg + " at " + std::to_string(address)});
        }
        continue;
      }
      const std::string fn = b.function(2, "(" + memarg + " (local.get 0) " + WatBuilder::load(op.type, 1) + ")");
      const std::vector<uint32_t>& values = b.scalars(op.type);
      for (uint32_t address : {0u, 1u, 7u, lastValid + 1, 0xfffffff0u}) {
        for (size_t v = 0; v < values.size(); v += 5) {
          b.add({fn, {address, values[v]}, ResultShape::Bytes, memarg + " at " + std::to_string(address)});
        }
      }
    }
  }
  const auto mismatches = runDifferential("memory", b.wat(), b.cases());
  EXPECT_TRUE(mismatches.empty()) << join(mismatches);
}

TEST(TranslatorVsV8, BulkMemory) {
  WatBuilder b(false);
  b.raw("(data $passive \"0123456789abcdefghijklmnopqrstuvwxyz\")\n");
  const std::string fill = b.function(3, "(memory.fill (i32.load (local.get 0)) (i32.load (local.get 1)) (i32.load (local.get 2)))");
  const std::string copy = b.function(3, "(memory.copy (i32.load (local.get 0)) (i32.load (local.get 1)) (i32.load (local.get 2)))");
  const std::string init = b.function(3, "(memory.init $passive (i32.load (local.get 0)) (i32.load (local.get 1)) (i32.load (local.get 2)))");
  const std::string drop = b.function(0, "(data.drop $passive)");
  const std::string size = b.function(0, "(i32.store (i32.const 0) (memory.size))");
  const std::string grow = b.function(1, "(i32.store (i32.const 0) (memory.grow (i32.load (local.get 0))))");
  // Arguments are i32 values placed in a small table of their own.
  std::string table;
  std::vector<uint32_t> values = {0, 3, 5, 16, 32, 36, 37, 8192, 65500, 65536, 65537, 0xffffffffu, 0xab, 0x1ff, 70000, 1};
  b.raw("(data (i32.const 7000) \"");
  for (uint32_t v : values) {
    char text[20];
    std::snprintf(text, sizeof text, "\\%02x\\%02x\\%02x\\%02x", v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24);
    table += text;
  }
  b.raw(table + "\")\n");
  auto at = [&](uint32_t v) {
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] == v) return 7000 + 4 * static_cast<uint32_t>(i);
    }
    return 7000u;
  };
  auto add = [&](const std::string& fn, std::vector<uint32_t> args, const std::string& what) {
    std::vector<uint32_t> addresses;
    std::string text = what;
    for (uint32_t a : args) {
      addresses.push_back(at(a));
      text.append(" ").append(std::to_string(a));
    }
    b.add({fn, addresses, ResultShape::Bytes, text});
  };
  add(fill, {0, 0xab, 32}, "fill");
  add(fill, {5, 0x1ff, 3}, "fill");
  add(fill, {65500, 1, 36}, "fill");
  add(fill, {65500, 1, 37}, "fill");
  add(fill, {65536, 1, 0}, "fill");
  add(fill, {65537, 1, 0}, "fill");
  add(copy, {0, 8192, 32}, "copy");
  add(copy, {3, 0, 16}, "copy");  // overlapping
  add(copy, {0, 65500, 36}, "copy");
  add(copy, {0, 65500, 37}, "copy");
  add(copy, {65536, 0, 0}, "copy");
  add(copy, {0, 0xffffffffu, 1}, "copy");
  add(init, {0, 0, 32}, "init");
  add(init, {3, 5, 16}, "init");
  add(init, {0, 5, 32}, "init");  // past the segment's end
  add(init, {0, 36, 0}, "init");
  add(init, {0, 37, 0}, "init");
  add(init, {65536, 0, 0}, "init");
  add(drop, {}, "data.drop");
  add(init, {0, 0, 1}, "init after drop");
  add(init, {0, 0, 0}, "init after drop");
  add(size, {}, "memory.size");
  add(grow, {1}, "memory.grow");
  add(grow, {70000}, "memory.grow");
  add(size, {}, "memory.size");
  const auto mismatches = runDifferential("bulk_memory", b.wat(), b.cases());
  EXPECT_TRUE(mismatches.empty()) << join(mismatches);
}

TEST(TranslatorVsV8, ControlFlow) {
  WatBuilder b(false);
  b.raw(R"((type $unary (func (param i32) (result i32)))
(type $binary (func (param i32 i32) (result i32)))
(global $counter (mut i32) (i32.const 40))
(global $step i32 (i32.const 3))
(table 4 funcref)
(elem (i32.const 0) $double $pair_sum $double)
(func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
(func $pair_sum (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
(func $pair (param i32) (result i32 i64) (local.get 0) (i64.extend_i32_s (local.get 0)))
(func $factorial (param i64) (result i64)
  (if (result i64) (i64.le_s (local.get 0) (i64.const 1))
    (then (i64.const 1))
    (else (i64.mul (local.get 0) (call $factorial (i64.sub (local.get 0) (i64.const 1)))))))
)");
  const std::vector<std::pair<std::string, std::string>> functions = {
      {"br_table", R"((i32.store (i32.const 0)
    (block $d (result i32) (block $c (result i32) (block $b (result i32) (block $a (result i32)
      (br_table $a $b $c $d (i32.const 100) (i32.load (local.get 0))))
      (i32.add (i32.const 1))) (i32.add (i32.const 2))) (i32.add (i32.const 3)))))"},
      {"loop_sum", R"((local.set $i (i32.and (i32.load (local.get 0)) (i32.const 1023)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $sum (i64.add (local.get $sum) (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 0x100000001))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
    (i64.store (i32.const 0) (local.get $sum)))"},
      {"multi_value", R"(i32.const 0
    local.get 0
    i32.load
    call $pair
    i32.wrap_i64
    block (param i32 i32) (result i32 i32)
      i32.const 7
      i32.add
    end
    i32.sub
    i32.store)"},
      {"if_params", R"(i32.const 0
    i32.const 5
    local.get 0
    i32.load
    i32.const 1
    i32.and
    if (param i32) (result i32)
      i32.const 10
      i32.add
    else
      i32.const 3
      i32.mul
    end
    i32.store)"},
      {"call_indirect", R"((i32.store (i32.const 0)
    (call_indirect (type $unary) (i32.const 21) (i32.and (i32.load (local.get 0)) (i32.const 7)))))"},
      {"call_indirect_binary", R"((i32.store (i32.const 0)
    (call_indirect (type $binary) (i32.const 21) (i32.const 2) (i32.and (i32.load (local.get 0)) (i32.const 3)))))"},
      {"select", R"((i32.store (i32.const 0) (select (i32.const 11) (i32.const 22) (i32.load (local.get 0))))
    (f64.store (i32.const 8) (select (result f64) (f64.const -0) (f64.const nan) (i32.load (local.get 0)))))"},
      {"early_return", R"((block $out
      (loop $l
        (if (i32.gt_u (i32.load (local.get 0)) (i32.const 100)) (then (i32.store (i32.const 0) (i32.const 1)) (return)))
        (br_if $out (i32.eqz (i32.load (local.get 0))))
        (i32.store (i32.const 4) (i32.const 2))
        (br $out))
      (unreachable))
    (i32.store (i32.const 8) (i32.const 3)))"},
      {"recursion", R"((i64.store (i32.const 0) (call $factorial (i64.extend_i32_u (i32.and (i32.load (local.get 0)) (i32.const 31))))))"},
      {"globals", R"((global.set $counter (i32.add (global.get $counter) (i32.add (global.get $step) (i32.load (local.get 0)))))
    (i32.store (i32.const 0) (global.get $counter)))"},
      {"unreachable", R"((if (i32.eqz (i32.load (local.get 0))) (then (unreachable))) (i32.store (i32.const 0) (i32.const 9)))"},
      {"nested_br_if_value", R"((i32.store (i32.const 0)
    (block $outer (result i32)
      (drop (br_if $outer (i32.const 77) (i32.load (local.get 0))))
      (block $inner (result i32) (br $inner (i32.const 5)))
      (i32.add (i32.const 1)))))"},
  };
  for (const auto& [name, body] : functions) {
    const std::string fn = b.function(1, body, name == "loop_sum" ? "(local $i i32) (local $sum i64)" : "");
    for (uint32_t a : b.scalars('i')) b.add({fn, {a}, ResultShape::Bytes, name + " " + b.valueAt(a, 4)});
  }
  const auto mismatches = runDifferential("control", b.wat(), b.cases());
  EXPECT_TRUE(mismatches.empty()) << join(mismatches);
}

}  // namespace
}  // namespace wstudio::host::testing

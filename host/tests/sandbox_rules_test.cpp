// Attacks on the rules of the generated code (docs/sandbox.md, "Rules of the generated code"):
// each test names the rule (SBX-n) it attacks, with a module built to break it. Every attack
// must end in a trap or a refusal with a clear message; none may crash or hang this process.
// The compile-cost shapes are refused before any C is written (translateModule alone), so they
// cost milliseconds; only modules that must run are compiled.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "fixture_files.hpp"
#include "sandbox/child_process.hpp"
#include "sandbox/sandbox.hpp"
#include "wasm/names.hpp"
#include "wasm/reader.hpp"
#include "wasm_to_c/c_names.hpp"
#include "wasm_to_c/limits.hpp"
#include "wasm_to_c/translator.hpp"
#include "wasm_bytes.hpp"

namespace wstudio::host::testing {
namespace {

using wasm::FuncType;
using wasm::ValType;

// ---- building modules ------------------------------------------------------------------------

Bytes assemble(const std::string& name, const std::string& wat) {
  const std::filesystem::path dir = fixturePath("sandbox_rules");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (name + ".wat")) << wat;
  const Status s = sandbox::runTool(
      {WSTUDIO_WAT2WASM, "--enable-all", (dir / (name + ".wat")).string(), "-o", (dir / (name + ".wasm")).string()},
      dir / (name + ".log"));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error());
  std::ifstream in(dir / (name + ".wasm"), std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Bytes header() { return moduleHeader(); }

// `count` functions of type () -> (), each with the body `end`.
Bytes manyFunctions(uint32_t count) {
  Bytes m = header();
  section(m, 1, {0x01, 0x60, 0x00, 0x00});
  Bytes functions;
  leb(functions, count);
  functions.insert(functions.end(), count, 0x00);
  section(m, 3, functions);
  Bytes code;
  leb(code, count);
  for (uint32_t i = 0; i < count; ++i) code.insert(code.end(), {0x02, 0x00, 0x0b});
  section(m, 10, code);
  return m;
}

// `count` mutable i32 globals, each initialised to its index.
Bytes manyGlobals(uint32_t count) {
  Bytes m = header();
  Bytes globals;
  leb(globals, count);
  for (uint32_t i = 0; i < count; ++i) {
    globals.insert(globals.end(), {0x7f, 0x01, 0x41});
    leb(globals, i & 0x3f);  // small positive values: one LEB byte
    globals.push_back(0x0b);
  }
  section(m, 6, globals);
  return m;
}

// One memory of 512 pages and one active data segment of `bytes` bytes.
Bytes hugeData(uint32_t bytes) {
  Bytes m = header();
  section(m, 5, {0x01, 0x00, 0x80, 0x04});
  Bytes data = {0x01, 0x00, 0x41, 0x00, 0x0b};
  leb(data, bytes);
  data.resize(data.size() + bytes, 0x5a);
  section(m, 11, data);
  return m;
}

// One function () -> () pushing `depth` v128 constants, then dropping them.
Bytes deepV128Stack(uint32_t depth) {
  Bytes m = header();
  section(m, 1, {0x01, 0x60, 0x00, 0x00});
  section(m, 3, {0x01, 0x00});
  Bytes body = {0x00};
  for (uint32_t i = 0; i < depth; ++i) {
    body.insert(body.end(), {0xfd, 0x0c});
    body.insert(body.end(), 16, static_cast<uint8_t>(i));
  }
  body.insert(body.end(), depth, 0x1a);
  body.push_back(0x0b);
  Bytes code = {0x01};
  leb(code, body.size());
  code.insert(code.end(), body.begin(), body.end());
  section(m, 10, code);
  return m;
}

std::string refusal(const Bytes& module) {
  auto translated = wasm_to_c::translateModule(module, {});
  return translated ? std::string("(translated)") : translated.error();
}

// ---- running modules -------------------------------------------------------------------------

struct Loaded {
  std::shared_ptr<sandbox::CompiledModule> module;
  std::unique_ptr<sandbox::Instance> instance;
};

Loaded load(const Bytes& wasm) {
  auto info = wasm::readModule(wasm);
  EXPECT_TRUE(info.ok()) << (info.ok() ? "" : info.error());
  if (!info) return {};
  sandbox::CompileOptions options;
  options.cacheDir = testCacheDir();
  auto module = sandbox::CompiledModule::load(wasm, info.value(), options);
  EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error());
  if (!module) return {};
  auto instance = module.value()->instantiate(nullptr);
  EXPECT_TRUE(instance.ok()) << (instance.ok() ? "" : instance.error());
  if (!instance) return {};
  return {module.value(), std::move(instance).value()};
}

// Calls export `name` of type () -> (results); the trap code, results in `out`.
int call(Loaded& loaded, const std::string& name, std::vector<ValType> results = {},
         std::vector<wsx_value>* out = nullptr) {
  FuncType type;
  type.results = std::move(results);
  auto function = loaded.module->function(name, type);
  EXPECT_TRUE(function.ok()) << (function.ok() ? "" : function.error());
  if (!function) return -1;
  std::vector<wsx_value> values(type.results.size());
  const int trap = loaded.instance->call(function.value(), {}, values, 100'000'000);
  if (out != nullptr) *out = values;
  return trap;
}

// ---- SBX-1: type identity --------------------------------------------------------------------

// Every signature of at most three values over every value type: ids equal exactly when the
// types are equal.
TEST(SandboxRules, Sbx1SignatureIdsAreExactStructuralEquality) {
  const ValType all[] = {ValType::I32, ValType::I64, ValType::F32, ValType::F64, ValType::V128, ValType::FuncRef};
  std::vector<std::vector<ValType>> lists = {{}};
  for (size_t length = 1; length <= 3; ++length) {
    const size_t before = lists.size();
    for (size_t i = 0; i < before; ++i) {
      if (lists[i].size() != length - 1) continue;
      for (ValType t : all) {
        auto longer = lists[i];
        longer.push_back(t);
        lists.push_back(longer);
      }
    }
  }
  std::vector<FuncType> types;
  for (const auto& params : lists) {
    for (const auto& results : lists) {
      if (params.size() + results.size() <= 3) types.push_back({params, results});
    }
  }
  const std::vector<uint32_t> ids = wasm_to_c::signatureIds(types);
  std::set<uint32_t> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), types.size());  // no two different types share an id
  // A repeated type gets the first one's id.
  types.push_back(types[123]);
  EXPECT_EQ(wasm_to_c::signatureIds(types).back(), 123u);
}

// The collision that was exploited: (P, f64) -> (R) against (P) -> (f64, R), where '|' (the old
// key's separator) is f64's encoding. Without hidden result pointers first, then the register
// shift: (f64) -> (v128) returns in a register, () -> (f64 v128) (32 bytes) through a hidden
// pointer, so the callee would take the caller's result buffer as its instance and read memory
// through whatever base the caller's stack holds there (module-chosen values of an earlier call
// left in those slots).
TEST(SandboxRules, Sbx1CollidingSignaturesTrapInCallIndirect) {
  Loaded loaded = load(assemble("colliding_signatures", R"((module
  (memory (export "memory") 1)
  (type $a (func (param i32 f64) (result i32)))
  (type $b (func (param i32) (result f64 i32)))
  (type $shifted (func (param f64) (result v128)))
  (type $hidden (func (result f64 v128)))
  (table 2 funcref)
  (elem (i32.const 0) $fa $fshifted)
  (func $fa (type $a) (local.get 0))
  ;; Reads 8 bytes at address 0 of "its" memory: through the forged base if the instance is forged.
  (func $fshifted (type $shifted) (i64x2.splat (i64.load (i32.const 0))))
  (func $prime (type $hidden) (f64.const 0) (v128.const i64x2 0x4141414141414141 0x4242424242424242))
  (func (export "a_as_a") (result i32) (call_indirect (type $a) (i32.const 5) (f64.const 1) (i32.const 0)))
  (func (export "a_as_b") (result i32) (local $r i32)
    i32.const 5
    i32.const 0
    call_indirect (type $b)
    local.set $r
    drop
    local.get $r)
  (func (export "shifted_as_hidden") (result i64)
    call $prime
    drop
    drop
    i32.const 1
    call_indirect (type $hidden)
    drop
    drop
    i64.const 0)
))"));
  ASSERT_TRUE(loaded.instance);
  std::vector<wsx_value> out;
  EXPECT_EQ(call(loaded, "a_as_a", {ValType::I32}, &out), WSX_OK);
  EXPECT_EQ(out[0].i32, 5u);
  EXPECT_EQ(call(loaded, "a_as_b", {ValType::I32}), WSX_TRAP_CALL_INDIRECT);
  EXPECT_EQ(call(loaded, "shifted_as_hidden", {ValType::I64}), WSX_TRAP_CALL_INDIRECT);
}

// ---- SBX-2: table entries --------------------------------------------------------------------

TEST(SandboxRules, Sbx2NullUninitialisedAndOutOfRangeEntriesTrap) {
  Loaded loaded = load(assemble("table_entries", R"((module
  (memory (export "memory") 1)
  (type $v (func))
  (table $t 4 funcref)
  (elem (i32.const 0) $f)
  (func $f (type $v))
  (func (export "ok") (call_indirect (type $v) (i32.const 0)))
  (func (export "uninitialised") (call_indirect (type $v) (i32.const 1)))
  (func (export "nulled") (table.set $t (i32.const 0) (ref.null func)) (call_indirect (type $v) (i32.const 0)))
  (func (export "past_the_end") (call_indirect (type $v) (i32.const 4)))
  (func (export "far_past") (call_indirect (type $v) (i32.const -1)))
  (func (export "get_past") (drop (table.get $t (i32.const 4))))
))"));
  ASSERT_TRUE(loaded.instance);
  EXPECT_EQ(call(loaded, "ok"), WSX_OK);
  EXPECT_EQ(call(loaded, "uninitialised"), WSX_TRAP_CALL_INDIRECT);
  EXPECT_EQ(call(loaded, "past_the_end"), WSX_TRAP_CALL_INDIRECT);
  EXPECT_EQ(call(loaded, "far_past"), WSX_TRAP_CALL_INDIRECT);
  EXPECT_EQ(call(loaded, "get_past"), WSX_TRAP_OOB);
  EXPECT_EQ(call(loaded, "nulled"), WSX_TRAP_CALL_INDIRECT);
}

// ---- SBX-4/5: every access inside the reservation; unused loads still trap --------------------

// The largest address and offset a wasm32 access can form, for every access width and kind:
// each faults inside the reservation and becomes an out-of-bounds trap (a fault outside it
// would kill this process).
TEST(SandboxRules, Sbx4LargestAddressPlusOffsetTrapsInsideTheReservation) {
  Loaded loaded = load(assemble("reservation_edges", R"((module
  (memory (export "memory") 1)
  (func (export "i64_load") (drop (i64.load offset=0xffffffff (i32.const -1))))
  (func (export "i64_store") (i64.store offset=0xffffffff (i32.const -1) (i64.const 1)))
  (func (export "f64_load") (drop (f64.load offset=0xffffffff (i32.const -1))))
  (func (export "v128_load") (drop (v128.load offset=0xffffffff (i32.const -1))))
  (func (export "v128_store") (v128.store offset=0xffffffff (i32.const -1) (v128.const i64x2 1 1)))
  (func (export "v128_load64_lane") (drop (v128.load64_lane offset=0xffffffff 1 (i32.const -1) (v128.const i64x2 0 0))))
  (func (export "v128_store64_lane") (v128.store64_lane offset=0xffffffff 1 (i32.const -1) (v128.const i64x2 0 0)))
  (func (export "v128_load64_splat") (drop (v128.load64_splat offset=0xffffffff (i32.const -1))))
  (func (export "straddles_end") (drop (i64.load (i32.const 65532))))
  (func (export "copy_past") (memory.copy (i32.const 0) (i32.const 65535) (i32.const 2)))
  (func (export "copy_wraps") (memory.copy (i32.const 0) (i32.const -1) (i32.const 2)))
  (func (export "fill_past") (memory.fill (i32.const 65535) (i32.const 0) (i32.const -1)))
  (func (export "init_past") (memory.init 0 (i32.const 65535) (i32.const 0) (i32.const 2)))
  (data "ab")
))"));
  ASSERT_TRUE(loaded.instance);
  for (const char* name : {"i64_load", "i64_store", "f64_load", "v128_load", "v128_store", "v128_load64_lane",
                           "v128_store64_lane", "v128_load64_splat", "straddles_end", "copy_past", "copy_wraps",
                           "fill_past", "init_past"}) {
    EXPECT_EQ(call(loaded, name), WSX_TRAP_OOB) << name;
  }
}

// A load whose value is never used must still trap (the C compiler deletes an unused load).
TEST(SandboxRules, Sbx5UnusedOutOfBoundsLoadsTrap) {
  Loaded loaded = load(assemble("dropped_loads", R"((module
  (memory (export "memory") 1)
  (func (export "dropped") (drop (i32.load (i32.const 65536))))
  (func (export "dropped_narrow") (drop (i64.load8_s (i32.const 70000))))
  (func (export "dead_local") (local i32) (local.set 0 (i32.load (i32.const 65536))))
  (func (export "dead_arithmetic") (drop (i32.add (i32.load (i32.const 65536)) (i32.const 1))))
  (func (export "dropped_float") (drop (f64.load (i32.const 65536))))
  (func (export "dropped_v128") (drop (v128.load (i32.const 65536))))
  (func (export "dropped_splat") (drop (v128.load32_splat (i32.const 65536))))
  (func (export "dropped_lane") (drop (v128.load8_lane 3 (i32.const 65536) (v128.const i64x2 0 0))))
  (func (export "in_bounds") (drop (i32.load (i32.const 65532))))
))"));
  ASSERT_TRUE(loaded.instance);
  for (const char* name : {"dropped", "dropped_narrow", "dead_local", "dead_arithmetic", "dropped_float", "dropped_v128",
                           "dropped_splat", "dropped_lane"}) {
    EXPECT_EQ(call(loaded, name), WSX_TRAP_OOB) << name;
  }
  EXPECT_EQ(call(loaded, "in_bounds"), WSX_OK);
}

// ---- SBX-9: generated names ------------------------------------------------------------------

// 65 f32 values make the slot at depth 64 (once "f64"), 130 v128 values the one at depth 128
// (once "v128"), 33 f32 the one at 32 ("f32"): valid modules that must translate, compile and run.
TEST(SandboxRules, Sbx9DeepOperandStacksOfEveryTypeCompileAndRun) {
  std::string wat = "(module (memory (export \"memory\") 1)\n";
  const struct {
    const char* name;
    const char* type;
    const char* push;
    const char* add;
    int depth;
  } shapes[] = {{"f32_65", "f32", "(f32.const 1)", "f32.add", 65}, {"f64_65", "f64", "(f64.const 1)", "f64.add", 65},
                {"i32_130", "i32", "(i32.const 1)", "i32.add", 130}, {"i64_130", "i64", "(i64.const 1)", "i64.add", 130},
                {"v128_130", "v128", "(v128.const i32x4 1 1 1 1)", "i32x4.add", 130}};
  for (const auto& s : shapes) {
    wat += std::string("(func (export \"") + s.name + "\") (result " + (std::string(s.type) == "v128" ? "i32" : s.type) + ")";
    for (int i = 0; i < s.depth; ++i) wat += s.push;
    for (int i = 1; i < s.depth; ++i) wat += std::string(" ") + s.add;
    if (std::string(s.type) == "v128") wat += " i32x4.extract_lane 0";
    wat += ")\n";
  }
  wat += ")";
  Loaded loaded = load(assemble("deep_stacks", wat));
  ASSERT_TRUE(loaded.instance);
  std::vector<wsx_value> out;
  ASSERT_EQ(call(loaded, "f32_65", {ValType::F32}, &out), WSX_OK);
  EXPECT_EQ(out[0].f32, 65.0f);
  ASSERT_EQ(call(loaded, "f64_65", {ValType::F64}, &out), WSX_OK);
  EXPECT_EQ(out[0].f64, 65.0);
  ASSERT_EQ(call(loaded, "i32_130", {ValType::I32}, &out), WSX_OK);
  EXPECT_EQ(out[0].i32, 130u);
  ASSERT_EQ(call(loaded, "i64_130", {ValType::I64}, &out), WSX_OK);
  EXPECT_EQ(out[0].i64, 130u);
  ASSERT_EQ(call(loaded, "v128_130", {ValType::I32}, &out), WSX_OK);
  EXPECT_EQ(out[0].i32, 130u);
}

// ---- SBX-12: fuel everywhere, the start function included -------------------------------------

TEST(SandboxRules, Sbx12EndlessStartFunctionsTrapAtInstantiation) {
  for (const auto& [name, body] : {std::pair{"start_loop", "(loop (br 0))"},
                                   std::pair{"start_recursion", "(call $start)"}}) {
    const Bytes wasm = assemble(name, std::string("(module (memory (export \"memory\") 1) (func $start ") + body +
                                          ") (start $start))");
    auto info = wasm::readModule(wasm);
    ASSERT_TRUE(info.ok());
    sandbox::CompileOptions options;
    options.cacheDir = testCacheDir();
    auto module = sandbox::CompiledModule::load(wasm, info.value(), options);
    ASSERT_TRUE(module.ok()) << module.error();
    auto instance = module.value()->instantiate(nullptr);
    ASSERT_FALSE(instance.ok()) << name;
    // A loop runs out of fuel; a recursion C did not turn into a loop may exhaust the stack first.
    const std::string& error = instance.error();
    EXPECT_TRUE(error.find("fuel") != std::string::npos || error.find("stack exhausted") != std::string::npos)
        << name << ": " << error;
  }
}

// ---- SBX-13: compile cost bounded before any C is written -------------------------------------

TEST(SandboxRules, Sbx13CostlyShapesAreRefusedBeforeTranslation) {
  using namespace wasm_to_c;
  EXPECT_NE(refusal(manyGlobals(200000)).find("200000 globals"), std::string::npos);
  EXPECT_NE(refusal(manyFunctions(999900)).find("999900 functions"), std::string::npos);
  EXPECT_NE(refusal(hugeData(kMaxDataBytes + 1)).find("bytes of data segments"), std::string::npos);
  // 49,000 v128 constants are a body over the per-function limit; under it, the depth limit refuses.
  EXPECT_NE(refusal(deepV128Stack(49000)).find("bytes; this host translates at most"), std::string::npos);
  const std::string deep = refusal(deepV128Stack(kMaxOperandDepth + 1));
  EXPECT_NE(deep.find("operand stack deeper than " + std::to_string(kMaxOperandDepth)), std::string::npos) << deep;
}

TEST(SandboxRules, Sbx13ShapesAtTheLimitsTranslate) {
  using namespace wasm_to_c;
  EXPECT_EQ(refusal(manyGlobals(kMaxGlobals)), "(translated)");
  EXPECT_EQ(refusal(manyFunctions(kMaxTranslatedFunctions)), "(translated)");
  EXPECT_EQ(refusal(hugeData(kMaxDataBytes)), "(translated)");
  EXPECT_EQ(refusal(deepV128Stack(kMaxOperandDepth)), "(translated)");
}

// Globals live in one array per type: many of them compile into a working instance whose
// exported and mutable globals hold their values.
TEST(SandboxRules, Sbx13ManyGlobalsCompileAndRun) {
  std::string wat = "(module (memory (export \"memory\") 1)\n";
  for (int i = 0; i < 3000; ++i) wat += "(global (mut i32) (i32.const " + std::to_string(i) + "))";
  wat += "(global $f (mut f64) (f64.const 2.5)) (global $v (mut v128) (v128.const i32x4 7 8 9 10))";
  wat += "(global $last (export \"last\") i32 (i32.const 77))";
  wat += "(func (export \"sum\") (result i32) (global.set 2999 (i32.add (global.get 2999) (global.get 1)))"
         " (global.get 2999))";
  wat += "(func (export \"f\") (result f64) (global.get $f))";
  wat += "(func (export \"v\") (result i32) (i32x4.extract_lane 3 (global.get $v))))";
  Loaded loaded = load(assemble("many_globals", wat));
  ASSERT_TRUE(loaded.instance);
  std::vector<wsx_value> out;
  ASSERT_EQ(call(loaded, "sum", {ValType::I32}, &out), WSX_OK);
  EXPECT_EQ(out[0].i32, 3000u);
  ASSERT_EQ(call(loaded, "f", {ValType::F64}, &out), WSX_OK);
  EXPECT_EQ(out[0].f64, 2.5);
  ASSERT_EQ(call(loaded, "v", {ValType::I32}, &out), WSX_OK);
  EXPECT_EQ(out[0].i32, 10u);
  const auto* last = static_cast<const uint32_t*>(loaded.instance->global(0));
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(*last, 77u);
}

// ---- SBX-15: names -----------------------------------------------------------------------------

// A module exporting one function under `name` (raw bytes).
Bytes exportNamed(const std::string& name) {
  Bytes m = header();
  section(m, 1, {0x01, 0x60, 0x00, 0x00});
  section(m, 3, {0x01, 0x00});
  Bytes exports = {0x01};
  leb(exports, name.size());
  exports.insert(exports.end(), name.begin(), name.end());
  exports.insert(exports.end(), {0x00, 0x00});
  section(m, 7, exports);
  section(m, 10, {0x01, 0x02, 0x00, 0x0b});
  return m;
}

// A module importing env.<name> : () -> ().
Bytes importNamed(const std::string& name) {
  Bytes m = header();
  section(m, 1, {0x01, 0x60, 0x00, 0x00});
  Bytes imports = {0x01, 0x03, 'e', 'n', 'v'};
  leb(imports, name.size());
  imports.insert(imports.end(), name.begin(), name.end());
  imports.insert(imports.end(), {0x00, 0x00});
  section(m, 2, imports);
  return m;
}

bool hasControlBytes(const std::string& text) {
  for (char c : text) {
    if (static_cast<uint8_t>(c) < 0x20 || static_cast<uint8_t>(c) == 0x7f) return true;
  }
  return false;
}

TEST(SandboxRules, Sbx15NamesMustBeUtf8WithoutNul) {
  EXPECT_TRUE(wasm::readModule(exportNamed("process")).ok());
  EXPECT_TRUE(wasm::readModule(exportNamed("gr\xc3\xbc\xc3\x9f")).ok());  // "grüß"
  for (const std::string& bad : {std::string("\xff"), std::string("a\0b", 3), std::string("\xc0\xaf"),  // overlong
                                 std::string("\xed\xa0\x80"),                                           // surrogate
                                 std::string("\xf4\x90\x80\x80"),                                       // > U+10FFFF
                                 std::string("\xe2\x82")}) {                                            // truncated
    auto read = wasm::readModule(exportNamed(bad));
    ASSERT_FALSE(read.ok()) << wasm::printable(bad);
    EXPECT_NE(read.error().find("not valid UTF-8 or contains NUL"), std::string::npos) << read.error();
    EXPECT_FALSE(hasControlBytes(read.error()));
    auto imported = wasm::readModule(importNamed(bad));
    ASSERT_FALSE(imported.ok());
    EXPECT_FALSE(hasControlBytes(imported.error()));
  }
}

// A valid name full of terminal escapes: the refusal shows it escaped, never raw.
TEST(SandboxRules, Sbx15RefusedNamesAreEchoedEscaped) {
  const Bytes wasm = importNamed("\x1b]0;pwned\x07\x1b[2J");
  auto info = wasm::readModule(wasm);
  ASSERT_TRUE(info.ok()) << info.error();
  sandbox::CompileOptions options;
  options.cacheDir = testCacheDir();
  auto module = sandbox::CompiledModule::load(wasm, info.value(), options);
  ASSERT_FALSE(module.ok());
  EXPECT_FALSE(hasControlBytes(module.error())) << wasm::printable(module.error());
  EXPECT_NE(module.error().find("\\x1b]0;pwned\\x07\\x1b[2J"), std::string::npos) << module.error();
  EXPECT_EQ(wasm::printable("a\\b\n"), "a\\x5cb\\x0a");
}

}  // namespace
}  // namespace wstudio::host::testing

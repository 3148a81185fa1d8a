// The translator refuses invalid function bodies and unsupported features with a message that
// names the function, the byte offset and the reason, and never produces C for them. Modules are
// written byte by byte here (wat2wasm would refuse to assemble them).
#include <gtest/gtest.h>

#include "fixture_files.hpp"
#include "sandbox/sandbox.hpp"
#include "wasm/reader.hpp"
#include "wasm_to_c/limits.hpp"
#include "wasm_to_c/translator.hpp"
#include "wasm_bytes.hpp"

namespace wstudio::host::wasm_to_c {
namespace {

using testing::Bytes;

using testing::leb;
using testing::section;

// A module with one function of type (params) -> (results) whose body is `locals` then `code`,
// and one page of memory when `memory`.
Bytes moduleWith(const Bytes& locals, const Bytes& code, const Bytes& params = {}, const Bytes& results = {},
                 bool memory = true) {
  Bytes m = testing::moduleHeader();
  Bytes types = {0x01, 0x60};
  leb(types, params.size());
  types.insert(types.end(), params.begin(), params.end());
  leb(types, results.size());
  types.insert(types.end(), results.begin(), results.end());
  section(m, 1, types);
  section(m, 3, {0x01, 0x00});
  if (memory) section(m, 5, {0x01, 0x00, 0x01});
  Bytes body = locals;
  body.insert(body.end(), code.begin(), code.end());
  Bytes codeSection = {0x01};
  leb(codeSection, body.size());
  codeSection.insert(codeSection.end(), body.begin(), body.end());
  section(m, 10, codeSection);
  return m;
}

const Bytes kNoLocals = {0x00};
constexpr uint8_t I32 = 0x7f, I64 = 0x7e;

std::string refusal(const Bytes& module) {
  auto translated = translateModule(module, {});
  return translated ? std::string("(translated)") : translated.error();
}

void expectRefused(const Bytes& module, const std::string& reason) {
  const std::string error = refusal(module);
  EXPECT_NE(error.find(reason), std::string::npos) << "error: " << error;
  if (error.rfind("function ", 0) == 0) {
    EXPECT_NE(error.find(" at byte "), std::string::npos) << error;
  }
}

TEST(TranslatorValidation, AcceptsAValidBody) {
  EXPECT_EQ(refusal(moduleWith(kNoLocals, {0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b}, {}, {I32})), "(translated)");
}

TEST(TranslatorValidation, RefusesInvalidBodies) {
  // i32.add with nothing on the stack.
  expectRefused(moduleWith(kNoLocals, {0x6a, 0x0b}, {}, {I32}), "function 0: operand stack underflow");
  // i64.const 1, i32.const 1, i32.add.
  expectRefused(moduleWith(kNoLocals, {0x42, 0x01, 0x41, 0x01, 0x6a, 0x0b}, {}, {I32}),
                "type mismatch: expected i32, found i64");
  // br 5 with one frame.
  expectRefused(moduleWith(kNoLocals, {0x0c, 0x05, 0x0b}), "branch depth 5 is out of range");
  // local.get 3 with one parameter.
  expectRefused(moduleWith(kNoLocals, {0x20, 0x03, 0x1a, 0x0b}, {I32}), "local 3 does not exist");
  // 0x27 is not an instruction.
  expectRefused(moduleWith(kNoLocals, {0x27, 0x0b}), "unknown opcode 0x27");
  // A body that stops inside an i32.const's LEB (the code section is sized to match).
  expectRefused(moduleWith(kNoLocals, {0x41, 0x80}), "truncated");
  // A body without its final `end`.
  expectRefused(moduleWith(kNoLocals, {0x01}), "ends before its last `end`");
  // 4 billion locals.
  expectRefused(moduleWith({0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, I32}, {0x0b}),
                "more than " + std::to_string(kMaxLocals) + " locals");
  // Two groups whose sum overflows 32 bits.
  expectRefused(moduleWith({0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, I32, 0xff, 0xff, 0xff, 0xff, 0x0f, I64}, {0x0b}),
                "more than " + std::to_string(kMaxLocals) + " locals");
  // A value left on the stack of a function returning nothing.
  expectRefused(moduleWith(kNoLocals, {0x41, 0x01, 0x0b}), "values left on the stack");
  // `else` without `if`.
  expectRefused(moduleWith(kNoLocals, {0x05, 0x0b}), "`else` without `if`");
  // i32.load with alignment 2^3.
  expectRefused(moduleWith(kNoLocals, {0x41, 0x00, 0x28, 0x03, 0x00, 0x1a, 0x0b}), "larger than natural");
  // A load in a module without memory.
  expectRefused(moduleWith(kNoLocals, {0x41, 0x00, 0x28, 0x02, 0x00, 0x1a, 0x0b}, {}, {}, false), "without memory");
  // call 7, global.set 0 (no globals), bytes after the last end.
  expectRefused(moduleWith(kNoLocals, {0x10, 0x07, 0x0b}), "call to function 7, which does not exist");
  expectRefused(moduleWith(kNoLocals, {0x41, 0x00, 0x24, 0x00, 0x0b}), "global 0 does not exist");
  expectRefused(moduleWith(kNoLocals, {0x0b, 0x01}), "bytes after the function's last `end`");
  // Block type naming a type that does not exist; lane index 16 of an i8x16.
  expectRefused(moduleWith(kNoLocals, {0x02, 0x09, 0x0b, 0x0b}), "block type 9 does not exist");
  Bytes extract = {0xfd, 0x0c};
  extract.insert(extract.end(), 16, 0);
  extract.insert(extract.end(), {0xfd, 0x15, 16, 0x1a, 0x0b});
  expectRefused(moduleWith(kNoLocals, extract), "lane index 16 out of range");
}

TEST(TranslatorValidation, RefusesUnsupportedFeaturesByName) {
  // i32.atomic.load
  expectRefused(moduleWith(kNoLocals, {0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a, 0x0b}),
                "threads and atomics are not supported");
  // try (exception handling)
  expectRefused(moduleWith(kNoLocals, {0x06, 0x40, 0x0b, 0x0b}), "exception handling is not supported");
  // return_call 0
  expectRefused(moduleWith(kNoLocals, {0x12, 0x00, 0x0b}), "tail calls are not supported");
  // i32x4.relaxed_trunc_f32x4_s (0xfd 0x101)
  expectRefused(moduleWith(kNoLocals, {0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x81, 0x02, 0x1a, 0x0b}),
                "relaxed SIMD instruction 0xfd 257 is not supported");
  // a GC instruction
  expectRefused(moduleWith(kNoLocals, {0xfb, 0x00, 0x0b}), "garbage collection instructions are not supported");
  // a memory index in a memarg (multi-memory)
  expectRefused(moduleWith(kNoLocals, {0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1a, 0x0b}), "multi-memory");
  // ref.null extern
  expectRefused(moduleWith(kNoLocals, {0xd0, 0x6f, 0x1a, 0x0b}), "externref is not supported");
  // a 64-bit memory (limits flag 0x04)
  Bytes memory64 = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(memory64, 5, {0x01, 0x04, 0x01});
  expectRefused(memory64, "64-bit memory is not supported");
}

// The sandbox surfaces the translator's refusal when loading.
TEST(TranslatorValidation, SandboxLoadReportsTheRefusal) {
  const Bytes module = moduleWith(kNoLocals, {0x6a, 0x0b}, {}, {I32});
  auto info = wasm::readModule(module);
  ASSERT_TRUE(info.ok()) << info.error();
  sandbox::CompileOptions options;
  options.cacheDir = testing::testCacheDir();
  auto loaded = sandbox::CompiledModule::load(module, info.value(), options);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error(), "cannot translate the module: function 0: operand stack underflow (expected i32) at byte 29");
}

}  // namespace
}  // namespace wstudio::host::wasm_to_c

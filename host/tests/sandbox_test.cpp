// The sandbox on a module that misbehaves in every way: each trap comes back as a code,
// the process survives, fuel and the stack budget bound every call, memory stops at its ceiling,
// import bindings (C bodies and callbacks) work, and a second load hits the cache.
#include <gtest/gtest.h>

#include <cstring>
#include <thread>

#include "fixture_files.hpp"
#include "wasm/reader.hpp"
#include "sandbox/sandbox.hpp"

namespace wstudio::host::sandbox {
namespace {

using wasm::FuncType;
using wasm::ValType;
constexpr ValType I32 = ValType::I32;

// Import callback: adds its arguments and the host's offset.
int hostAdd(void* host, wsx_memory_view, const wsx_value* args, wsx_value* results) {
  results[0].i32 = args[0].i32 + args[1].i32 + *static_cast<uint32_t*>(host);
  return 0;
}

CompileOptions bindings() {
  CompileOptions options;
  options.cacheDir = testing::testCacheDir();
  options.imports.push_back({"test", "add", "", hostAdd});
  // A C body: writes a byte into the caller's memory, bounds-checked.
  options.imports.push_back({"test", "poke", "*wsx_memory_range(env->memory, p0, 1) = (u8)p1;", nullptr});
  return options;
}

class Sandbox : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = testing::readFixture("sandbox_misbehaviour.wasm");
    auto info = wasm::readModule(bytes_);
    ASSERT_TRUE(info.ok()) << info.error();
    auto module = CompiledModule::load(bytes_, info.value(), bindings());
    ASSERT_TRUE(module.ok()) << module.error();
    module_ = module.value();
    auto instance = module_->instantiate(&hostOffset_);
    ASSERT_TRUE(instance.ok()) << instance.error();
    instance_ = std::move(instance).value();
  }

  ExportedFunction fn(const char* name, FuncType type) {
    auto function = module_->function(name, type);
    EXPECT_TRUE(function.ok()) << function.error();
    return function.value();
  }

  int call(const char* name, FuncType type, std::vector<uint32_t> args, uint32_t* result = nullptr,
           uint64_t fuel = 1'000'000) {
    std::vector<wsx_value> values;
    for (uint32_t arg : args) values.push_back(wsx_value{.i32 = arg});
    wsx_value out[1] = {};
    const int trap = instance_->call(fn(name, type), values, out, fuel);
    if (result != nullptr) *result = out[0].i32;
    return trap;
  }

  uint32_t hostOffset_ = 1000;
  std::vector<uint8_t> bytes_;
  std::shared_ptr<CompiledModule> module_;
  std::unique_ptr<Instance> instance_;
};

TEST_F(Sandbox, CallsExportsAndImportBindings) {
  uint32_t result = 0;
  ASSERT_EQ(call("add", {{I32, I32}, {I32}}, {2, 3}, &result), WSX_OK);
  EXPECT_EQ(result, 1005u);
  ASSERT_EQ(call("poke", {{I32, I32}, {}}, {100, 42}), WSX_OK);
  EXPECT_EQ(instance_->memory().data[100], 42);
  ASSERT_EQ(call("load", {{I32}, {I32}}, {100}, &result), WSX_OK);
  EXPECT_EQ(result, 42u);
  auto scale = fn("scale", {{ValType::F32}, {ValType::F32}});
  wsx_value arg{.f32 = 2.0f};
  wsx_value out{};
  ASSERT_EQ(instance_->call(scale, std::span(&arg, 1), std::span(&out, 1), 100), WSX_OK);
  EXPECT_EQ(out.f32, 5.0f);
}

TEST_F(Sandbox, ChecksExportSignatures) {
  auto wrong = module_->function("add", {{I32}, {I32}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error(), "export add has signature (i32, i32) -> i32, expected (i32) -> i32");
  EXPECT_EQ(module_->function("nope", {}).error(), "missing export nope");
}

TEST_F(Sandbox, ReadsExportedGlobals) {
  const wasm::Export* counter = module_->info().findExport("counter", wasm::ExternKind::Global);
  ASSERT_NE(counter, nullptr);
  auto* value = static_cast<uint32_t*>(instance_->global(counter->ordinal));
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 41u);
  ASSERT_EQ(call("bump", {{}, {I32}}, {}), WSX_OK);
  EXPECT_EQ(*value, 42u);
}

TEST_F(Sandbox, TrapsComeBackAsCodes) {
  EXPECT_EQ(call("load", {{I32}, {I32}}, {70000}), WSX_TRAP_OOB);
  EXPECT_EQ(call("load", {{I32}, {I32}}, {65534}), WSX_TRAP_OOB);  // straddles the end
  EXPECT_EQ(call("poke", {{I32, I32}, {}}, {65536, 1}), WSX_TRAP_OOB);  // in the C body
  EXPECT_EQ(call("unreachable", {{}, {}}, {}), WSX_TRAP_UNREACHABLE);
  EXPECT_EQ(call("divide", {{I32, I32}, {I32}}, {1, 0}), WSX_TRAP_DIV_BY_ZERO);
  EXPECT_EQ(call("divide", {{I32, I32}, {I32}}, {0x80000000u, 0xffffffffu}), WSX_TRAP_INT_OVERFLOW);
  // The instance still works after traps (the host decides whether to keep using it).
  uint32_t result = 0;
  EXPECT_EQ(call("divide", {{I32, I32}, {I32}}, {9, 3}, &result), WSX_OK);
  EXPECT_EQ(result, 3u);
}

TEST_F(Sandbox, FuelBoundsEveryCallAndIsResetPerCall) {
  EXPECT_EQ(call("loop_forever", {{}, {}}, {}, nullptr, 1'000'000), WSX_TRAP_RUNAWAY);
  uint32_t result = 0;
  EXPECT_EQ(call("count", {{I32}, {I32}}, {1000}, &result, 2000), WSX_OK);
  EXPECT_EQ(result, 1000u);
  EXPECT_EQ(call("count", {{I32}, {I32}}, {1000}, &result, 500), WSX_TRAP_RUNAWAY);
  // Fresh fuel for the next call: the same work succeeds again.
  EXPECT_EQ(call("count", {{I32}, {I32}}, {1000}, &result, 2000), WSX_OK);
}

TEST_F(Sandbox, DeepRecursionTrapsInsteadOfCrashing) {
  EXPECT_EQ(call("recurse", {{I32}, {I32}}, {0}, nullptr, uint64_t{1} << 40), WSX_TRAP_EXHAUSTION);
  uint32_t result = 0;
  EXPECT_EQ(call("count", {{I32}, {I32}}, {10}, &result), WSX_OK);
}

TEST_F(Sandbox, MemoryStopsAtTheCeiling) {
  uint32_t result = 0;
  ASSERT_EQ(call("grow", {{I32}, {I32}}, {1023}, &result), WSX_OK);
  EXPECT_EQ(result, 1u);  // old size in pages
  EXPECT_EQ(instance_->memory().size, 64u << 20);
  ASSERT_EQ(call("grow", {{I32}, {I32}}, {1}, &result), WSX_OK);
  EXPECT_EQ(result, 0xffffffffu);  // refused: the plugin sees an allocation failure
  EXPECT_EQ(instance_->memory().size, 64u << 20);
  // The new memory is usable up to its last byte.
  EXPECT_EQ(call("poke", {{I32, I32}, {}}, {(64u << 20) - 1, 7}), WSX_OK);
}

// memory() is the view the last call left, also when that call trapped after growing memory.
TEST_F(Sandbox, MemoryViewFollowsGrowthInACallThatTraps) {
  EXPECT_EQ(instance_->memory().size, 65536u);
  EXPECT_EQ(call("grow_then_trap", {{I32}, {}}, {3}), WSX_TRAP_UNREACHABLE);
  EXPECT_EQ(instance_->memory().size, 4u * 65536u);
  EXPECT_EQ(call("poke", {{I32, I32}, {}}, {4u * 65536u - 1, 5}), WSX_OK);
  EXPECT_EQ(instance_->memory().data[4u * 65536u - 1], 5);
}

TEST_F(Sandbox, InstancesHaveTheirOwnMemoryAndGlobals) {
  auto other = module_->instantiate(&hostOffset_);
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(call("poke", {{I32, I32}, {}}, {8, 99}), WSX_OK);
  ASSERT_EQ(call("bump", {{}, {I32}}, {}), WSX_OK);
  EXPECT_EQ(other.value()->memory().data[8], 0);
  const auto* counter = module_->info().findExport("counter");
  EXPECT_EQ(*static_cast<uint32_t*>(other.value()->global(counter->ordinal)), 41u);
}

TEST_F(Sandbox, InstantiationOverTheMemoryLimitFails) {
  InstanceLimits tiny;
  tiny.maxMemoryBytes = 0;  // the module starts with one page
  auto instance = module_->instantiate(nullptr, tiny);
  ASSERT_FALSE(instance.ok());
  EXPECT_NE(instance.error().find("larger than the host allows"), std::string::npos);
}

// Traps unwind to the calling thread's own target: threads trapping at once do not interfere.
TEST_F(Sandbox, ThreadsTrapIndependently) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto instance = module_->instantiate(&hostOffset_);
      auto load = fn("load", {{I32}, {I32}});
      auto count = fn("count", {{I32}, {I32}});
      for (int i = 0; i < 200; ++i) {
        wsx_value arg{.i32 = i % 2 == 0 ? 70000u : 100u};
        wsx_value out{};
        const int trap = instance.value()->call(i % 2 == 0 ? load : count, std::span(&arg, 1),
                                                std::span(&out, 1), 1'000'000);
        if (trap != (i % 2 == 0 ? WSX_TRAP_OOB : WSX_OK)) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(Sandbox, SecondLoadHitsTheCache) {
  EXPECT_TRUE(std::filesystem::exists(module_->libraryPath()));
  EXPECT_EQ(module_->libraryPath().parent_path(), testing::testCacheDir() / "modules");
  const auto written = std::filesystem::last_write_time(module_->libraryPath());
  auto again = CompiledModule::load(bytes_, module_->info(), bindings());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_TRUE(again.value()->fromCache());
  EXPECT_EQ(again.value()->libraryPath(), module_->libraryPath());
  EXPECT_EQ(std::filesystem::last_write_time(again.value()->libraryPath()), written);
  // Other import bodies are another .so.
  CompileOptions different = bindings();
  different.imports[1].cBody = "(void)p0; (void)p1;";
  auto other = CompiledModule::load(bytes_, module_->info(), different);
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_NE(other.value()->libraryPath(), module_->libraryPath());
}

TEST_F(Sandbox, RefusesUnboundImportsAndBrokenBodies) {
  CompileOptions missing = bindings();
  missing.imports.pop_back();
  auto module = CompiledModule::load(bytes_, module_->info(), missing);
  ASSERT_FALSE(module.ok());
  EXPECT_EQ(module.error(), "imports test.poke, which this host does not provide");
  CompileOptions broken = bindings();
  broken.imports[1].cBody = "this is not C;";
  module = CompiledModule::load(bytes_, module_->info(), broken);
  ASSERT_FALSE(module.ok());
  EXPECT_NE(module.error().find("could not compile the translated module"), std::string::npos) << module.error();
  EXPECT_EQ(module.error().find("module.c"), std::string::npos) << "no generated C, no scratch path";
  EXPECT_EQ(module.error().find("this is not C"), std::string::npos);
}

}  // namespace
}  // namespace wstudio::host::sandbox

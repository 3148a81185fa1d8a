// The sandbox: a .wasm translated to C by our translator (wasm_to_c/), compiled to a shared
// object with this project's runtime (runtime/), cached by content hash, and run with guard-page
// memory (out-of-bounds accesses trap), instruction fuel, a native stack budget and trap recovery.
//
// Use (any adapter; all of it is [main] except Instance::call and Instance::memory):
//   auto info = wasm::readModule(bytes);                       // (a) parse
//   CompileOptions options{cacheDir, {{"wsp_host", "log", body or callback}}};
//   auto module = CompiledModule::load(bytes, *info, options);   // (b) translate, compile, cache
//   auto fn = module.value()->function("wsp_process", type);      // (d) checked signature
//   auto instance = module.value()->instantiate(host, limits);   // (c) own memory, own globals
//   int trap = instance.value()->call(*fn, args, results, fuel); // (d) traps and fuel caught
//   wsx_memory_view memory = instance.value()->memory();         // (e) re-read after each call
//   void* global = instance.value()->global(ordinal);            // (f) exported global
//
// Threads: one Instance is called by one thread at a time; different instances (of the same or
// different modules) run on different threads at once. A trap unwinds only wasm frames and
// import stubs, never host C++ frames: host callbacks must return, not throw.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasm/module_info.hpp"
#include "sandbox/runtime/wsx_abi.h"
#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

// How the embedder implements one function import (module, field). Exactly one of cBody and
// callback is set.
//
// cBody: C statements, the body of the import function, compiled into the module's .so (fastest,
// no host round trip). In scope:
//   p0, p1, ...          the parameters (u32, u64, f32, f64 for i32, i64, f32, f64)
//   env->host            the `host` pointer given to instantiate()
//   env->memory          the calling instance's wsx_memory* (NULL if it has none);
//                        ->data, ->size (bytes)
//   wsx_memory_range(env->memory, addr, length)  uint8_t* to that range, or traps OOB
//   wsx_trap(WSX_TRAP_HOST)                      traps the wasm call
// and <string.h>, <math.h>. It must `return` a value of the import's result type (if any).
// Example, a grow that always fails:  "return (u32)-1;"
//
// callback: called as callback(host, memory view, args, results); write results[0] if the
// import returns a value; return nonzero to trap. Runs on the calling (maybe audio) thread.
struct ImportBinding {
  std::string module;
  std::string field;
  std::string cBody;
  wsx_host_function callback = nullptr;
};

// How the C compiler optimises a module's library. Fast: the engine's, for the audio thread.
// QuickToBuild: for a library that only judges a plugin (the Forge's validation of each new
// build): -O1, about a third less compile time. The code does exactly the same (no fast-math:
// every float result is the same bit for bit; fuel counts wasm loops and calls, not machine
// instructions), it only runs slower; the native stack budget stays the engine's, and an -O1
// frame is no larger than an -O3 one that inlines more.
enum class NativeCode { Fast, QuickToBuild };

struct CompileOptions {
  // Cache directory; empty: $WSTUDIO_CACHE_DIR, else $XDG_CACHE_HOME/wasm-studio, else
  // ~/.cache/wasm-studio (see LoadOptions). Created private (0700) if missing; refused when it is
  // not private (module_cache.hpp).
  std::filesystem::path cacheDir;
  // One binding per function import. Memory imports need none (the sandbox makes the memory,
  // with the import's limits); table and global imports are refused.
  std::vector<ImportBinding> imports;
  // Modules are compiled in the compile jail. Where the host cannot build it, a trusted module
  // (one this project built: the factory plugins, test fixtures) is compiled in this process;
  // any other is refused.
  bool trusted = false;
  NativeCode code = NativeCode::Fast;
};

struct InstanceLimits {
  uint32_t maxMemoryBytes = 64u << 20;  // grow past it fails in wasm (-1); ABI-5
  uint32_t maxTableElements = 1u << 20;
  uint32_t stackBudgetBytes = 256u << 10;  // native stack per call before a stack-exhaustion trap
};

// An exported function, found by name with its signature checked.
struct ExportedFunction {
  uint32_t ordinal = 0;  // index among the module's exported functions
  std::string name;
  wasm::FuncType type;
};

// Human description of a wsx trap code: "out of bounds memory access", "ran out of fuel", ...
const char* trapDescription(int code);

class Instance;

// A translated, compiled and loaded module. Shared by every Instance made from it.
class CompiledModule : public std::enable_shared_from_this<CompiledModule> {
 public:
  // Translates (or finds in the cache) and loads `wasm`, whose readModule() result is `info`.
  // Errors: an unbound import, the translator's complaint (invalid or unsupported code), a
  // compile limit, a host that cannot build the compile jail for an untrusted module, dlopen's.
  static Result<std::shared_ptr<CompiledModule>> load(std::span<const uint8_t> wasm,
                                                      const wasm::ModuleInfo& info,
                                                      const CompileOptions& options);
  ~CompiledModule();
  CompiledModule(const CompiledModule&) = delete;
  CompiledModule& operator=(const CompiledModule&) = delete;

  const wasm::ModuleInfo& info() const { return info_; }
  // The library's cache entry (empty when a provider supplied it, module_cache.hpp), and whether
  // this load found it there (no translation).
  const std::filesystem::path& libraryPath() const { return libraryPath_; }
  bool fromCache() const { return fromCache_; }
  double compileSeconds() const { return compileSeconds_; }  // 0 when from the cache

  // The exported function `name`, checked to have exactly `type`. Error names both signatures.
  Result<ExportedFunction> function(std::string_view name, const wasm::FuncType& type) const;

  // A new module instance: its own memory, globals and tables. `host` is handed to import
  // bodies and callbacks. Error when instantiation traps (e.g. initial memory over the limit).
  Result<std::unique_ptr<Instance>> instantiate(void* host, const InstanceLimits& limits = {});

 private:
  struct Private {};

 public:
  CompiledModule(Private, wasm::ModuleInfo info, void* library, int libraryFd, const wsx_module* api,
                 std::vector<wsx_host_function> callbacks, std::filesystem::path path,
                 bool fromCache, double compileSeconds);

 private:
  wasm::ModuleInfo info_;
  void* library_;            // dlopen handle
  int libraryFd_;            // the memfd it was loaded from, open while loaded: its /proc name stays unique
  const wsx_module* api_;    // the .so's wsx_module_entry()
  std::vector<wsx_host_function> callbacks_;  // in binding order, for instantiate
  std::filesystem::path libraryPath_;
  bool fromCache_;
  double compileSeconds_;
  friend class Instance;
};

// One module instance. Not copyable; destroying it frees its memory.
class Instance {
 public:
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  // [audio-safe: no allocation, no locks] Calls `function` with fuel for `fuel` loop iterations
  // and function entries. Returns WSX_OK, or the trap code (see trapDescription); results are
  // valid only on WSX_OK. args/results must have the function's arity.
  int call(const ExportedFunction& function, std::span<const wsx_value> args,
           std::span<wsx_value> results, uint64_t fuel);

  // [audio-safe] The instance's linear memory as the last call (or the instantiation) left it:
  // only wasm code grows memory, so call() reads the view from the module once when the wasm
  // code returns, instead of every access going through the module's table (a few accesses per
  // audio block). Re-read after every call; a host callback uses the view it is given.
  wsx_memory_view memory() const { return memory_; }
  // Address of the exported global with this ordinal (u32/u64/float/double by its type), or
  // nullptr. Valid while the instance lives.
  void* global(uint32_t ordinal) const;

  const CompiledModule& module() const { return *module_; }

 private:
  friend class CompiledModule;
  Instance(std::shared_ptr<CompiledModule> module, wsx_instance* instance);

  std::shared_ptr<CompiledModule> module_;
  wsx_instance* instance_;
  wsx_memory_view memory_;
};

// The cache directory LoadOptions/CompileOptions describe for an empty `configured`; empty when
// there is none (no home folder): never a shared temporary folder.
std::filesystem::path resolveCacheDir(const std::filesystem::path& configured);

}  // namespace wstudio::host::sandbox

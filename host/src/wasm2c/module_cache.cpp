#include "wasm2c/module_cache.hpp"

#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "wasm/reader.hpp"
#include "wasm2c/child_process.hpp"
#include "wasm2c/embedded_sources.hpp"
#include "wasm2c/glue_source.hpp"
#include "wasm2c/instrument.hpp"

namespace wstudio::host::wasm2c {

namespace fs = std::filesystem;

namespace {

std::string sha256Hex(std::string_view data) {
  static const int initialized = sodium_init();  // thread-safe once; -1 only if sodium is broken
  (void)initialized;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Status writeFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return fail("cannot write " + path.string());
  return Ok{};
}

Result<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Everything besides the .wasm that decides what the .so contains.
// The processor's model and feature flags as /proc/cpuinfo reports them for the first CPU.
std::string cpuIdentity() {
  std::ifstream in("/proc/cpuinfo");
  std::string line, identity;
  while (std::getline(in, line) && !line.empty()) {
    if (line.rfind("model name", 0) == 0 || line.rfind("flags", 0) == 0) identity += line + '\n';
  }
  return identity;
}

std::string configurationKey(const CompileOptions& options) {
  std::string key = "wsx-cache-1\n";
  key += kRuntimeHeaderSource;
  key += kRuntimeSource;
  key += kEntrySource;
  for (const std::string& flag : compileFlags()) key += flag + "\n";
  key += "wasm2c 1.0.32\n";  // generated_names.hpp and instrument.cpp are written for it
  key += cpuIdentity();      // -march=native: a library built for one CPU may not run on another
  for (const ImportBinding& binding : options.imports) {
    key += binding.module + '\0' + binding.field + '\0' + binding.cBody + '\0' +
           (binding.callback != nullptr ? "callback" : "body") + '\n';
  }
  return sha256Hex(key);
}

// A private scratch directory in the cache for one translation.
Result<fs::path> makeWorkDir(const fs::path& dir) {
  std::string pattern = (dir / "tmp-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return fail("cannot create a work directory in " + dir.string());
  return fs::path(pattern);
}

Status translateAndCompile(std::span<const uint8_t> wasm, const wasm::ModuleInfo& info,
                           const CompileOptions& options, const fs::path& work,
                           const fs::path& library) {
  const std::vector<uint8_t> stripped = wasm::withoutCustomSections(wasm);
  if (Status s = writeFile(work / "m.wasm", std::string_view(reinterpret_cast<const char*>(stripped.data()),
                                                             stripped.size()));
      !s) {
    return s;
  }
  if (Status s = runTool({"wasm2c", (work / "m.wasm").string(), "-n", "m", "-o", (work / "m.c").string()},
                         work / "wasm2c.log");
      !s) {
    return fail("wasm2c rejected the module: " + s.error());
  }
  auto source = readFile(work / "m.c");
  auto header = readFile(work / "m.h");
  if (!source) return fail(source.error());
  if (!header) return fail(header.error());
  const auto defined = static_cast<uint32_t>(info.functionTypes.size() - info.importedFunctions);
  auto instrumented = addFuelAndStackChecks(source.value(), defined);
  if (!instrumented) return fail(instrumented.error());
  auto unit = generateUnit(info, options.imports, header.value());
  if (!unit) return fail(unit.error());
  for (auto [name, text] : {std::pair<const char*, std::string_view>{"m.c", instrumented.value()},
                            {"wsx_abi.h", kRuntimeHeaderSource},
                            {"wsx_runtime.c", kRuntimeSource},
                            {"wsx_entry.c", kEntrySource},
                            {"unit.c", unit.value()}}) {
    if (Status s = writeFile(work / name, text); !s) return s;
  }
  std::vector<std::string> argv = {"cc"};
  for (const std::string& flag : compileFlags()) argv.push_back(flag);
  argv.insert(argv.end(), {"-I" + work.string(), (work / "unit.c").string(), "-o", library.string(), "-lm"});
  if (Status s = runTool(argv, work / "cc.log"); !s) {
    return fail("compiling the translated module failed: " + s.error());
  }
  return Ok{};
}

}  // namespace

// -O3 -march=native: the library is built on, and only for, the machine that runs it (like a JIT),
//   so it may use every instruction the CPU has; vectorising the translated loops brought the
//   factory plugins' cost close to their native builds (docs/BENCHMARKS.md).
// -fno-plt/-fvisibility=hidden: calls between the module's functions and the runtime are direct.
// -ffp-contract=off: no fused multiply-add, so results stay bit-identical to the browser (ABI-18).
// Guard pages instead of bounds checks (WASM_RT_MEMCHECK_SIGNAL_HANDLER=1): see
//   runtime/wsx_runtime.c and guard_pages.cpp.
const std::vector<std::string>& compileFlags() {
  static const std::vector<std::string> flags = {
      "-O3", "-march=native", "-fPIC", "-shared", "-fvisibility=hidden", "-fno-plt", "-ffp-contract=off", "-w",
      "-DNDEBUG", "-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1", "-DWASM_RT_USE_STACK_DEPTH_COUNT=0"};
  return flags;
}

Result<CachedLibrary> findOrBuild(std::span<const uint8_t> wasm, const wasm::ModuleInfo& info,
                                  const CompileOptions& options) {
  if (Status bindable = checkBindable(info, options.imports); !bindable) return fail(bindable.error());
  const fs::path dir = resolveCacheDir(options.cacheDir) / "wasm2c";
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return fail("cannot create the cache directory " + dir.string() + ": " + error.message());
  const std::string wasmHash =
      sha256Hex(std::string_view(reinterpret_cast<const char*>(wasm.data()), wasm.size()));
  CachedLibrary result;
  result.path = dir / (wasmHash + "-" + configurationKey(options).substr(0, 16) + ".so");
  if (fs::exists(result.path, error)) {
    result.fromCache = true;
    return result;
  }
  const auto started = std::chrono::steady_clock::now();
  auto work = makeWorkDir(dir);
  if (!work) return fail(work.error());
  const fs::path temporary = work.value() / "module.so";
  Status built = translateAndCompile(wasm, info, options, work.value(), temporary);
  if (built) {
    fs::rename(temporary, result.path, error);  // atomic: readers see all of it or nothing
    if (error) built = fail("cannot store " + result.path.string() + ": " + error.message());
  }
  fs::remove_all(work.value(), error);
  if (!built) return fail(built.error());
  result.compileSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

fs::path resolveCacheDir(const fs::path& configured) {
  if (!configured.empty()) return configured;
  if (const char* dir = std::getenv("WSTUDIO_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return fs::path(xdg) / "wasm-studio";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".cache" / "wasm-studio";
  }
  return fs::temp_directory_path() / "wasm-studio";
}

}  // namespace wstudio::host::wasm2c

#include "sandbox/module_cache.hpp"

#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "sandbox/child_process.hpp"
#include "sandbox/embedded_sources.hpp"
#include "sandbox/import_bindings.hpp"
#include "wasm_to_c/translator.hpp"

namespace wstudio::host::sandbox {

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
  for (const EmbeddedSource& source : kRuntimeSources) key += source.text;
  for (const std::string& flag : compileFlags()) key += flag + "\n";
  key += wasm_to_c::kTranslatorVersion;
  key += kTranslatorSourceHash;
  key += cpuIdentity();  // -march=native: a library built for one CPU may not run on another
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
  auto imports = resolveImports(info, options.imports);
  if (!imports) return fail(imports.error());
  auto unit = wasm_to_c::translateModule(wasm, imports.value());
  if (!unit) return fail("cannot translate the module: " + unit.error());
  if (Status s = writeFile(work / "module.c", unit.value()); !s) return s;
  for (const EmbeddedSource& source : kRuntimeSources) {
    if (Status s = writeFile(work / source.name, source.text); !s) return s;
  }
  std::vector<std::string> argv = {"cc"};
  for (const std::string& flag : compileFlags()) argv.push_back(flag);
  argv.insert(argv.end(), {"-I" + work.string(), (work / "module.c").string(), "-o", library.string(), "-lm"});
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
// Memory accesses need no bounds checks: guard pages (runtime/wsx_runtime.c, guard_pages.cpp).
const std::vector<std::string>& compileFlags() {
  static const std::vector<std::string> flags = {
      "-O3", "-march=native", "-fPIC", "-shared", "-fvisibility=hidden", "-fno-plt", "-ffp-contract=off", "-w",
      "-DNDEBUG"};
  return flags;
}

Result<CachedLibrary> findOrBuild(std::span<const uint8_t> wasm, const wasm::ModuleInfo& info,
                                  const CompileOptions& options) {
  if (auto bound = resolveImports(info, options.imports); !bound) return fail(bound.error());
  const fs::path dir = resolveCacheDir(options.cacheDir) / "modules";
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

}  // namespace wstudio::host::sandbox

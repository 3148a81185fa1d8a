#include "sandbox/module_compiler.hpp"

#include <fstream>
#include <iterator>

#include "sandbox/child_process.hpp"
#include "sandbox/embedded_sources.hpp"
#include "sandbox/import_bindings.hpp"
#include "wasm/reader.hpp"
#include "wasm_to_c/translator.hpp"

namespace wstudio::host::sandbox {

namespace fs = std::filesystem;

namespace {

Status writeFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return fail("cannot write the translated module (disk full?)");
  return Ok{};
}

Result<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return fail("cannot read the compiled module");
  return bytes;
}

// What the compiler's failure means for the user, without its text: that names scratch paths
// and quotes generated C.
std::string compilerFailure(const ToolOutcome& outcome) {
  if (outcome.signal == 24 /* SIGXCPU */ || outcome.signal == 9) {
    return "compiling the translated module used more than the sandbox's CPU time: the module is "
           "too large or too complex for this host";
  }
  if (outcome.log.find("out of memory") != std::string::npos ||
      outcome.log.find("virtual memory exhausted") != std::string::npos ||
      outcome.log.find("Cannot allocate memory") != std::string::npos) {
    return "compiling the translated module needed more memory than the sandbox allows: the "
           "module is too large or too complex for this host";
  }
  if (outcome.log.find("File size limit") != std::string::npos || outcome.signal == 25 /* SIGXFSZ */) {
    return "the compiled module would be larger than the sandbox allows";
  }
  return "the C compiler could not compile the translated module (" + outcome.status +
         "): a defect of WASM Studio's translator or import bindings, not of the module; please "
         "report it with the module";
}

}  // namespace

// -O3 -march=native: the library is built on, and only for, the machine that runs it (like a JIT),
//   so it may use every instruction the CPU has; vectorising the translated loops brought the
//   factory plugins' cost close to their native builds (docs/BENCHMARKS.md).
// -fno-plt/-fvisibility=hidden: calls between the module's functions and the runtime are direct.
// -ffp-contract=off: no fused multiply-add, so results stay bit-identical to the browser (ABI-18);
//   the vectoriser fuses complex-multiply shapes regardless, so the runtime also switches FMA and
//   AVX-512F off for the unit (SBX-16, runtime/wsx_runtime.c).
// Memory accesses need no bounds checks: guard pages (runtime/wsx_runtime.c, guard_pages.cpp).
// QuickToBuild: the same with -O1 (the Forge's validation compiles every new build once, and the
//   compile was most of its time; the quick suite then runs a little slower).
const std::vector<std::string>& compileFlags(NativeCode code) {
  static const std::vector<std::string> fast = {
      "-O3", "-march=native", "-fPIC", "-shared", "-fvisibility=hidden", "-fno-plt", "-ffp-contract=off", "-w",
      "-DNDEBUG"};
  static const std::vector<std::string> quickToBuild = [] {
    std::vector<std::string> flags = fast;
    flags[0] = "-O1";
    return flags;
  }();
  return code == NativeCode::Fast ? fast : quickToBuild;
}

Result<std::string> compileLibrary(std::span<const uint8_t> wasm, const std::vector<ImportBinding>& bindings,
                                   const fs::path& work, NativeCode code) {
  auto info = wasm::readModule(wasm);
  if (!info) return fail("not a valid WebAssembly module: " + info.error());
  auto imports = resolveImports(info.value(), bindings);
  if (!imports) return fail(imports.error());
  auto unit = wasm_to_c::translateModule(wasm, imports.value());
  if (!unit) return fail("cannot translate the module: " + unit.error());
  if (Status s = writeFile(work / "module.c", unit.value()); !s) return fail(s.error());
  for (const EmbeddedSource& source : kRuntimeSources) {
    if (Status s = writeFile(work / source.name, source.text); !s) return fail(s.error());
  }
  const fs::path library = work / "module.so";
  std::vector<std::string> argv = {"cc"};
  for (const std::string& flag : compileFlags(code)) argv.push_back(flag);
  argv.insert(argv.end(), {"-I" + work.string(), (work / "module.c").string(), "-o", library.string(), "-lm"});
  const ToolOutcome outcome = runToolOutcome(argv, work / "cc.log");
  if (!outcome.ok) return fail(compilerFailure(outcome));
  return readFile(library);
}

}  // namespace wstudio::host::sandbox

// compileCpp: the service's side of a compile. Starts wstudio-forge-compiler in the plugin
// sandbox's jail, hands it the source and the limits, and turns what the compiler did into an
// outcome in plain words: built, refused with diagnostics, or stopped by which limit.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "compile_messages.hpp"
#include "jail/jail.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCompilerName = "wstudio-forge-compiler";

fs::path selfDirectory() {
  std::error_code error;
  return fs::read_symlink("/proc/self/exe", error).parent_path();
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

CompileOutcome stopped(std::string message) {
  CompileOutcome outcome;
  outcome.status = CompileStatus::Stopped;
  outcome.message = std::move(message);
  return outcome;
}

// Which limit, if any, ended a compile (the compiler's own process, or the linker it started,
// whose end the driver reports in words).
std::string limitThatStopped(const CompilerRun& run, const CompileLimits& limits) {
  const std::string cpu = "the compile used more than its " + std::to_string(limits.cpuSeconds) +
                          " s of CPU time and was stopped (endless template or constexpr recursion, or a "
                          "source too costly to compile)";
  const std::string output = "the compile's output grew past its " + mib(limits.outputBytes) +
                             " limit and was stopped (a huge static array or table?)";
  const std::string memory = "the compile ran out of its " + mib(limits.memoryBytes) +
                             " of memory and was stopped (a source too costly to compile)";
  if (run.signal == SIGXCPU || run.signal == SIGKILL) return cpu;
  if (run.signal == SIGXFSZ) return output;
  const std::string_view text = run.output;
  if (contains(text, "CPU time limit exceeded")) return cpu;
  if (contains(text, "File size limit exceeded") || contains(text, "File too large")) return output;
  if (contains(text, "out of memory") || contains(text, "Allocation failed") || contains(text, "bad_alloc") ||
      contains(text, "Cannot allocate memory")) {
    return memory;
  }
  if (run.signal != 0) return "the compiler crashed (signal " + std::to_string(run.signal) + ")";
  if (contains(text, "due to signal")) return "the compiler crashed";
  return {};
}

}  // namespace

host::Result<fs::path> compilerProgram() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("WSTUDIO_FORGE_COMPILER"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else {
    const fs::path self = selfDirectory();
    candidates.push_back(self / kCompilerName);
    candidates.push_back(self.parent_path() / "libexec" / "wasm-studio" / kCompilerName);
  }
  std::string looked;
  for (const fs::path& candidate : candidates) {
    if (::access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate);
    looked += "\n    " + candidate.string();
  }
  return host::fail(std::string("the Forge's compiler program ") + kCompilerName + " was not found (looked for" +
                    looked + ")\n  Install it beside this program, or set WSTUDIO_FORGE_COMPILER to its path");
}

namespace {

// One job in a new compile jail: the compiler's run, or an outcome saying why there is none
// (Unavailable, or Stopped by the wall clock).
std::variant<CompilerRun, CompileOutcome> runInJail(const host::jail::WorkerMessage& job, const CompileLimits& limits) {
  CompileOutcome outcome;
  // FC-1: never unconfined. Without the jail nothing is compiled.
  if (host::Status available = host::jail::jailAvailable(); !available) {
    outcome.message = "the Forge cannot compile on this host: " + available.error();
    return outcome;
  }
  auto program = compilerProgram();
  if (!program) {
    outcome.message = program.error();
    return outcome;
  }
  auto jail = host::jail::JailedProcess::start(program.value(), {"cpp"});
  if (!jail) {
    outcome.message = "the Forge cannot start its compile sandbox: " + jail.error();
    return outcome;
  }
  // FC-5: the wall clock covers the whole jail; at the deadline every process in it is killed.
  const int64_t deadline = host::jail::monotonicMs() + limits.wallMs;
  host::Result<host::jail::WorkerMessage> answer = host::fail("");
  if (host::Status sent = jail.value()->send(job); sent) answer = jail.value()->receive(deadline);
  if (!answer) {
    const bool timedOut = host::jail::monotonicMs() >= deadline;
    const std::string ended = jail.value()->finish(true);
    if (timedOut) {
      return stopped("the compile took longer than its " + std::to_string(limits.wallMs / 1000) +
                     " s and was stopped (the server may be busy; a source this costly cannot be built)");
    }
    return stopped("the compile sandbox " + (ended.empty() ? std::string("stopped answering") : ended));
  }
  jail.value()->finish(false);
  auto run = parseCompilerRun(answer.value());
  if (!run) {
    outcome.message = "the compile sandbox failed: " + run.error();
    return outcome;
  }
  return std::move(run.value());
}

}  // namespace

host::Result<std::string> precompilePrelude(const CompileLimits& limits) {
  CompileLimits preludeLimits = limits;
  preludeLimits.outputBytes = std::max<uint64_t>(limits.outputBytes, kMaxPreludeBytes);
  auto ran = runInJail(preludeJobMessage(preludeLimits), preludeLimits);
  if (auto* outcome = std::get_if<CompileOutcome>(&ran)) return host::fail(outcome->message);
  CompilerRun& run = std::get<CompilerRun>(ran);
  if (run.exitCode != 0 || run.wasm.empty()) {
    return host::fail("the SDK's prelude did not precompile: " + scrubPaths(run.output.substr(0, 1000)));
  }
  return std::move(run.wasm);
}

CompileOutcome compileCpp(std::string_view source, const CompileLimits& limits, const std::string* precompiledPrelude) {
  CompileOutcome outcome;
  if (source.size() > kMaxSourceBytes) {
    outcome.status = CompileStatus::Errors;
    outcome.message = "the source is " + std::to_string(source.size()) + " bytes; at most " +
                      std::to_string(kMaxSourceBytes) + " are compiled";
    return outcome;
  }
  // FC-12: the prelude only in front of a source whose own first lines include nothing else.
  const bool withPrelude = precompiledPrelude != nullptr && !precompiledPrelude->empty() && fitsPrelude(source);
  auto ran = runInJail(compileJobMessage(source, limits, withPrelude ? precompiledPrelude : nullptr), limits);
  if (auto* failed = std::get_if<CompileOutcome>(&ran)) return std::move(*failed);
  CompilerRun& run = std::get<CompilerRun>(ran);
  outcome.diagnostics = parseClangOutput(run.output, run.outputCut);
  if (run.exitCode == 0 && !run.wasm.empty()) {
    outcome.status = CompileStatus::Built;
    outcome.wasm = std::move(run.wasm);
    return outcome;
  }
  if (std::string limit = limitThatStopped(run, limits); !limit.empty()) {
    outcome.status = CompileStatus::Stopped;
    outcome.message = std::move(limit);
    return outcome;
  }
  outcome.status = CompileStatus::Errors;
  size_t errors = 0;
  for (const Diagnostic& d : outcome.diagnostics.diagnostics) errors += d.severity == "error" || d.severity == "fatal error";
  outcome.message = errors == 0 ? "the compiler refused the source without saying why"
                                : "the source does not compile: " + std::to_string(errors) + " error" +
                                      (errors == 1 ? "" : "s");
  return outcome;
}

}  // namespace wstudio::forge

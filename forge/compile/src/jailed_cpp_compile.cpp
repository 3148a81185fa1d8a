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
#include "jailed_run.hpp"
#include "jail/jail.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCompilerName = "wstudio-forge-compiler";

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::string mib(uint64_t bytes) {
  return bytes >= (uint64_t{1} << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes >> 10) + " KiB";
}

}  // namespace

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

host::Result<fs::path> compilerProgram() {
  return host::jail::findJailProgram("WSTUDIO_FORGE_COMPILER", kCompilerName, "the Forge's compiler program");
}

namespace {

// One job in a new compile jail (wstudio-forge-compiler <language>): the tools' run, or an outcome
// saying why there is none (Unavailable, or Stopped by the wall clock).
std::variant<CompilerRun, CompileOutcome> runJobInJail(std::string_view language, const host::jail::WorkerMessage& job,
                                                       const CompileLimits& limits) {
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
  auto jail = host::jail::JailedProcess::start(program.value(), {std::string(language)});
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

std::variant<CompilerRun, CompileOutcome> runJailed(std::string_view language, std::string_view source,
                                                    const CompileLimits& limits, const std::string* precompiledPrelude) {
  if (source.size() > kMaxSourceBytes) {
    CompileOutcome outcome;
    outcome.status = CompileStatus::Errors;
    outcome.message = "the source is " + std::to_string(source.size()) + " bytes; at most " +
                      std::to_string(kMaxSourceBytes) + " are compiled";
    return outcome;
  }
  return runJobInJail(language, compileJobMessage(language, source, limits, precompiledPrelude), limits);
}

host::Result<std::string> precompilePrelude(const CompileLimits& limits) {
  CompileLimits preludeLimits = limits;
  preludeLimits.outputBytes = std::max<uint64_t>(limits.outputBytes, kMaxPreludeBytes);
  auto ran = runJobInJail("cpp", preludeJobMessage(preludeLimits), preludeLimits);
  if (auto* outcome = std::get_if<CompileOutcome>(&ran)) return host::fail(outcome->message);
  CompilerRun& run = std::get<CompilerRun>(ran);
  if (run.exitCode != 0 || run.wasm.empty()) {
    return host::fail("the SDK's prelude did not precompile: " + scrubPaths(run.output.substr(0, 1000)));
  }
  return std::move(run.wasm);
}

CompileOutcome clangOutcome(CompilerRun run, const CompileLimits& limits) {
  CompileOutcome outcome;
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

CompileOutcome compileCpp(std::string_view source, const CompileLimits& limits, const std::string* precompiledPrelude) {
  // FC-14: the prelude only in front of a source whose own first lines include nothing else.
  const bool withPrelude = precompiledPrelude != nullptr && !precompiledPrelude->empty() && fitsPrelude(source);
  auto ran = runJailed("cpp", source, limits, withPrelude ? precompiledPrelude : nullptr);
  if (auto* outcome = std::get_if<CompileOutcome>(&ran)) return std::move(*outcome);
  return clangOutcome(std::move(std::get<CompilerRun>(ran)), limits);
}

}  // namespace wstudio::forge

// compileFaust: the service's side of a Faust compile. Refuses what the source guard refuses
// before any jail starts, then reads the jail's answer by the step that gave it: Faust's own
// errors (on plugin.dsp), the Forge's refusal of what Faust wrote, or clang's run on Faust's C++.
#include <signal.h>

#include "jailed_run.hpp"
#include "wstudio/forge/faust_compile.hpp"
#include "wstudio/forge/faust_guards.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {

namespace {

size_t errorCount(const ParsedDiagnostics& parsed) {
  size_t errors = 0;
  for (const Diagnostic& d : parsed.diagnostics) errors += d.severity == "error" || d.severity == "fatal error";
  return errors;
}

std::string errorsWord(size_t count) { return std::to_string(count) + " error" + (count == 1 ? "" : "s"); }

CompileOutcome refused(std::string message, ParsedDiagnostics diagnostics) {
  CompileOutcome outcome;
  outcome.status = CompileStatus::Errors;
  outcome.message = std::move(message);
  outcome.diagnostics = std::move(diagnostics);
  return outcome;
}

// Faust's run: its errors at their lines, or the limit that stopped it.
CompileOutcome faustOutcome(const CompilerRun& run, const CompileLimits& limits) {
  if (run.signal == SIGXCPU || run.signal == SIGKILL) {
    return stopped("Faust used more than its " + std::to_string(limits.cpuSeconds) +
                   " s of CPU time and was stopped (an endless recursion in the program, or one too costly "
                   "to expand?)");
  }
  if (run.signal == SIGALRM) {  // Faust's own compile timeout (-t, 120 s by default)
    return stopped("Faust took longer than its own time limit and stopped (a program too costly to expand?)");
  }
  if (std::string limit = limitThatStopped(run, limits); !limit.empty() && run.signal != SIGSEGV) {
    return stopped(limit);
  }
  ParsedDiagnostics parsed = parseFaustOutput(run.output, run.outputCut);
  if (run.signal == SIGSEGV) {
    parsed.diagnostics.push_back({std::string(kFaustSourceName), 0, 0, "error",
                                  "Faust crashed evaluating the program (its stack overflowed: an endless "
                                  "recursion?)"});
  }
  if (errorCount(parsed) == 0) {
    const std::string said = scrubPaths(run.output.substr(0, kMaxDiagnosticBytes));
    parsed.diagnostics.push_back({std::string(kFaustSourceName), 0, 0, "error",
                                  said.empty() ? "Faust refused the program without saying why" : said});
  }
  const std::string message = "the Faust program does not compile: " + errorsWord(errorCount(parsed));
  return refused(message, std::move(parsed));
}

// clang on Faust's C++: the user wrote no C++, so only its errors are shown, as the C++ Faust wrote.
CompileOutcome cppOutcome(CompilerRun run, const CompileLimits& limits) {
  CompileOutcome outcome = clangOutcome(std::move(run), limits);
  if (outcome.status != CompileStatus::Errors && outcome.status != CompileStatus::Built) return outcome;
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : outcome.diagnostics.diagnostics) {
    if (d.severity != "error" && d.severity != "fatal error") continue;
    if (d.file == kCppSourceName) d.file = "(C++ written by Faust)";
    kept.push_back(std::move(d));
  }
  outcome.diagnostics.diagnostics = std::move(kept);
  if (outcome.status == CompileStatus::Errors) {
    outcome.message = "the C++ that Faust wrote for the program does not compile: " +
                      errorsWord(errorCount(outcome.diagnostics));
  }
  return outcome;
}

}  // namespace

CompileOutcome compileFaust(std::string_view source, const CompileLimits& limits) {
  // FC-12: before Faust reads a byte.
  if (source.size() <= kMaxSourceBytes) {
    std::vector<Diagnostic> problems = checkFaustSource(source, installedFaustLibrary);
    if (!problems.empty()) {
      const std::string count = errorsWord(problems.size());
      ParsedDiagnostics parsed{std::move(problems), false};
      if (parsed.diagnostics.size() > kMaxDiagnostics) {
        parsed.diagnostics.resize(kMaxDiagnostics);
        parsed.truncated = true;
      }
      return refused("the Faust program is refused: " + count, std::move(parsed));
    }
  }
  auto ran = runJailed("faust", source, limits);
  if (auto* outcome = std::get_if<CompileOutcome>(&ran)) return std::move(*outcome);
  CompilerRun& run = std::get<CompilerRun>(ran);
  if (run.stage == "faust") return faustOutcome(run, limits);
  if (run.stage == "describe") {
    ParsedDiagnostics parsed;
    parsed.diagnostics.push_back({std::string(kFaustSourceName), 0, 0, "error", scrubPaths(run.output)});
    return refused("the Faust program cannot become a plugin: " + scrubPaths(run.output), std::move(parsed));
  }
  return cppOutcome(std::move(run), limits);
}

}  // namespace wstudio::forge

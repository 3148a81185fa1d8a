// The service's side of one jailed compile, shared by the C++ and the Faust compiles: start
// wstudio-forge-compiler <language> in the compile jail under the wall clock, send the job,
// read what its tools did.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "compile_messages.hpp"
#include "wstudio/forge/cpp_compile.hpp"

namespace wstudio::forge {

// What the jail's tools did, or the outcome when the jail itself ended the compile (a refusal
// before it started, the wall clock, a sandbox that could not start). precompiledPrelude: C++ only
// (FC-14), for a source that fitsPrelude; null compiles without it.
std::variant<CompilerRun, CompileOutcome> runJailed(std::string_view language, std::string_view source,
                                                    const CompileLimits& limits,
                                                    const std::string* precompiledPrelude = nullptr);
// clang's run as an outcome: built, errors with diagnostics, or stopped by which limit.
CompileOutcome clangOutcome(CompilerRun run, const CompileLimits& limits);
// Which limit, if any, ended a tool's run (its signal, or the words its driver used); empty if none.
std::string limitThatStopped(const CompilerRun& run, const CompileLimits& limits);
CompileOutcome stopped(std::string message);

}  // namespace wstudio::forge

// The conversation between the Forge's compile service and its jailed compiler program, on the
// plugin sandbox's pipe messages (host/src/jail/worker_message.hpp):
//   service -> jail  "compile-cpp"      {cpuSeconds, memoryBytes, outputBytes}, blob 0: the source,
//                                       blob 1 (optional): the precompiled prelude to compile it with
//                    "compile-faust"    the same, the source in Faust (no prelude: FC-14 is C++'s)
//                    "compile-prelude"  {cpuSeconds, memoryBytes, outputBytes}: precompile the
//                                       SDK's prelude (toolchain.hpp), no blobs
//   jail -> service  "ran"              {stage, exit, signal, output, outputCut}, blob 0: the module
//                                       (the precompiled prelude) when the compiler exited with 0.
//                                       stage: "c++" (clang), "faust" (Faust itself) or "describe"
//                                       (the Forge's checks of what Faust wrote refused it: output
//                                       says why)
//                    "error"        {message}: the jail could not even run the compiler
#pragma once

#include <string>
#include <string_view>

#include "jail/worker_message.hpp"
#include "wstudio/forge/cpp_compile.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::forge {

struct CompileJob {
  std::string language;  // "cpp" or "faust" (a prelude job is "cpp")
  bool prelude = false;  // precompile the prelude rather than compile a source
  std::string source;
  std::string precompiledPrelude;  // empty: compile the source without it
  CompileLimits limits;  // wallMs is the service's own: not sent
};

// precompiledPrelude: only for "cpp"; null compiles the source without it.
host::jail::WorkerMessage compileJobMessage(std::string_view language, std::string_view source,
                                            const CompileLimits& limits,
                                            const std::string* precompiledPrelude = nullptr);
host::jail::WorkerMessage preludeJobMessage(const CompileLimits& limits);
host::Result<CompileJob> parseCompileJob(const host::jail::WorkerMessage& message);

// What the compiler process did.
struct CompilerRun {
  std::string stage = "c++";  // which step answered: "c++", "faust", "describe"
  int exitCode = -1;  // when it exited
  int signal = 0;     // when a signal ended it
  std::string output;  // its stderr and stdout, at most kMaxCompilerOutput bytes
  bool outputCut = false;
  std::string wasm;  // the module, or the precompiled prelude
};

inline constexpr size_t kMaxCompilerOutput = 256 * 1024;

host::jail::WorkerMessage compilerRunMessage(const CompilerRun& run);
host::Result<CompilerRun> parseCompilerRun(const host::jail::WorkerMessage& message);

}  // namespace wstudio::forge

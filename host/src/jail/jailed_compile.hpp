// Compiling a module in the compile jail: the worker's `compile` mode translates it and runs the C
// compiler inside a fresh jail (jail.hpp, Profile::Compile), and hands back the shared object's
// bytes. The same request travels from a `run` worker to its parent, which compiles it this way
// (or finds it in its cache) and answers with the bytes: the run jail itself can start no program.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "jail/worker_message.hpp"
#include "sandbox/sandbox.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::jail {

struct CompileRequest {
  std::string wasm;
  std::vector<sandbox::ImportBinding> imports;  // callbacks as a marker only (never called)
  // Only a parent's request to the compile jail chooses it; a run worker's request to its parent
  // carries none, and the parent compiles with its own choice (WorkerOptions::nativeCode).
  sandbox::NativeCode code = sandbox::NativeCode::Fast;
};

WorkerMessage compileRequestMessage(std::span<const uint8_t> wasm,
                                    const std::vector<sandbox::ImportBinding>& imports,
                                    sandbox::NativeCode code = sandbox::NativeCode::Fast);
Result<CompileRequest> parseCompileRequest(const WorkerMessage& message);

// Answers: "compiled" with the library as blob 0, or "error" with {"message": ...}.
WorkerMessage compiledMessage(std::string library);
WorkerMessage errorMessage(const std::string& message);
// The message of an "error" answer, or of a malformed one.
std::string errorOf(const WorkerMessage& message);

// The wall clock a compile may take, from start to the last byte of the library.
inline constexpr int64_t kCompileWallMs = 180'000;

// Starts the worker in the compile jail and returns the compiled library. `wallMs` bounds the
// whole compile; on expiry the jail is killed and nothing of it remains.
Result<std::string> compileInJail(std::span<const uint8_t> wasm,
                                  const std::vector<sandbox::ImportBinding>& imports,
                                  int64_t wallMs = kCompileWallMs,
                                  sandbox::NativeCode code = sandbox::NativeCode::Fast);

}  // namespace wstudio::host::jail

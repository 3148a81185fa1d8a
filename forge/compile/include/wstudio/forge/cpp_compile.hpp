// One C++ source compiled to a .wasm inside the compile jail (FC-1..5): the plugin sandbox's
// bubblewrap jail (host/src/jail: no network, read-only /usr, a private /tmp, no data folder,
// uid nobody when run as root), the compile profile's seccomp filter, and rlimits of its own on
// CPU time, memory and output file size, under a wall clock that kills the whole jail.
//
// [main] Blocks for the compile (seconds): call it on a worker thread (BuildService does).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/diagnostics.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::forge {

struct CompileLimits {
  uint64_t cpuSeconds = 30;                   // RLIMIT_CPU of each compiler process
  uint64_t memoryBytes = uint64_t{2} << 30;   // RLIMIT_AS of each compiler process
  uint64_t outputBytes = uint64_t{16} << 20;  // RLIMIT_FSIZE: the object file and the module
  int64_t wallMs = 60'000;                    // the whole jail, start to answer
};

// Sources over this are refused before a jail starts.
inline constexpr size_t kMaxSourceBytes = 256 * 1024;

enum class CompileStatus {
  Built,        // `wasm` holds the module; diagnostics may hold warnings
  Errors,       // the compiler refused the source: see diagnostics
  Stopped,      // a limit stopped the compile: see message (not a property of the source alone)
  Unavailable,  // the jail cannot be built on this host, or the compiler program is missing
};

struct CompileOutcome {
  CompileStatus status = CompileStatus::Unavailable;
  std::string wasm;
  ParsedDiagnostics diagnostics;
  std::string message;  // plain words: what happened, for Errors/Stopped/Unavailable
};

// The jailed compiler program: $WSTUDIO_FORGE_COMPILER, else wstudio-forge-compiler beside the
// running executable, else ../libexec/wasm-studio/ from it.
host::Result<std::filesystem::path> compilerProgram();

// `precompiledPrelude`: the SDK's prelude from precompilePrelude(), used when the source fits it
// (fitsPrelude, FC-14); the module is the same with or without it.
CompileOutcome compileCpp(std::string_view source, const CompileLimits& limits,
                          const std::string* precompiledPrelude = nullptr);

// The SDK's prelude (toolchain.hpp) precompiled in the compile jail, under `limits` but with room
// for its size (it is about 15 MiB). Seconds of work: once per service.
inline constexpr uint64_t kMaxPreludeBytes = uint64_t{64} << 20;
host::Result<std::string> precompilePrelude(const CompileLimits& limits);

}  // namespace wstudio::forge

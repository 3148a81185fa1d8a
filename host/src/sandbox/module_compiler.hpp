// Translating a module to C and compiling it to a shared object: the step that runs the C
// compiler on code derived from untrusted bytes. It runs inside the compile jail (the worker's
// `compile` mode, jailed_compile.hpp); in the host process only for trusted modules on a host that
// cannot build the jail (module_cache.cpp decides).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "sandbox/sandbox.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

// The C compiler flags, chosen for speed of the generated code (see module_compiler.cpp), or
// for a quick compile of a library that only judges the plugin (NativeCode::QuickToBuild).
const std::vector<std::string>& compileFlags(NativeCode code = NativeCode::Fast);

// Reads, validates and translates `wasm`, compiles it in `workDir` (which it fills and leaves to
// the caller to remove) and returns the shared object's bytes. Errors name no path of this host and
// show no generated C: the module's own problem (the translator's complaint) or what the compiler
// ran into (a limit, or a defect of the translator).
Result<std::string> compileLibrary(std::span<const uint8_t> wasm, const std::vector<ImportBinding>& imports,
                                   const std::filesystem::path& workDir, NativeCode code = NativeCode::Fast);

}  // namespace wstudio::host::sandbox

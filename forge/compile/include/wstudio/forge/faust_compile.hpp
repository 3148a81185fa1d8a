// One Faust program compiled to a .wasm (forge/README.md, "Faust"; FC-1..6, 12, 13): the source
// guard first (in this process: imports of Faust's own libraries only, no foreign functions, no
// sound files), then, in the same compile jail as C++, Faust with its fixed command line and the
// Forge's architecture, the checks of what it wrote, and the C++ compile. Faust's errors come back
// on plugin.dsp with their line.
//
// [main] Blocks for the compile (seconds): call it on a worker thread (BuildService does).
#pragma once

#include <string_view>

#include "wstudio/forge/cpp_compile.hpp"

namespace wstudio::forge {

CompileOutcome compileFaust(std::string_view source, const CompileLimits& limits);

}  // namespace wstudio::forge

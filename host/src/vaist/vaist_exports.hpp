// Which wasm export is which vAIst function. A clean build exports `prepare`, `process`, ...
// under their own names; an emscripten -O3 build with JS glue exports single letters, and only
// the glue's map says which is which. Either way every function is checked against the signature
// the vAIst bindings give it, so a glue file from another build is caught here with a message
// saying so, not later as a crash. Pure: works on ModuleInfo, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vaist/emscripten_glue.hpp"
#include "wasm/module_info.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

// The wasm export names (as they appear in the module) of the functions the host calls.
struct VaistExportNames {
  std::string prepare;  // (f32) -> ()
  std::string reset;    // () -> ()
  std::string process;  // (i32 inL, i32 inR, i32 outL, i32 outR, i32 n) -> ()
  std::string malloc;   // (i32) -> i32
  std::optional<std::string> free;          // (i32) -> ()
  std::optional<std::string> constructors;  // _initialize or __wasm_call_ctors: () -> ()
  std::vector<std::string> setters;         // set_<key> per descriptor param, in param order
};

// The signatures, for CompiledModule::function().
wasm::FuncType prepareType();
wasm::FuncType voidType();
wasm::FuncType processType();
wasm::FuncType mallocType();
wasm::FuncType freeType();
wasm::FuncType setterType();

// True when the exports look like emscripten's minified boundary (every name one or two
// characters), i.e. the module cannot be used without its glue.
bool hasMinifiedExports(const wasm::ModuleInfo& info);

// Resolves and checks every export. `glue` is the parsed .js (nullptr for a clean-named module);
// `wasmName` and `glueName` are file names for the messages.
Result<VaistExportNames> resolveVaistExports(const wasm::ModuleInfo& info, const GlueMap* glue,
                                             const PluginDescriptor& descriptor,
                                             const std::string& wasmName, const std::string& glueName);

}  // namespace wstudio::host::vaist

// Bodies for the imports of an emscripten-built DSP module, as C compiled into the sandbox:
//   emscripten_memcpy_big   really copies inside the module's memory (emscripten's memcpy hands
//                           every copy of 512 bytes or more to it, e.g. process()'s in->out copy);
//   emscripten_resize_heap  grows memory to the requested size, within the instance's ceiling
//                           (64 MiB), or reports failure like a browser out of memory;
//   everything else         (embind registration, WASI stubs of standalone builds) does nothing
//                           and returns zero: these DSP modules only call them at start-up, and
//                           nothing they register is used.
// Names come from the glue's import map when the module was minified. Which import plays which
// role is decided once here (emscriptenImportRoles), for the sandbox's C bodies and for the
// browser's manifest (vaist_manifest.hpp), so both hosts emulate the same imports the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vaist/emscripten_glue.hpp"
#include "wasm/module_info.hpp"
#include "sandbox/sandbox.hpp"

namespace wstudio::host::vaist {

enum class ImportRole { MemcpyBig, ResizeHeap, ReturnZero };
// "memcpy_big", "resize_heap", "zero": the manifest's names (abi/boundary.json).
std::string_view importRoleName(ImportRole role);

struct EmulatedImport {
  std::string module;
  std::string field;
  wasm::FuncType type;
  ImportRole role = ImportRole::ReturnZero;
};

// One entry per function import of `info`, in import order. `glue` is nullptr for a clean-named
// module.
std::vector<EmulatedImport> emscriptenImportRoles(const wasm::ModuleInfo& info, const GlueMap* glue);

// One binding per function import of `info`. `glue` is nullptr for a clean-named module.
std::vector<sandbox::ImportBinding> emscriptenImportBindings(const wasm::ModuleInfo& info, const GlueMap* glue);

}  // namespace wstudio::host::vaist

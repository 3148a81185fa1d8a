// Reads the name maps out of the JS glue that emscripten 3.1.6 writes next to a minified module.
// At -O3 with JS output emscripten renames the wasm boundary to single letters ("o", "r", ...);
// only the glue knows that export "o" is _prepare or that import "a"."g" is
// _emscripten_memcpy_big. The glue is never run: it is scanned as text. Pure: no I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "wstudio/host/result.hpp"

namespace wstudio::host::vaist {

struct GlueMap {
  // C name -> wasm export name, e.g. "prepare" -> "o", "__wasm_call_ctors" -> "m".
  std::map<std::string, std::string> exports;
  // Wasm export names of the memory and the function table ("l", "n"), empty if not found.
  std::string memoryExport;
  std::string tableExport;
  // The module name the imports come from ("a" when minified, "env" when not).
  std::string importModule = "env";
  // Wasm import field -> C name, e.g. "g" -> "emscripten_memcpy_big".
  std::map<std::string, std::string> imports;
};

// Recognises `Module["_prepare"]=Module["asm"]["o"]` (alone or inside 3.1.6's lazy wrapper
// `Module["_prepare"]=function(){return(_prepare=Module["_prepare"]=Module["asm"]["o"])...}`),
// `wasmMemory=Module["asm"]["l"]`, `wasmTable=Module["asm"]["n"]`, the import object
// `asmLibraryArg={"g":_emscripten_memcpy_big,...}` and `var info={"a":asmLibraryArg}`.
// Fails when the text has no export map at all (not emscripten glue).
Result<GlueMap> parseEmscriptenGlue(std::string_view js);

}  // namespace wstudio::host::vaist

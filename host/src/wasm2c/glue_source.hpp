// Generates the per-module C that joins wasm2c's output to the runtime: the import structs and
// import functions (C bodies or callback calls), one generic caller per exported function, the
// exported-global table and the instantiation wiring. See runtime/wsx_entry.c for how they are
// used.
#pragma once

#include <string>
#include <vector>

#include "wasm/module_info.hpp"
#include "wasm2c/sandbox.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::wasm2c {

// Checks that every function import has exactly one binding and that every import and export
// uses types the sandbox can pass (i32, i64, f32, f64; at most one result). Errors name the
// import or export.
Status checkBindable(const wasm::ModuleInfo& info, const std::vector<ImportBinding>& bindings);

// The C unit compiled into the module's .so. `generatedHeader` is wasm2c's m.h (its
// Z_m_instantiate declaration gives the order of import-module arguments).
Result<std::string> generateUnit(const wasm::ModuleInfo& info,
                                 const std::vector<ImportBinding>& bindings,
                                 const std::string& generatedHeader);

}  // namespace wstudio::host::wasm2c

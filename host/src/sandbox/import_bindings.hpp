// Matches the embedder's import bindings (CompileOptions::imports) to a module's imports: one
// binding per function import, each a C body or a callback; callbacks are numbered in binding
// order (the order CompiledModule hands them to instantiate).
#pragma once

#include <vector>

#include "wasm/module_info.hpp"
#include "sandbox/sandbox.hpp"
#include "wasm_to_c/translator.hpp"
#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

// One implementation per function import, in import order. Errors name the import: unbound,
// imported twice, bound ambiguously, or a table or global import (not supported).
Result<std::vector<wasm_to_c::ImportImplementation>> resolveImports(const wasm::ModuleInfo& info,
                                                                    const std::vector<ImportBinding>& bindings);

}  // namespace wstudio::host::sandbox

#include "sandbox/import_bindings.hpp"

#include <map>
#include <set>

#include "wasm/names.hpp"

namespace wstudio::host::sandbox {

Result<std::vector<wasm_to_c::ImportImplementation>> resolveImports(const wasm::ModuleInfo& info,
                                                                    const std::vector<ImportBinding>& bindings) {
  // (module, field) -> the binding and, for a callback, its index among the callbacks.
  std::map<std::pair<std::string, std::string>, std::pair<const ImportBinding*, uint32_t>> bound;
  uint32_t callbacks = 0;
  for (const ImportBinding& binding : bindings) {
    const uint32_t index = binding.callback != nullptr ? callbacks++ : 0;
    bound.emplace(std::pair{binding.module, binding.field}, std::pair{&binding, index});
  }
  std::vector<wasm_to_c::ImportImplementation> implementations;
  std::set<std::pair<std::string, std::string>> seen;
  for (const wasm::Import& import : info.imports) {
    const std::string what = "imports " + wasm::printable(import.module) + "." + wasm::printable(import.field);
    if (!seen.insert({import.module, import.field}).second) return fail(what + " twice");
    if (import.kind == wasm::ExternKind::Table || import.kind == wasm::ExternKind::Global) {
      return fail(what + ": importing a " + externKindName(import.kind) + " is not supported");
    }
    if (import.kind != wasm::ExternKind::Function) continue;
    auto found = bound.find({import.module, import.field});
    if (found == bound.end()) return fail(what + ", which this host does not provide");
    const auto [binding, callbackIndex] = found->second;
    if ((binding->callback != nullptr) == !binding->cBody.empty()) {
      return fail(what + ": its binding needs exactly one of a C body and a callback");
    }
    wasm_to_c::ImportImplementation impl;
    if (binding->callback != nullptr) {
      impl.callback = callbackIndex;
    } else {
      impl.cBody = binding->cBody;
    }
    implementations.push_back(std::move(impl));
  }
  return implementations;
}

}  // namespace wstudio::host::sandbox

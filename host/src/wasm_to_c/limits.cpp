#include "wasm_to_c/limits.hpp"

namespace wstudio::host::wasm_to_c {

namespace {

Status within(uint64_t count, uint64_t limit, const char* what) {
  if (count <= limit) return Ok{};
  return fail("the module has " + std::to_string(count) + " " + what + "; this host translates at most " +
              std::to_string(limit));
}

}  // namespace

Status checkTranslationLimits(const Module& m) {
  uint64_t exported = 0, dataBytes = 0, elements = 0, typeEntries = 0, codeBytes = 0;
  for (const wasm::Export& e : m.exports) exported += e.kind == wasm::ExternKind::Function;
  for (const DataSegment& d : m.data) dataBytes += d.bytes.size();
  for (const ElementSegment& e : m.elements) elements += e.functions.size();
  for (const FuncType& t : m.types) typeEntries += t.params.size() + t.results.size();
  for (size_t i = 0; i < m.bodies.size(); ++i) {
    const uint64_t size = m.bodies[i].bytes.size();
    if (size > kMaxFunctionBodyBytes) {
      return fail("function " + std::to_string(m.importedFunctionCount() + i) + " has a body of " +
                  std::to_string(size) + " bytes; this host translates at most " +
                  std::to_string(kMaxFunctionBodyBytes) + " per function");
    }
    codeBytes += size;
  }
  for (const Status& s : {within(m.functionTypes.size(), kMaxTranslatedFunctions, "functions"),
                          within(exported, kMaxExportedFunctions, "exported functions"),
                          within(m.globals.size(), kMaxGlobals, "globals"),
                          within(dataBytes, kMaxDataBytes, "bytes of data segments"),
                          within(elements, kMaxElementEntries, "element segment entries"),
                          within(typeEntries, kMaxTypeEntries, "parameters and results in its types"),
                          within(codeBytes, kMaxCodeBytes, "bytes of function bodies")}) {
    if (!s) return s;
  }
  return Ok{};
}

}  // namespace wstudio::host::wasm_to_c

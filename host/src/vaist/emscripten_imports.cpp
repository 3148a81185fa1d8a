#include "vaist/emscripten_imports.hpp"

#include "wstudio/boundary/boundary.hpp"

namespace wstudio::host::vaist {
namespace {

// memmove, not memcpy: emscripten's JS does copyWithin, which allows overlap.
constexpr const char* kMemcpyBig =
    "uint8_t* dest = wsx_memory_range(env->memory, p0, p2);\n"
    "uint8_t* src = wsx_memory_range(env->memory, p1, p2);\n"
    "memmove(dest, src, p2);\n"
    "return p0;\n";

// Returns 1 when memory now holds `p0` bytes, 0 when it cannot grow (past the instance's
// ceiling); emscripten's sbrk then fails the allocation.
constexpr const char* kResizeHeap =
    "wsx_memory* memory = env->memory;\n"
    "if (memory == NULL) return 0;\n"
    "uint64_t pages = ((uint64_t)p0 + 65535u) / 65536u;\n"
    "if (pages <= memory->pages) return 1;\n"
    "if (pages > 65536u) return 0;\n"
    "return wsx_memory_grow(memory, (uint32_t)(pages - memory->pages)) == UINT32_MAX ? 0 : 1;\n";

std::string zeroBody(const wasm::FuncType& type) {
  return type.results.empty() ? std::string("return;\n") : std::string("return 0;\n");
}

}  // namespace

std::string_view importRoleName(ImportRole role) {
  switch (role) {
    case ImportRole::MemcpyBig: return boundary::kVaistRoleMemcpyBig;
    case ImportRole::ResizeHeap: return boundary::kVaistRoleResizeHeap;
    case ImportRole::ReturnZero: break;
  }
  return boundary::kVaistRoleZero;
}

std::vector<EmulatedImport> emscriptenImportRoles(const wasm::ModuleInfo& info, const GlueMap* glue) {
  using wasm::ValType;
  const wasm::FuncType memcpyType{{ValType::I32, ValType::I32, ValType::I32}, {ValType::I32}};
  const wasm::FuncType resizeType{{ValType::I32}, {ValType::I32}};

  std::vector<EmulatedImport> roles;
  for (const wasm::Import& import : info.imports) {
    if (import.kind != wasm::ExternKind::Function) continue;
    std::string name = import.field;
    if (glue != nullptr && import.module == glue->importModule) {
      auto it = glue->imports.find(import.field);
      if (it != glue->imports.end()) name = it->second;
    }
    EmulatedImport emulated{import.module, import.field, import.function, ImportRole::ReturnZero};
    if (name == "emscripten_memcpy_big" && import.function == memcpyType) {
      emulated.role = ImportRole::MemcpyBig;
    } else if (name == "emscripten_resize_heap" && import.function == resizeType) {
      emulated.role = ImportRole::ResizeHeap;
    }
    roles.push_back(std::move(emulated));
  }
  return roles;
}

std::vector<sandbox::ImportBinding> emscriptenImportBindings(const wasm::ModuleInfo& info, const GlueMap* glue) {
  std::vector<sandbox::ImportBinding> bindings;
  for (const EmulatedImport& import : emscriptenImportRoles(info, glue)) {
    std::string body = import.role == ImportRole::MemcpyBig    ? std::string(kMemcpyBig)
                       : import.role == ImportRole::ResizeHeap ? std::string(kResizeHeap)
                                                               : zeroBody(import.type);
    bindings.push_back(sandbox::ImportBinding{import.module, import.field, std::move(body), nullptr});
  }
  return bindings;
}

}  // namespace wstudio::host::vaist

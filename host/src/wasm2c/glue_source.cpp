#include "wasm2c/glue_source.hpp"

#include <map>
#include <set>
#include <sstream>

#include "wasm2c/generated_names.hpp"

namespace wstudio::host::wasm2c {

namespace {

using wasm::ExternKind;
using wasm::FuncType;
using wasm::ValType;

bool passable(ValType type) {
  return type == ValType::I32 || type == ValType::I64 || type == ValType::F32 || type == ValType::F64;
}

const char* cType(ValType type) {
  switch (type) {
    case ValType::I32: return "u32";
    case ValType::I64: return "u64";
    case ValType::F32: return "f32";
    default: return "f64";
  }
}

// The wsx_value member holding a value of this type.
const char* member(ValType type) {
  switch (type) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    default: return "f64";
  }
}

std::string checkSignature(const FuncType& type, const std::string& what) {
  for (ValType t : type.params) {
    if (!passable(t)) return what + ": parameter type " + valTypeName(t) + " is not supported";
  }
  for (ValType t : type.results) {
    if (!passable(t)) return what + ": result type " + valTypeName(t) + " is not supported";
  }
  if (type.results.size() > 1) return what + ": multiple results are not supported";
  return {};
}

const ImportBinding* findBinding(const std::vector<ImportBinding>& bindings,
                                 const wasm::Import& import) {
  for (const ImportBinding& binding : bindings) {
    if (binding.module == import.module && binding.field == import.field) return &binding;
  }
  return nullptr;
}

// The import-module structs in the order Z_m_instantiate takes them, read from wasm2c's header.
std::vector<std::string> instantiateArguments(const std::string& header) {
  std::vector<std::string> structs;
  const std::string declaration = "void Z_m_instantiate(Z_m_instance_t*";
  const size_t begin = header.find(declaration);
  if (begin == std::string::npos) return structs;
  const size_t end = header.find(");", begin);
  std::string_view args(header.data() + begin + declaration.size(), end - begin - declaration.size());
  size_t at = 0;
  while ((at = args.find("struct ", at)) != std::string_view::npos) {
    at += 7;
    const size_t stop = args.find('*', at);
    structs.emplace_back(args.substr(at, stop - at));
  }
  return structs;
}

void writeImportFunction(std::ostringstream& c, const wasm::Import& import,
                         const ImportBinding& binding, uint32_t callbackIndex) {
  const FuncType& type = import.function;
  const std::string result = type.results.empty() ? "void" : cType(type.results[0]);
  c << "/* an import, bound by the embedder */\n";
  c << result << " " << importSymbol(import.module, import.field) << "(struct "
    << importStruct(import.module) << "* import_instance";
  for (size_t i = 0; i < type.params.size(); ++i) c << ", " << cType(type.params[i]) << " p" << i;
  c << ") {\n  wsx_env* env = &import_instance->env;\n  (void)env;\n";
  if (binding.callback != nullptr) {
    c << "  wsx_value args[" << std::max<size_t>(type.params.size(), 1) << "];\n";
    for (size_t i = 0; i < type.params.size(); ++i) {
      c << "  args[" << i << "]." << member(type.params[i]) << " = p" << i << ";\n";
    }
    c << "  wsx_value results[1] = {{0}};\n";
    c << "  wsx_call_host(env, " << callbackIndex << "u, args, results);\n";
    if (!type.results.empty()) c << "  return results[0]." << member(type.results[0]) << ";\n";
  } else {
    for (size_t i = 0; i < type.params.size(); ++i) c << "  (void)p" << i << ";\n";
    c << "  {\n" << binding.cBody << "\n  }\n";
  }
  c << "}\n\n";
}

void writeThunk(std::ostringstream& c, const wasm::Export& e) {
  const FuncType& type = e.function;
  c << "static void wsx_thunk_" << e.ordinal
    << "(Z_m_instance_t* instance, const wsx_value* args, wsx_value* results) {\n  (void)args;\n"
    << "  (void)results;\n  ";
  if (!type.results.empty()) c << "results[0]." << member(type.results[0]) << " = ";
  c << exportSymbol(e.name) << "(instance";
  for (size_t i = 0; i < type.params.size(); ++i) c << ", args[" << i << "]." << member(type.params[i]);
  c << ");\n}\n";
}

}  // namespace

Status checkBindable(const wasm::ModuleInfo& info, const std::vector<ImportBinding>& bindings) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const wasm::Import& import : info.imports) {
    const std::string what = "imports " + import.module + "." + import.field;
    if (!seen.insert({import.module, import.field}).second) return fail(what + " twice");
    if (import.kind == ExternKind::Table || import.kind == ExternKind::Global) {
      return fail(what + ": importing a " + externKindName(import.kind) + " is not supported");
    }
    if (import.kind != ExternKind::Function) continue;
    const ImportBinding* binding = findBinding(bindings, import);
    if (binding == nullptr) return fail(what + ", which this host does not provide");
    if ((binding->callback != nullptr) == !binding->cBody.empty()) {
      return fail(what + ": its binding needs exactly one of a C body and a callback");
    }
    if (std::string error = checkSignature(import.function, what); !error.empty()) return fail(error);
  }
  for (const wasm::Export& e : info.exports) {
    if (e.kind != ExternKind::Function) continue;
    if (std::string error = checkSignature(e.function, "exports " + e.name); !error.empty()) {
      return fail(error);
    }
  }
  return Ok{};
}

Result<std::string> generateUnit(const wasm::ModuleInfo& info,
                                 const std::vector<ImportBinding>& bindings,
                                 const std::string& generatedHeader) {
  if (Status bindable = checkBindable(info, bindings); !bindable) return fail(bindable.error());
  std::ostringstream c;
  c << "/* Generated by wstudio_host: wsx glue for one module. */\n"
       "#include \"wsx_abi.h\"\n#include \"m.h\"\n#include \"wsx_runtime.c\"\n#include \"m.c\"\n\n";

  // Import-module structs: each wraps the instance's wsx_env, which wasm2c passes to imports.
  const std::vector<std::string> structs = instantiateArguments(generatedHeader);
  for (const std::string& name : structs) c << "struct " << name << " { wsx_env env; };\n";
  c << "\n";

  // Callbacks are numbered in the embedder's binding order (the array given to instantiate).
  std::map<std::pair<std::string, std::string>, uint32_t> callbackIndex;
  uint32_t callbacks = 0;
  for (const ImportBinding& binding : bindings) {
    if (binding.callback != nullptr) callbackIndex[{binding.module, binding.field}] = callbacks++;
  }
  const wasm::Import* importedMemory = nullptr;
  for (const wasm::Import& import : info.imports) {
    if (import.kind == ExternKind::Memory) {
      importedMemory = &import;
      c << "wasm_rt_memory_t* " << importSymbol(import.module, import.field) << "(struct "
        << importStruct(import.module) << "* import_instance) {\n"
        << "  return &import_instance->env.imported_memory;\n}\n\n";
    } else if (import.kind == ExternKind::Function) {
      const ImportBinding& binding = *findBinding(bindings, import);
      writeImportFunction(c, import, binding, callbackIndex[{import.module, import.field}]);
    }
  }

  uint32_t thunks = 0;
  for (const wasm::Export& e : info.exports) {
    if (e.kind == ExternKind::Function) {
      writeThunk(c, e);
      ++thunks;
    }
  }
  c << "\n#define WSX_THUNK_COUNT " << thunks << "u\n";
  c << "static void (*const wsx_thunks[" << std::max<uint32_t>(thunks, 1)
    << "])(Z_m_instance_t*, const wsx_value*, wsx_value*) = {";
  for (uint32_t i = 0; i < thunks; ++i) c << (i ? ", " : "") << "wsx_thunk_" << i;
  if (thunks == 0) c << "NULL";
  c << "};\n\n";

  c << "static void* wsx_global_address(Z_m_instance_t* instance, uint32_t ordinal) {\n"
       "  (void)instance;\n  switch (ordinal) {\n";
  for (const wasm::Export& e : info.exports) {
    if (e.kind == ExternKind::Global) {
      c << "    case " << e.ordinal << "u: return " << exportSymbol(e.name) << "(instance);\n";
    }
  }
  c << "    default: return NULL;\n  }\n}\n\n";

  c << "static void wsx_wire(wsx_instance* x) {\n";
  if (importedMemory != nullptr) {
    c << "  wasm_rt_allocate_memory(&x->env.imported_memory, " << importedMemory->limits.min << "u, "
      << importedMemory->limits.max.value_or(65536) << "u);\n"
      << "  x->env.memory = &x->env.imported_memory;\n";
  } else if (const wasm::Export* memory = [&]() -> const wasm::Export* {
               for (const wasm::Export& e : info.exports) {
                 if (e.kind == ExternKind::Memory) return &e;
               }
               return nullptr;
             }()) {
    c << "  x->env.memory = " << exportSymbol(memory->name) << "(&x->module);\n";
  }
  c << "  Z_m_instantiate(&x->module";
  for (const std::string& name : structs) c << ", (struct " << name << "*)&x->env";
  c << ");\n}\n\n#include \"wsx_entry.c\"\n";
  return c.str();
}

}  // namespace wstudio::host::wasm2c

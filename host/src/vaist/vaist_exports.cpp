#include "vaist/vaist_exports.hpp"

namespace wstudio::host::vaist {

using wasm::ExternKind;
using wasm::FuncType;
using wasm::ValType;

FuncType prepareType() { return {{ValType::F32}, {}}; }
FuncType voidType() { return {{}, {}}; }
FuncType processType() { return {{ValType::I32, ValType::I32, ValType::I32, ValType::I32, ValType::I32}, {}}; }
FuncType mallocType() { return {{ValType::I32}, {ValType::I32}}; }
FuncType freeType() { return {{ValType::I32}, {}}; }
FuncType setterType() { return {{ValType::F32}, {}}; }

bool hasMinifiedExports(const wasm::ModuleInfo& info) {
  if (info.exports.empty()) return false;
  for (const wasm::Export& e : info.exports) {
    if (e.name.size() > 2) return false;
  }
  return true;
}

namespace {

class Resolver {
 public:
  Resolver(const wasm::ModuleInfo& info, const GlueMap* glue, std::string wasmName, std::string glueName)
      : info_(info), glue_(glue), wasmName_(std::move(wasmName)), glueName_(std::move(glueName)) {}

  // The export name of C function `name`, checked to have `type`; nullopt when the module (or
  // the glue) does not have it and `required` is false.
  Result<std::optional<std::string>> find(const std::string& name, const FuncType& type, bool required,
                                          const std::string& why) {
    std::string exportName = name;
    if (glue_ != nullptr) {
      auto it = glue_->exports.find(name);
      if (it == glue_->exports.end()) {
        if (!required) return std::optional<std::string>{};
        return fail("'" + glueName_ + "' maps no export to " + name + " (" + why +
                    "); is it the glue emscripten wrote together with '" + wasmName_ + "'?");
      }
      exportName = it->second;
    }
    const wasm::Export* e = info_.findExport(exportName);
    if (e == nullptr) {
      if (glue_ != nullptr) {
        return fail("'" + glueName_ + "' does not match '" + wasmName_ + "': it maps " + name +
                    " to export '" + exportName + "', which the module does not have. Use the .js "
                    "built together with this .wasm");
      }
      if (!required) return std::optional<std::string>{};
      return fail("'" + wasmName_ + "' does not export " + name + " (" + why + ")");
    }
    if (e->kind != ExternKind::Function || e->function != type) {
      std::string actual = e->kind == ExternKind::Function ? wasm::toString(e->function)
                                                           : std::string("a ") + wasm::externKindName(e->kind);
      std::string what = glue_ != nullptr ? "'" + glueName_ + "' does not match '" + wasmName_ + "': " + name +
                                                " maps to export '" + exportName + "', which is "
                                          : "'" + wasmName_ + "' exports " + name + " as ";
      return fail(what + actual + ", but " + name + " must be " + wasm::toString(type) +
                  (glue_ != nullptr ? ". Use the .js built together with this .wasm" : ""));
    }
    return std::optional<std::string>{exportName};
  }

  Result<std::string> require(const std::string& name, const FuncType& type, const std::string& why) {
    auto found = find(name, type, true, why);
    if (!found) return Error{found.error()};
    return **found;
  }

 private:
  const wasm::ModuleInfo& info_;
  const GlueMap* glue_;
  std::string wasmName_;
  std::string glueName_;
};

}  // namespace

Result<VaistExportNames> resolveVaistExports(const wasm::ModuleInfo& info, const GlueMap* glue,
                                             const PluginDescriptor& descriptor,
                                             const std::string& wasmName, const std::string& glueName) {
  if (!info.memoryLimits() || info.memoryImported) {
    return fail("'" + wasmName + "' has no memory of its own; a vAIst Forge module defines and exports one");
  }
  Resolver r(info, glue, wasmName, glueName);
  VaistExportNames names;
  struct Required {
    const char* name;
    FuncType type;
    const char* why;
    std::string* target;
  };
  for (Required& q : std::vector<Required>{
           {"prepare", prepareType(), "every vAIst plugin has prepare(float sampleRate)", &names.prepare},
           {"reset", voidType(), "every vAIst plugin has reset()", &names.reset},
           {"process", processType(), "every vAIst plugin has process(inL, inR, outL, outR, n)", &names.process},
           {"malloc", mallocType(), "the host allocates its audio buffers with it", &names.malloc}}) {
    auto found = r.require(q.name, q.type, q.why);
    if (!found) return Error{found.error()};
    *q.target = *found;
  }

  auto free = r.find("free", freeType(), false, "");
  if (!free) return Error{free.error()};
  names.free = *free;
  // A standalone build runs its constructors from _initialize; a glue build from
  // __wasm_call_ctors (the glue calls it through addOnInit).
  for (const char* ctors : {"_initialize", "__wasm_call_ctors"}) {
    auto found = r.find(ctors, voidType(), false, "");
    if (!found) return Error{found.error()};
    if (*found) {
      names.constructors = *found;
      break;
    }
  }

  for (const ParamInfo& p : descriptor.params) {
    auto setter = r.require("set_" + p.key, setterType(),
                            "descriptor.json lists parameter '" + p.key + "'");
    if (!setter) return Error{setter.error()};
    names.setters.push_back(*setter);
  }
  return names;
}

}  // namespace wstudio::host::vaist

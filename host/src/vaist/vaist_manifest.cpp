#include "vaist/vaist_manifest.hpp"

#include <nlohmann/json.hpp>

#include "vaist/emscripten_imports.hpp"
#include "vaist/read_file.hpp"
#include "vaist/text.hpp"
#include "wasm/reader.hpp"
#include "wstudio/boundary/boundary.hpp"
#include "wstudio/host/sha256.hpp"

namespace wstudio::host::vaist {
namespace {

using Json = nlohmann::ordered_json;

Json optionalName(const std::optional<std::string>& name) { return name ? Json(*name) : Json(nullptr); }

// A JavaScript function can stand in for an import only when its result is one number (or none).
Result<Json> resultType(const EmulatedImport& import) {
  if (import.type.results.empty()) return Json(nullptr);
  const wasm::ValType type = import.type.results[0];
  const bool number = type == wasm::ValType::I32 || type == wasm::ValType::I64 || type == wasm::ValType::F32 ||
                      type == wasm::ValType::F64;
  if (import.type.results.size() > 1 || !number) {
    return fail(concat({"it imports ", import.module, ".", import.field, " as ", wasm::toString(import.type),
                        ", a function a browser host cannot stand in for"}));
  }
  return Json(wasm::valTypeName(type));
}

}  // namespace

Result<std::string> vaistManifest(const VaistPlan& plan, const wasm::ModuleInfo& info,
                                  std::span<const uint8_t> wasm) {
  std::string memory;
  for (const wasm::Export& e : info.exports) {
    if (e.kind == wasm::ExternKind::Memory) memory = e.name;
  }
  if (memory.empty()) {
    return fail("the module does not export its memory, so a browser host cannot reach its audio buffers");
  }
  Json imports = Json::array();
  for (const EmulatedImport& import : emscriptenImportRoles(info, plan.glue ? &*plan.glue : nullptr)) {
    auto result = resultType(import);
    if (!result) return Error{result.error()};
    imports.push_back({{"module", import.module},
                       {"field", import.field},
                       {"role", importRoleName(import.role)},
                       {"result", std::move(result.value())}});
  }
  const VaistExportNames& n = plan.names;
  const Json exports = {{"prepare", n.prepare},
                        {"reset", n.reset},
                        {"process", n.process},
                        {"malloc", n.malloc},
                        {"free", optionalName(n.free)},
                        {"constructors", optionalName(n.constructors)},
                        {"setters", n.setters}};
  const Json manifest = {
      {"format", boundary::kVaistManifestFormat},
      {"version", boundary::kVaistManifestVersion},
      {"sha256", sha256Hex(std::string_view(reinterpret_cast<const char*>(wasm.data()), wasm.size()))},
      {"descriptor", Json::parse(toJson(plan.descriptor))},
      {"memory", memory},
      {"exports", exports},
      {"imports", std::move(imports)}};
  return manifest.dump(2);
}

Result<std::string> readVaistManifest(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path file =
      std::filesystem::is_directory(path, ec) ? path / kVaistWasmName : path;
  auto bytes = readFileBytes(file);
  if (!bytes) return Error{bytes.error()};
  auto info = wasm::readModule(*bytes);
  if (!info) return fail(concat({"'", file.string(), "' is not a valid WebAssembly module: ", info.error()}));
  auto plan = planVaistModule(file, *info);
  if (!plan) return Error{plan.error()};
  auto manifest = vaistManifest(*plan, *info, *bytes);
  if (!manifest) return fail(concat({"vAIst plugin '", plan->descriptor.name, "' cannot play in a browser: ",
                                     manifest.error()}));
  return manifest;
}

}  // namespace wstudio::host::vaist

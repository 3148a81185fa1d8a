#include "vaist/vaist_plan.hpp"

#include "vaist/read_file.hpp"
#include "vaist/text.hpp"
#include "vaist/vaist_descriptor.hpp"

namespace wstudio::host::vaist {

Result<VaistPlan> planVaistModule(const std::filesystem::path& wasmFile, const wasm::ModuleInfo& info) {
  const std::filesystem::path descriptorFile = wasmFile.parent_path() / "descriptor.json";
  auto descriptorText = readFileText(descriptorFile);
  if (!descriptorText) {
    return fail(concat({"vAIst Forge plugin '", wasmFile.string(), "' needs its descriptor.json in the same folder: ",
                        descriptorText.error()}));
  }
  auto descriptor = parseVaistDescriptor(*descriptorText);
  if (!descriptor) return fail(concat({"'", descriptorFile.string(), "': ", descriptor.error()}));

  // Clean names (process, prepare, ...) need no glue; emscripten's minified ones do.
  std::optional<GlueMap> glue;
  std::filesystem::path glueFile = wasmFile;
  glueFile.replace_extension(".js");
  if (info.findExport("process") == nullptr) {
    if (!std::filesystem::exists(glueFile)) {
      return fail(concat({"'", wasmFile.string(), "' has emscripten's minified export names (",
                          hasMinifiedExports(info) ? "single letters" : "no 'process' export",
                          "); the map to prepare/process/set_... is only in the JS glue built with it. Put '",
                          glueFile.filename().string(),
                          "' from the same build beside it, or rebuild with an explicit EXPORTED_FUNCTIONS list"}));
    }
    auto js = readFileText(glueFile);
    if (!js) return Error{js.error()};
    auto parsed = parseEmscriptenGlue(*js);
    if (!parsed) return fail(concat({"'", glueFile.string(), "': ", parsed.error()}));
    glue = std::move(parsed.value());
  }

  auto names = resolveVaistExports(info, glue ? &*glue : nullptr, *descriptor, wasmFile.filename().string(),
                                   glueFile.filename().string());
  if (!names) return Error{names.error()};
  return VaistPlan{std::move(descriptor.value()), std::move(glue), std::move(names.value())};
}

}  // namespace wstudio::host::vaist

#include "plugins/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include "wstudio/boundary/boundary.hpp"
#include "wstudio/conformance/report.hpp"
#include "wstudio/host/plugin.hpp"
#include "wstudio/host/sha256.hpp"
#include "wstudio/worker/plugin_worker.hpp"

namespace wstudio::server {

PluginCatalog::PluginCatalog(std::filesystem::path cacheDir, const factory::Catalog& catalog)
    : cacheDir_(std::move(cacheDir)) {
  for (const factory::Plugin& plugin : catalog.plugins) {
    const std::string& id = plugin.descriptor.id;
    factory_[id] = std::make_shared<const host::PluginDescriptor>(plugin.descriptor);
    auto& list = presets_[id];
    for (const factory::Preset& preset : plugin.presets) {
      nlohmann::json byId = nlohmann::json::object();
      for (const auto& [paramId, plain] : preset.values) byId[std::to_string(paramId)] = plain;
      list.push_back(FactoryPreset{preset.name, byId.dump()});
    }
  }
}

std::shared_ptr<const host::PluginDescriptor> PluginCatalog::descriptor(std::string_view pluginId) {
  const std::string id(pluginId);
  if (const auto it = factory_.find(id); it != factory_.end()) return it->second;
  std::lock_guard lock(mutex_);
  const auto it = uploaded_.find(id);
  return it != uploaded_.end() ? it->second : nullptr;
}

void PluginCatalog::remember(std::shared_ptr<const host::PluginDescriptor> descriptor) {
  std::lock_guard lock(mutex_);
  uploaded_[descriptor->id] = std::move(descriptor);
}

const std::vector<FactoryPreset>* PluginCatalog::factoryPresets(std::string_view pluginId) const {
  const auto it = presets_.find(std::string(pluginId));
  return it != presets_.end() ? &it->second : nullptr;
}

namespace {

// What a vAIst Forge plugin may fail and still be accepted: findings about its sound that the
// format gives its author no means to act on and that the hosts absorb. Denormal output (ABI-12
// without a fault: both hosts flush denormals) and zipper noise (ABI-16: a vAIst plugin has no
// smoothing of its own). Every fault (trap, non-finite output, runaway) and every other rule
// still refuses it: those are what break a session.
bool toleratedForVaist(const conformance::CheckResult& check) {
  if (!check.fault.empty() || check.failedRules.empty()) return false;
  for (const auto& rule : check.failedRules) {
    if (rule != "ABI-12" && rule != "ABI-16") return false;
  }
  return true;
}

std::string finding(const conformance::CheckResult& check) {
  std::string text;
  for (const auto& rule : check.failedRules) text += rule + " ";
  return text + "(" + check.name + ": " + check.reason + ")";
}

}  // namespace

PluginCatalog::Validation PluginCatalog::validate(std::string_view wasm) {
  return judge(worker::pluginFilesFromBytes("upload.wasm", std::string(wasm)), false);
}

PluginCatalog::Validation PluginCatalog::validateVaist(std::string_view wasm, std::string_view glue,
                                                       std::string_view descriptorJson) {
  // The Forge's own file names, in a folder of their own in the run jail.
  worker::PluginFiles files = worker::pluginFilesFromBytes("vaist-processor.wasm", std::string(wasm));
  files.shownFolder = "upload/";
  if (!glue.empty()) files.files.emplace_back("vaist-processor.js", std::string(glue));
  files.files.emplace_back("descriptor.json", std::string(descriptorJson));
  Validation validation = judge(files, true);
  if (!validation.descriptor) return validation;
  if (validation.manifest.empty()) {
    return {nullptr, validation.problem.empty() ? "it is not a vAIst Forge plugin (it loads as a WSP plugin: "
                                                  "upload it as a plain asset)"
                                                : validation.problem,
            {},
            {}};
  }
  // The worker ran the plugin: its answer is checked here against what was uploaded.
  const auto manifest = nlohmann::json::parse(validation.manifest, nullptr, false);
  const std::string sha = host::sha256Hex(wasm);
  if (!manifest.is_object() || manifest.value("format", "") != boundary::kVaistManifestFormat ||
      manifest.value("version", 0) != boundary::kVaistManifestVersion || manifest.value("sha256", "") != sha ||
      !manifest.contains("descriptor") ||
      manifest["descriptor"].dump() != nlohmann::json::parse(host::toJson(*validation.descriptor)).dump()) {
    return {nullptr, "the plugin's sandbox answered with a manifest that does not describe the upload", {}, {}};
  }
  return validation;
}

PluginCatalog::Validation PluginCatalog::judge(const worker::PluginFiles& files, bool vaist) {
  // In the plugin sandbox: the upload is compiled in the compile jail and checked in the run jail;
  // nothing of it runs in this process (docs/sandbox.md).
  auto validated = worker::validatePlugin(files, /*quick=*/true, {}, {cacheDir_});
  if (!validated) return {nullptr, "the plugin cannot be loaded: " + validated.error(), {}, {}};
  // Only a plugin that loaded as vAIst Forge gets the vAIst allowance.
  const bool asVaist = vaist && validated->plugin.format == "vaist";
  std::string problem;
  std::vector<std::string> warnings;
  for (const auto& check : validated->report.checks) {
    if (check.outcome != conformance::Outcome::Fail) continue;
    if (asVaist && toleratedForVaist(check)) {
      warnings.push_back(finding(check));
    } else {
      problem += " " + finding(check) + ";";
    }
  }
  if (!problem.empty()) {
    problem.pop_back();
    return {nullptr, "the plugin fails conformance checks:" + problem + ". Run `vaist plugin validate` on it for details",
            {}, {}};
  }
  if (!validated->plugin.manifestProblem.empty()) problem = "a browser cannot drive it: " + validated->plugin.manifestProblem;
  return {std::make_shared<const host::PluginDescriptor>(std::move(validated->plugin.descriptor)), problem,
          std::move(validated->plugin.manifest), std::move(warnings)};
}

}  // namespace wstudio::server

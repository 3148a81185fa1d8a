#include "plugins/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include "wstudio/conformance/report.hpp"
#include "wstudio/host/plugin.hpp"
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

PluginCatalog::Validation PluginCatalog::validate(std::string_view wasm) {
  // In the plugin sandbox: the upload is compiled in the compile jail and checked in the run jail;
  // nothing of it runs in this process (docs/sandbox.md).
  auto validated = worker::validatePlugin(worker::pluginFilesFromBytes("upload.wasm", std::string(wasm)),
                                          /*quick=*/true, {}, {cacheDir_});
  if (!validated) return {nullptr, "the plugin cannot be loaded: " + validated.error()};
  const conformance::Report& report = validated->report;
  if (!report.passed()) {
    std::string problem = "the plugin fails conformance checks:";
    for (const auto& check : report.checks) {
      if (check.outcome != conformance::Outcome::Fail) continue;
      for (const auto& rule : check.failedRules) problem += " " + rule;
      problem += " (" + check.name + ": " + check.reason + ");";
    }
    problem.pop_back();
    return {nullptr, problem + ". Run `vaist plugin validate` on it for details"};
  }
  return {std::make_shared<const host::PluginDescriptor>(std::move(validated->plugin.descriptor)), {}};
}

}  // namespace wstudio::server

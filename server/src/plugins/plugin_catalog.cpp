#include "plugins/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include "wstudio/conformance/suite.hpp"
#include "wstudio/host/plugin.hpp"

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
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(wasm.data()), wasm.size());
  host::LoadOptions options;
  options.cacheDir = cacheDir_;
  auto module = host::loadWspModule(bytes, options);
  if (!module) return {nullptr, "the plugin cannot be loaded: " + module.error()};
  options.shareModuleInstance = true;
  auto shared = host::loadWspModule(bytes, options);
  conformance::SuiteTarget target{module.value(), shared ? shared.value() : nullptr};
  conformance::SuiteOptions suiteOptions;
  suiteOptions.quick = true;
  const conformance::Report report = conformance::runSuite(target, suiteOptions);
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
  return {std::make_shared<const host::PluginDescriptor>(module.value()->descriptor()), {}};
}

}  // namespace wstudio::server

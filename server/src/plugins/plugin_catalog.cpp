#include "plugins/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "plugins/factory_preset_files.hpp"
#include "wstudio/conformance/suite.hpp"
#include "wstudio/factory_plugins.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::server {

namespace {

// {"<key>": value} from presets.json -> {"<id>": value}, checked against the descriptor: a
// shipped preset with an unknown key or a value out of range is a build defect, reported loudly.
std::string presetParams(const host::PluginDescriptor& descriptor, const nlohmann::json& byKey,
                         const std::string& where) {
  nlohmann::json byId = nlohmann::json::object();
  for (const auto& [key, value] : byKey.items()) {
    const host::ParamInfo* param = descriptor.findParamByKey(key);
    if (param == nullptr) throw std::runtime_error(where + ": no parameter '" + key + "'");
    const double plain = value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
    if (plain < param->min || plain > param->max) {
      throw std::runtime_error(where + ": " + key + " = " + std::to_string(plain) +
                               " is outside its range");
    }
    byId[std::to_string(param->id)] = plain;
  }
  return byId.dump();
}

}  // namespace

PluginCatalog::PluginCatalog(std::filesystem::path cacheDir) : cacheDir_(std::move(cacheDir)) {
  std::unordered_map<std::string, std::shared_ptr<const host::PluginDescriptor>> byFolder;
  for (const FactoryPlugin& plugin : factoryPlugins()) {
    auto module = host::loadNativePlugin(plugin.api());
    if (!module) throw std::runtime_error("factory plugin " + std::string(plugin.name) + ": " + module.error());
    auto descriptor = std::make_shared<const host::PluginDescriptor>(module.value()->descriptor());
    factory_[descriptor->id] = descriptor;
    byFolder[std::string(plugin.name)] = descriptor;
  }
  for (const FactoryPresetFile& file : factoryPresetFiles()) {
    const std::string where = "plugins/" + std::string(file.plugin) + "/presets.json";
    const auto it = byFolder.find(std::string(file.plugin));
    if (it == byFolder.end()) throw std::runtime_error(where + ": no such factory plugin");
    const auto json = nlohmann::json::parse(file.json);
    auto& list = presets_[it->second->id];
    for (const auto& preset : json.at("presets")) {
      const std::string name = preset.at("name").get<std::string>();
      list.push_back(FactoryPreset{name, presetParams(*it->second, preset.at("params"),
                                                      where + " \"" + name + "\"")});
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

#include "plugins/plugin_catalog.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "plugins/factory_preset_files.hpp"
#include "wstudio/conformance/report.hpp"
#include "wstudio/factory_plugins.hpp"
#include "wstudio/host/plugin.hpp"
#include "wstudio/worker/plugin_worker.hpp"

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

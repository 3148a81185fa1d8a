#include "wstudio/factory/presets.hpp"

#include <set>

#include "preset_list.hpp"

namespace wstudio::factory {

namespace {

// A value as the descriptor's plain value: numbers as they are, booleans as 1 and 0.
host::Result<double> plainValue(const host::ParamInfo& param, const nlohmann::json& value,
                                const std::string& where) {
  if (!value.is_number() && !value.is_boolean())
    return host::fail(where + ": " + param.key + " must be a number or a boolean");
  const double plain = value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
  if (!(plain >= param.min && plain <= param.max)) {
    return host::fail(where + ": " + param.key + " = " + value.dump() + " is outside its range " +
                      nlohmann::json(param.min).dump() + ".." + nlohmann::json(param.max).dump());
  }
  return plain;
}

host::Result<Preset> presetFromJson(const host::PluginDescriptor& descriptor,
                                    const nlohmann::json& entry, const std::string& where) {
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
      !entry.contains("params") || !entry["params"].is_object())
    return host::fail(where + ": wants {\"name\": \"...\", \"params\": {\"<key>\": value}}");
  Preset preset{entry["name"].get<std::string>(), {}};
  const std::string here = where + " \"" + preset.name + "\"";
  for (const auto& [key, value] : entry["params"].items()) {
    const host::ParamInfo* param = descriptor.findParamByKey(key);
    if (param == nullptr)
      return host::fail(here + ": " + descriptor.id + " has no parameter '" + key + "'");
    auto plain = plainValue(*param, value, here);
    if (!plain) return host::fail(plain.error());
    preset.values.emplace_back(param->id, plain.value());
  }
  return preset;
}

}  // namespace

host::Result<std::vector<Preset>> presetsFromJson(const host::PluginDescriptor& descriptor,
                                                  const nlohmann::json& list,
                                                  const std::string& where) {
  if (!list.is_array()) return host::fail(where + ": the presets must be a list");
  std::vector<Preset> presets;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto preset = presetFromJson(descriptor, list[i], where + " presets[" + std::to_string(i) + "]");
    if (!preset) return host::fail(preset.error());
    // The server lists factory presets by name: two of one name would shadow each other.
    if (!names.insert(preset->name).second)
      return host::fail(where + ": two presets are named \"" + preset->name + "\"");
    presets.push_back(std::move(preset.value()));
  }
  return presets;
}

host::Result<std::vector<Preset>> parsePresets(const host::PluginDescriptor& descriptor,
                                               std::string_view presetsJson,
                                               const std::string& where) {
  const auto document = nlohmann::json::parse(presetsJson, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return host::fail(where + ": not valid JSON");
  if (!document.is_object() || !document.contains("presets"))
    return host::fail(where + ": wants {\"presets\": [...]}");
  return presetsFromJson(descriptor, document["presets"], where);
}

}  // namespace wstudio::factory

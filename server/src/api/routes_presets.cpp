// /api/v1/presets: user presets per plugin (validated against the plugin's descriptor when the
// plugin is known) and the factory presets of the factory plugins.

#include <cmath>
#include <cstdlib>

#include "api/api_error.hpp"
#include "api/authenticate.hpp"
#include "api/json_body.hpp"
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "auth/secrets.hpp"
#include "plugins/plugin_catalog.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/plan_presets.hpp"
#include "wstudio/session/ids.hpp"

namespace wstudio::server::routes {

namespace {

constexpr size_t kMaxStateBase64 = 8u << 20;
constexpr size_t kMaxParams = 4096;

std::string checkedPluginId(const std::string& id, const char* field) {
  if (!session::isValidPluginId(id)) {
    throw badRequest("a plugin id is 1..128 characters of a-z, 0-9, '.', '_', '-'", field);
  }
  return id;
}

// {"<id>": number}, keys canonical decimal ids; against the descriptor when known: the id must
// exist and the value lie in its range. Returns the normalised JSON text.
std::string checkedParams(const Json& params, const host::PluginDescriptor* descriptor) {
  if (!params.is_object()) throw badRequest("params must be an object", "params");
  if (params.size() > kMaxParams) throw badRequest("params has too many entries", "params");
  Json out = Json::object();
  for (const auto& [key, value] : params.items()) {
    const std::string field = "params." + key;
    char* end = nullptr;
    const unsigned long long id = std::strtoull(key.c_str(), &end, 10);
    if (key.empty() || *end != '\0' || id > 0xffffffffull || std::to_string(id) != key) {
      throw badRequest("parameter keys are parameter ids in decimal", field);
    }
    if (!value.is_number()) throw badRequest("parameter values must be numbers", field);
    const double plain = value.get<double>();
    if (!std::isfinite(plain) || std::abs(plain) > 1e9) throw badRequest("value out of range", field);
    if (descriptor != nullptr) {
      const host::ParamInfo* info = descriptor->findParam(static_cast<uint32_t>(id));
      if (info == nullptr) {
        throw badRequest(descriptor->name + " has no parameter " + key, field);
      }
      if (plain < info->min || plain > info->max) {
        throw badRequest(info->name + " must lie in " + std::to_string(info->min) + " .. " +
                             std::to_string(info->max),
                         field);
      }
    }
    out[key] = plain;
  }
  return out.dump();
}


}  // namespace

Response createPreset(ServerContext& context, const Request& request, const PathParams&) {
  const Principal who = requireUser(context, request);
  const Json body = parseJsonObject(request);
  Preset preset;
  preset.pluginId = checkedPluginId(requireString(body, "pluginId", 1, 128), "pluginId");
  preset.name = requireString(body, "name", 1, 128);
  const auto descriptor = context.plugins.descriptor(preset.pluginId);
  preset.paramsJson = checkedParams(body.contains("params") ? body["params"] : Json::object(),
                                    descriptor.get());
  if (auto state = optionalString(body, "state", kMaxStateBase64)) {
    const std::string bytes = decodeBase64Field(*state, "state");
    preset.state.assign(bytes.begin(), bytes.end());
  }
  preset.isPublic = optionalBool(body, "public").value_or(false);
  preset.id = newId();
  preset.ownerId = who.userId;
  preset.createdAt = context.nowMs();
  context.store.createPreset(preset);
  Response response = jsonResponse(201, presetJson(preset));
  response.setHeader("Location", "/api/v1/presets/" + preset.pluginId + "/" + preset.id);
  return response;
}

Response listPresets(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const std::string pluginId = checkedPluginId(params[0], "pluginId");
  Json list = Json::array();
  for (const Preset& p : context.store.presetsFor(pluginId, who ? who->userId : std::string())) {
    list.push_back(presetJson(p));
  }
  return jsonResponse(200, Json{{"presets", std::move(list)}});
}

// A kept Forge plugin's factory presets: from the plan of its current version (the signed-in
// owner's; forge::planPresets), keyed by the descriptor's parameter ids. None when the user
// keeps no plugin of that id or its current version has no plan.
std::optional<Json> forgePresets(ServerContext& context, const Request& request, const std::string& pluginId) {
  if (!pluginId.starts_with("forge.")) return std::nullopt;
  const auto who = authenticate(context, request);
  if (!who) return std::nullopt;
  const auto version = context.store.currentForgeVersionByKey(who->userId, pluginId);
  if (!version || !version->planJson) return std::nullopt;
  const auto plan = forge::readPlan(*version->planJson);
  if (!std::holds_alternative<forge::Plan>(plan)) return std::nullopt;
  std::map<std::string, Json> idOfKey;
  for (const Json& p : Json::parse(version->descriptorJson).value("params", Json::array()))
    if (p.contains("key") && p.contains("id")) idOfKey[p["key"].get<std::string>()] = p["id"];
  Json list = Json::array();
  for (const forge::PlanPreset& preset : forge::planPresets(std::get<forge::Plan>(plan))) {
    Json values = Json::object();
    for (const auto& [key, value] : preset.values)
      if (const auto id = idOfKey.find(key); id != idOfKey.end()) values[id->second.dump()] = value;
    list.push_back(Json{{"name", preset.name}, {"pluginId", pluginId}, {"params", std::move(values)}});
  }
  return list;
}

Response factoryPresets(ServerContext& context, const Request& request, const PathParams& params) {
  const std::string pluginId = checkedPluginId(params[0], "pluginId");
  if (auto forged = forgePresets(context, request, pluginId)) {
    Response response = jsonResponse(200, Json{{"presets", std::move(*forged)}});
    response.setHeader("Cache-Control", "private, no-cache");  // the owner's, and a refinement changes them
    return response;
  }
  const auto* presets = context.plugins.factoryPresets(pluginId);
  if (presets == nullptr && context.plugins.descriptor(pluginId) == nullptr) {
    throw notFound("plugin " + pluginId);
  }
  Json list = Json::array();
  if (presets != nullptr) {
    for (const FactoryPreset& p : *presets) {
      list.push_back(Json{{"name", p.name}, {"pluginId", pluginId},
                          {"params", Json::parse(p.paramsJson)}});
    }
  }
  Response response = jsonResponse(200, Json{{"presets", std::move(list)}});
  response.setHeader("Cache-Control", "public, max-age=300");
  return response;
}

Response getPreset(ServerContext& context, const Request& request, const PathParams& params) {
  const auto who = authenticate(context, request);
  const auto preset = context.store.preset(params[1]);
  if (!preset || preset->pluginId != params[0] ||
      !(preset->isPublic || (who && who->userId == preset->ownerId))) {
    throw notFound("preset " + params[1]);
  }
  return jsonResponse(200, presetJson(*preset));
}

Response deletePreset(ServerContext& context, const Request& request, const PathParams& params) {
  const Principal who = requireUser(context, request);
  const auto preset = context.store.preset(params[1]);
  if (!preset || preset->pluginId != params[0] ||
      !(preset->isPublic || who.userId == preset->ownerId)) {
    throw notFound("preset " + params[1]);
  }
  if (preset->ownerId != who.userId) throw forbidden("only its owner may delete a preset");
  context.store.deletePreset(preset->id);
  return noContent();
}

}  // namespace wstudio::server::routes

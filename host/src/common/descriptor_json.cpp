// toJson: the canonical descriptor JSON, in schema order (docs/plugin-abi.md).
#include <nlohmann/json.hpp>

#include "wstudio/host/descriptor.hpp"

namespace wstudio::host {

const char* paramTypeName(ParamType type) {
  switch (type) {
    case ParamType::Float: return "float";
    case ParamType::Int: return "int";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
  }
  return "float";
}

const char* paramScaleName(ParamScale scale) {
  switch (scale) {
    case ParamScale::Linear: return "linear";
    case ParamScale::Log: return "log";
    case ParamScale::Db: return "db";
  }
  return "linear";
}

std::string toJson(const PluginDescriptor& d) {
  // ordered_json keeps the schema's field order, which people reading `vaist plugin info` expect.
  using Json = nlohmann::ordered_json;
  Json params = Json::array();
  for (const ParamInfo& p : d.params) {
    Json param = {{"id", p.id},         {"key", p.key},   {"name", p.name},
                  {"unit", p.unit},     {"type", paramTypeName(p.type)},
                  {"min", p.min},       {"max", p.max},   {"default", p.defaultValue},
                  {"scale", paramScaleName(p.scale)}};
    if (p.type == ParamType::Choice) param["choices"] = p.choices;
    params.push_back(std::move(param));
  }
  Json json = {{"abi", d.abi},
               {"id", d.id},
               {"name", d.name},
               {"vendor", d.vendor},
               {"version", d.version},
               {"category", d.category},
               {"kind", d.kind == PluginKind::Instrument ? "instrument" : "effect"},
               {"audio", {{"inputs", d.inputs}, {"outputs", d.outputs}}},
               {"midi", d.midi},
               {"description", d.description},
               {"params", std::move(params)},
               {"extensions", d.extensions}};
  return json.dump(2);
}

}  // namespace wstudio::host

// parseDescriptor: the WSP descriptor JSON (ABI-6) checked against the schema in
// docs/plugin-abi.md. Every error names the field it is about, so a plugin author can fix it
// without reading this file.
#include <array>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "wstudio/host/descriptor.hpp"
#include "wsp/wsp_plugin.h"

namespace wstudio::host {

namespace {

using Json = nlohmann::json;

constexpr std::array kCategories = {"eq",     "dynamics",   "delay",  "reverb",
                                    "modulation", "distortion", "filter", "utility",
                                    "synth",  "analyzer",   "other"};

// Collects the first error; later checks are skipped once one failed.
class Checker {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  void fail(const std::string& field, const std::string& what) {
    if (error_.empty()) error_ = field + ": " + what;
  }

  const Json* member(const Json& object, const std::string& path, const char* name,
                     bool required) {
    auto it = object.find(name);
    if (it == object.end()) {
      if (required) fail(path + name, "is required");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const Json& object, const std::string& path, const char* name,
                     bool required, size_t minLength, size_t maxLength) {
    const Json* value = member(object, path, name, required);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      fail(path + name, "must be a string");
      return {};
    }
    std::string text = value->get<std::string>();
    if (text.size() < minLength) fail(path + name, "must not be empty");
    if (text.size() > maxLength) {
      fail(path + name, "must be at most " + std::to_string(maxLength) + " characters");
    }
    return text;
  }

  double number(const Json& object, const std::string& path, const char* name) {
    const Json* value = member(object, path, name, true);
    if (value == nullptr) return 0.0;
    if (!value->is_number()) {
      fail(path + name, "must be a number");
      return 0.0;
    }
    const double number = value->get<double>();
    if (!std::isfinite(number)) fail(path + name, "must be finite");
    return number;
  }

  // A whole number in [min, max].
  int64_t integer(const Json& object, const std::string& path, const char* name, int64_t min,
                  int64_t max, bool required = true, int64_t fallback = 0) {
    const Json* value = member(object, path, name, required);
    if (value == nullptr) return fallback;
    if (!value->is_number_integer()) {
      fail(path + name, "must be a whole number");
      return fallback;
    }
    const bool isUnsigned = value->is_number_unsigned();
    const int64_t number = isUnsigned && value->get<uint64_t>() > uint64_t(INT64_MAX)
                               ? INT64_MAX
                               : value->get<int64_t>();
    if (number < min || number > max) {
      fail(path + name,
           "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return number;
  }

 private:
  std::string error_;
};

bool allCharsIn(const std::string& text, bool (*allowed)(char)) {
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}
bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}
bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool isWhole(double value) { return std::floor(value) == value; }

template <typename Enum, size_t N>
Enum pickEnum(Checker& check, const std::string& field, const std::string& text,
              const std::array<std::pair<const char*, Enum>, N>& options, const char* allowed) {
  for (const auto& [name, value] : options) {
    if (text == name) return value;
  }
  check.fail(field, std::string("must be one of ") + allowed);
  return options[0].second;
}

void parseParam(Checker& check, const Json& json, size_t index, std::set<uint32_t>& ids,
                std::set<std::string>& keys, ParamInfo& param) {
  const std::string path = "params[" + std::to_string(index) + "].";
  if (!json.is_object()) {
    check.fail("params[" + std::to_string(index) + "]", "must be an object");
    return;
  }
  param.id = static_cast<uint32_t>(check.integer(json, path, "id", 0, UINT32_MAX));
  if (!check.failed() && !ids.insert(param.id).second) {
    check.fail(path + "id", "duplicates another parameter's id " + std::to_string(param.id));
  }
  param.key = check.string(json, path, "key", true, 1, 64);
  if (!check.failed() && !allCharsIn(param.key, isKeyChar)) {
    check.fail(path + "key", "must use only [A-Za-z0-9_]");
  }
  if (!check.failed() && !keys.insert(param.key).second) {
    check.fail(path + "key", "duplicates another parameter's key '" + param.key + "'");
  }
  param.name = check.string(json, path, "name", true, 1, 256);
  param.unit = check.string(json, path, "unit", true, 0, 64);
  const std::string type = check.string(json, path, "type", true, 1, 64);
  if (check.failed()) return;
  param.type = pickEnum(check, path + "type", type,
                        std::array<std::pair<const char*, ParamType>, 4>{
                            {{"float", ParamType::Float},
                             {"int", ParamType::Int},
                             {"bool", ParamType::Bool},
                             {"choice", ParamType::Choice}}},
                        "float, int, bool, choice");
  param.min = check.number(json, path, "min");
  param.max = check.number(json, path, "max");
  param.defaultValue = check.number(json, path, "default");
  if (check.failed()) return;
  if (!(param.min < param.max)) check.fail(path + "min", "must be less than max");
  if (param.defaultValue < param.min || param.defaultValue > param.max) {
    check.fail(path + "default", "must be between min and max");
  }
  const std::string scale = check.string(json, path, "scale", true, 1, 64);
  if (check.failed()) return;
  param.scale = pickEnum(check, path + "scale", scale,
                         std::array<std::pair<const char*, ParamScale>, 3>{
                             {{"linear", ParamScale::Linear},
                              {"log", ParamScale::Log},
                              {"db", ParamScale::Db}}},
                         "linear, log, db");
  if (!check.failed() && param.scale == ParamScale::Log && !(param.min > 0)) {
    check.fail(path + "min", "must be greater than 0 for a log scale");
  }
  if (check.failed() || param.type == ParamType::Float) return;
  for (auto [name, value] : {std::pair{"min", param.min}, std::pair{"max", param.max},
                             std::pair{"default", param.defaultValue}}) {
    if (!isWhole(value)) check.fail(path + name, "must be a whole number for type " + type);
  }
  if (param.type == ParamType::Bool && (param.min != 0 || param.max != 1)) {
    check.fail(path + "min", "a bool parameter goes from 0 to 1");
  }
  if (param.type != ParamType::Choice) return;
  const Json* choices = check.member(json, path, "choices", true);
  if (choices == nullptr) return;
  if (!choices->is_array()) {
    check.fail(path + "choices", "must be an array of strings");
    return;
  }
  for (size_t i = 0; i < choices->size(); ++i) {
    if (!(*choices)[i].is_string()) {
      check.fail(path + "choices[" + std::to_string(i) + "]", "must be a string");
      return;
    }
    param.choices.push_back((*choices)[i].get<std::string>());
  }
  if (param.min != 0 || param.max != static_cast<double>(param.choices.size()) - 1) {
    check.fail(path + "max", "a choice parameter goes from 0 to choices.length-1 (" +
                                 std::to_string(param.choices.size()) + " choices)");
  }
}

}  // namespace

Result<PluginDescriptor> parseDescriptor(std::string_view text) {
  if (text.size() > WSP_MAX_DESCRIPTOR_BYTES) {
    return fail("descriptor: larger than " + std::to_string(WSP_MAX_DESCRIPTOR_BYTES) +
                " bytes (ABI-6)");
  }
  // Non-throwing parse: this file is also built with -fno-exceptions (engine.wasm).
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return fail("descriptor: not valid JSON");
  if (!json.is_object()) return fail("descriptor: must be a JSON object");

  Checker check;
  PluginDescriptor d;
  const std::string root;
  d.abi = static_cast<int>(check.integer(json, root, "abi", WSP_ABI_VERSION_MAJOR,
                                         WSP_ABI_VERSION_MAJOR));
  d.id = check.string(json, root, "id", true, 1, 128);
  if (!check.failed() && !allCharsIn(d.id, isIdChar)) {
    check.fail("id", "must use only [a-z0-9._-]");
  }
  d.name = check.string(json, root, "name", true, 1, 256);
  d.vendor = check.string(json, root, "vendor", true, 0, 256);
  d.version = check.string(json, root, "version", true, 1, 64);
  d.category = check.string(json, root, "category", true, 1, 64);
  if (!check.failed()) {
    bool known = false;
    for (const char* category : kCategories) known = known || d.category == category;
    if (!known) {
      check.fail("category", "must be one of eq, dynamics, delay, reverb, modulation, "
                             "distortion, filter, utility, synth, analyzer, other");
    }
  }
  d.description = check.string(json, root, "description", false, 0, 4096);
  const std::string kind = check.string(json, root, "kind", true, 1, 64);
  if (!check.failed()) {
    d.kind = pickEnum(check, "kind", kind,
                      std::array<std::pair<const char*, PluginKind>, 2>{
                          {{"effect", PluginKind::Effect}, {"instrument", PluginKind::Instrument}}},
                      "effect, instrument");
  }
  if (const Json* midi = check.member(json, root, "midi", false)) {
    if (!midi->is_boolean()) check.fail("midi", "must be true or false");
    else d.midi = midi->get<bool>();
  }
  if (const Json* audio = check.member(json, root, "audio", true)) {
    if (!audio->is_object()) {
      check.fail("audio", "must be an object");
    } else {
      d.inputs = static_cast<uint32_t>(check.integer(*audio, "audio.", "inputs", 0, WSP_MAX_CHANNELS));
      d.outputs = static_cast<uint32_t>(check.integer(*audio, "audio.", "outputs", 1, WSP_MAX_CHANNELS));
    }
  }
  if (!check.failed() && d.kind == PluginKind::Effect && d.inputs == 0) {
    check.fail("audio.inputs", "an effect needs at least one input");
  }
  if (!check.failed() && d.kind == PluginKind::Instrument && !d.midi) {
    check.fail("midi", "an instrument must take MIDI (true)");
  }
  if (const Json* params = check.member(json, root, "params", true)) {
    if (!params->is_array()) {
      check.fail("params", "must be an array");
    } else {
      std::set<uint32_t> ids;
      std::set<std::string> keys;
      d.params.resize(params->size());
      for (size_t i = 0; i < params->size() && !check.failed(); ++i) {
        parseParam(check, (*params)[i], i, ids, keys, d.params[i]);
      }
    }
  }
  if (const Json* extensions = check.member(json, root, "extensions", false)) {
    if (!extensions->is_array()) {
      check.fail("extensions", "must be an array of strings");
    } else {
      for (size_t i = 0; i < extensions->size() && !check.failed(); ++i) {
        if (!(*extensions)[i].is_string()) {
          check.fail("extensions[" + std::to_string(i) + "]", "must be a string");
        } else {
          d.extensions.push_back((*extensions)[i].get<std::string>());
        }
      }
    }
  }
  if (check.failed()) return fail("descriptor: " + check.error());
  return d;
}

}  // namespace wstudio::host

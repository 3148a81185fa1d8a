#include "vaist/vaist_descriptor.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

namespace wstudio::host::vaist {
namespace {

using nlohmann::json;

// WSP limits the descriptor id to 128 characters; "vaist." takes 6 of them.
constexpr size_t kMaxSlugLength = 122;
// WSP parameter keys are 1..64 characters.
constexpr size_t kMaxKeyLength = 64;

Error fieldError(const std::string& field, const std::string& problem) {
  return fail("descriptor.json: " + field + ": " + problem);
}

std::string formatNumber(double v) {
  std::string s = std::to_string(v);
  // std::to_string prints six decimals; people wrote "20", not "20.000000".
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// A vAIst id becomes part of an export name (set_<id>), so it must be a C identifier.
bool isIdentifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> optionalString(const json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string{};
  if (!it->is_string()) return fieldError(path + key, "must be a string");
  return it->get<std::string>();
}

Result<double> requiredNumber(const json& object, const char* key, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end()) return fieldError(path + key, "is missing");
  if (!it->is_number()) return fieldError(path + key, "must be a number");
  double v = it->get<double>();
  if (!std::isfinite(v)) return fieldError(path + key, "must be finite");
  return v;
}

// WSP's category from the free-form keywords: the first keyword that names or implies one.
std::string categoryOf(const json& root, bool instrument) {
  if (instrument) return "synth";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kHints{{
      {"eq", "eq"}, {"equalizer", "eq"}, {"dynamics", "dynamics"}, {"compressor", "dynamics"},
      {"limiter", "dynamics"}, {"gate", "dynamics"}, {"delay", "delay"}, {"echo", "delay"},
      {"reverb", "reverb"}, {"modulation", "modulation"}, {"chorus", "modulation"},
      {"flanger", "modulation"}, {"phaser", "modulation"}, {"tremolo", "modulation"},
      {"distortion", "distortion"}, {"saturation", "distortion"}, {"overdrive", "distortion"},
      {"drive", "distortion"}, {"bitcrusher", "distortion"}, {"filter", "filter"},
      {"utility", "utility"}, {"gain", "utility"}, {"analyzer", "analyzer"}, {"meter", "analyzer"},
  }};
  auto it = root.find("keywords");
  if (it == root.end() || !it->is_array()) return "other";
  for (const json& keyword : *it) {
    if (!keyword.is_string()) continue;
    std::string word = keyword.get<std::string>();
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [hint, category] : kHints) {
      if (word == hint) return std::string(category);
    }
  }
  return "other";
}

Result<ParamInfo> parseParam(const json& p, uint32_t index, std::set<std::string>& seenIds) {
  const std::string path = "parameters[" + std::to_string(index) + "].";
  if (!p.is_object()) return fieldError("parameters[" + std::to_string(index) + "]", "must be an object");

  ParamInfo info;
  info.id = index;

  auto id = p.find("id");
  if (id == p.end()) return fieldError(path + "id", "is missing");
  if (!id->is_string()) return fieldError(path + "id", "must be a string");
  info.key = id->get<std::string>();
  if (!isIdentifier(info.key)) {
    return fieldError(path + "id", "'" + info.key +
                                       "' is not a valid identifier (letters, digits and '_', "
                                       "not starting with a digit); it names the set_<id> export");
  }
  if (info.key.size() > kMaxKeyLength) return fieldError(path + "id", "is longer than 64 characters");
  if (!seenIds.insert(info.key).second) {
    return fieldError(path + "id", "'" + info.key + "' is used by an earlier parameter");
  }

  auto name = optionalString(p, "name", path);
  if (!name) return Error{name.error()};
  info.name = name->empty() ? info.key : *name;
  auto unit = optionalString(p, "unit", path);
  if (!unit) return Error{unit.error()};
  info.unit = *unit;

  auto type = p.find("type");
  if (type == p.end()) return fieldError(path + "type", "is missing");
  if (!type->is_string()) return fieldError(path + "type", "must be \"float\" or \"choice\"");
  const std::string typeName = type->get<std::string>();

  if (typeName == "float") {
    info.type = ParamType::Float;
    auto min = requiredNumber(p, "min", path);
    if (!min) return Error{min.error()};
    auto max = requiredNumber(p, "max", path);
    if (!max) return Error{max.error()};
    info.min = *min;
    info.max = *max;
    if (!(info.min < info.max)) {
      return fieldError(path + "max", "must be greater than min (" + formatNumber(info.min) + ")");
    }
    // A frequency control spreads its travel logarithmically, as WSP's own plugins do.
    info.scale = (info.unit == "Hz" && info.min > 0.0) ? ParamScale::Log : ParamScale::Linear;
  } else if (typeName == "choice") {
    info.type = ParamType::Choice;
    auto choices = p.find("choices");
    if (choices == p.end() || !choices->is_array() || choices->empty()) {
      return fieldError(path + "choices", "a choice parameter needs a non-empty array of names");
    }
    for (size_t i = 0; i < choices->size(); ++i) {
      const json& c = (*choices)[i];
      if (!c.is_string()) return fieldError(path + "choices[" + std::to_string(i) + "]", "must be a string");
      info.choices.push_back(c.get<std::string>());
    }
    // A choice's value is the index of its name, so its range follows from the names.
    info.min = 0.0;
    info.max = static_cast<double>(info.choices.size() - 1);
    for (const char* bound : {"min", "max"}) {
      auto it = p.find(bound);
      if (it == p.end()) continue;
      double expected = bound[1] == 'i' ? info.min : info.max;
      if (!it->is_number() || it->get<double>() != expected) {
        return fieldError(path + bound, "must be " + formatNumber(expected) + " for " +
                                            std::to_string(info.choices.size()) + " choices");
      }
    }
    if (info.choices.size() < 2) {
      return fieldError(path + "choices", "a choice parameter needs at least two names");
    }
  } else {
    return fieldError(path + "type", "'" + typeName + "' is not supported (use \"float\" or \"choice\")");
  }

  auto def = requiredNumber(p, "default", path);
  if (!def) return Error{def.error()};
  info.defaultValue = *def;
  if (info.defaultValue < info.min || info.defaultValue > info.max) {
    return fieldError(path + "default", formatNumber(info.defaultValue) + " is outside [" +
                                            formatNumber(info.min) + ", " + formatNumber(info.max) + "]");
  }
  if (info.type == ParamType::Choice && info.defaultValue != std::floor(info.defaultValue)) {
    return fieldError(path + "default", "must be the index of a choice (a whole number)");
  }
  return info;
}

}  // namespace

std::string slugOf(std::string_view name) {
  std::string slug;
  bool pendingDash = false;
  for (char c : name) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (!keep) {
      pendingDash = true;
      continue;
    }
    if (pendingDash && !slug.empty()) slug.push_back('-');
    pendingDash = false;
    slug.push_back(lower);
  }
  if (slug.size() > kMaxSlugLength) slug.resize(kMaxSlugLength);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

Result<PluginDescriptor> parseVaistDescriptor(std::string_view text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return fail(std::string("descriptor.json is not valid JSON: ") + e.what());
  }
  if (!root.is_object()) return fail("descriptor.json: must be a JSON object");

  PluginDescriptor d;
  auto name = root.find("name");
  if (name == root.end()) return fieldError("name", "is missing");
  if (!name->is_string() || name->get<std::string>().empty()) {
    return fieldError("name", "must be a non-empty string");
  }
  d.name = name->get<std::string>();
  std::string slug = slugOf(d.name);
  if (slug.empty()) return fieldError("name", "needs at least one ASCII letter or digit to make the plugin id");
  d.id = "vaist." + slug;

  for (auto [key, target] : {std::pair{"vendor", &d.vendor}, std::pair{"version", &d.version},
                             std::pair{"description", &d.description}}) {
    auto value = optionalString(root, key, "");
    if (!value) return Error{value.error()};
    *target = *value;
  }

  bool instrument = false;
  if (auto it = root.find("isInstrument"); it != root.end() && !it->is_null()) {
    if (!it->is_boolean()) return fieldError("isInstrument", "must be true or false");
    instrument = it->get<bool>();
  }
  d.kind = instrument ? PluginKind::Instrument : PluginKind::Effect;
  d.category = categoryOf(root, instrument);
  // Every vAIst processor is called with two input and two output channels (process() copies in
  // to out, then works in place), instruments included.
  d.inputs = 2;
  d.outputs = 2;
  d.midi = false;

  auto params = root.find("parameters");
  if (params == root.end()) return fieldError("parameters", "is missing (use [] for none)");
  if (!params->is_array()) return fieldError("parameters", "must be an array");
  std::set<std::string> seenIds;
  for (size_t i = 0; i < params->size(); ++i) {
    auto param = parseParam((*params)[i], static_cast<uint32_t>(i), seenIds);
    if (!param) return Error{param.error()};
    d.params.push_back(std::move(*param));
  }
  return d;
}

}  // namespace wstudio::host::vaist

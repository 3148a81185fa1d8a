#include "wstudio/forge/faust_description.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace wstudio::forge {

namespace {

using Json = nlohmann::json;
using host::fail;

constexpr size_t kMaxChannels = 8;  // WSP_MAX_CHANNELS (ABI-6)
constexpr size_t kMaxText = 128;    // names, units, choices as shown
// A slider of whole steps with at most this many positions is a count (an int parameter); one
// with more (a frequency in Hz, a time in ms, stepped by 1) is continuous and glides.
constexpr double kMaxIntPositions = 128;

std::string inQuotes(std::string_view text) {
  std::string out = "'";
  out += text;
  return out += "'";
}

bool isWhole(double v) { return std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e9; }

// Printable text of at most `limit` bytes, never cutting a UTF-8 sequence; control bytes go.
std::string cleanText(std::string_view text, size_t limit = kMaxText) {
  std::string out;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (out.size() > limit) {
    size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  return out;
}

// A widget's or the program's metadata: Faust writes it as a list of one-key objects.
std::string metaValue(const Json& meta, std::string_view key) {
  if (!meta.is_array()) return {};
  for (const Json& entry : meta) {
    if (!entry.is_object()) continue;
    const auto it = entry.find(std::string(key));
    if (it != entry.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

double number(const Json& item, const char* field, double fallback) {
  const auto it = item.find(field);
  return it != item.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string slug(std::string_view name) {
  std::string out;
  for (char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (keep) out += lower;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 64) out.resize(64);
  return out.empty() ? "plugin" : out;
}

// "[style:menu{'Sine':0;'Saw':1}]" -> "Sine|Saw" when the values are 0, 1, 2... in order.
std::string menuChoices(std::string_view style) {
  const size_t open = style.find('{');
  if (open == std::string_view::npos || style.back() != '}') return {};
  const std::string_view kind = style.substr(0, open);
  if (kind != "menu" && kind != "radio") return {};
  std::string choices;
  int expected = 0;
  std::string_view rest = style.substr(open + 1, style.size() - open - 2);
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    std::string_view entry = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const size_t colon = entry.rfind(':');
    if (colon == std::string_view::npos || entry.size() < 2 || entry.front() != '\'') return {};
    std::string_view label = entry.substr(0, colon);
    if (label.size() < 3 || label.back() != '\'') return {};
    label = label.substr(1, label.size() - 2);
    int value = -1;
    const std::string_view digits = entry.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || value != expected++) return {};
    const std::string name = cleanText(label, 32);
    if (name.empty() || name.find('|') != std::string::npos) return {};
    choices += (choices.empty() ? "" : "|") + name;
  }
  return choices;
}

class Reader {
 public:
  host::Status widgets(const Json& items) {
    if (!items.is_array()) return host::Ok{};
    for (const Json& item : items) {
      if (!item.is_object()) return fail("Faust's description of the program is malformed");
      const std::string type = item.value("type", "");
      const std::string label = cleanText(item.value("label", ""));
      if (type == "vgroup" || type == "hgroup" || type == "tgroup") {
        if (auto status = widgets(item.value("items", Json::array())); !status) return status;
      } else if (type == "hbargraph" || type == "vbargraph") {
        continue;  // meters: outputs of the program, not parameters
      } else if (type == "soundfile") {
        return fail("the control " + inQuotes(label) +
                    " is a soundfile: a plugin cannot read sound files from the server's disk; "
                    "generate the sound in Faust instead");
      } else if (type == "button" || type == "checkbox") {
        add(item, label, FaustParamType::Bool);
      } else if (type == "hslider" || type == "vslider" || type == "nentry") {
        if (auto status = range(item, label); !status) return status;
      } else {
        return fail("the control " + inQuotes(label) + " is a Faust " + type + ", which a plugin cannot offer");
      }
      if (params.size() > kMaxFaustParams) {
        return fail("the program has more than " + std::to_string(kMaxFaustParams) + " controls");
      }
    }
    return host::Ok{};
  }

  std::vector<FaustParam> params;

 private:
  host::Status range(const Json& item, const std::string& label) {
    FaustParam& p = add(item, label, FaustParamType::Float);
    p.min = number(item, "min", 0);
    p.max = number(item, "max", 1);
    const double step = number(item, "step", 0);
    const double init = number(item, "init", p.min);
    if (!std::isfinite(p.min) || !std::isfinite(p.max) || !(p.min < p.max)) {
      return fail("the control " + inQuotes(p.name) + " has min " + Json(p.min).dump() + " and max " +
                  Json(p.max).dump() + ": min must be below max");
    }
    p.defaultValue = std::fmin(std::fmax(std::isfinite(init) ? init : p.min, p.min), p.max);
    const Json& meta = item.value("meta", Json::array());
    p.unit = cleanText(metaValue(meta, "unit"), 16);
    const std::string scale = metaValue(meta, "scale");
    if (std::string choices = menuChoices(metaValue(meta, "style"));
        !choices.empty() && p.min == 0 && isWhole(p.max) &&
        static_cast<size_t>(p.max) + 1 == static_cast<size_t>(std::count(choices.begin(), choices.end(), '|') + 1)) {
      p.type = FaustParamType::Choice;
      p.choices = std::move(choices);
      p.defaultValue = std::round(p.defaultValue);
      p.unit.clear();
    } else if (step >= 1 && isWhole(step) && isWhole(p.min) && isWhole(p.max) && isWhole(p.defaultValue) &&
               scale != "log" && (p.max - p.min) / step <= kMaxIntPositions) {
      p.type = FaustParamType::Int;  // a few whole steps: a count, an index
    } else if (scale == "log" && p.min > 0) {
      p.scale = FaustScale::Log;
    } else if (scale.empty() && (p.unit == "dB" || p.unit == "db")) {
      p.scale = FaustScale::Db;
    }
    return host::Ok{};
  }

  FaustParam& add(const Json& item, const std::string& label, FaustParamType type) {
    FaustParam p;
    p.type = type;
    p.faustLabel = item.value("label", "");
    p.name = label.empty() || label == "0x00" ? "Control " + std::to_string(params.size() + 1) : label;
    if (type == FaustParamType::Bool) {
      p.min = 0;
      p.max = 1;
      p.defaultValue = number(item, "init", 0) >= 0.5 ? 1 : 0;
    }
    params.push_back(std::move(p));
    return params.back();
  }
};

// Keys from the names, ids from the keys. Faust allows two controls of one label in different
// groups; keys (and ids) must differ.
// `prefix`: the effect's keys start with "effect_"; params before `from` keep theirs.
void assignKeys(std::vector<FaustParam>& params, size_t from = 0, std::string_view prefix = {}) {
  std::set<std::string> keys;
  std::set<uint32_t> ids;
  for (size_t i = 0; i < from; ++i) {
    keys.insert(params[i].key);
    ids.insert(params[i].id);
  }
  for (size_t i = from; i < params.size(); ++i) {
    FaustParam& p = params[i];
    const std::string base = faustParamKey(std::string(prefix) + p.name);
    std::string key = base;
    for (int n = 2; keys.contains(key); ++n) key = base.substr(0, 58) + "_" + std::to_string(n);
    keys.insert(key);
    p.key = key;
    p.id = faustParamId(key);
    while (ids.contains(p.id)) p.id = (p.id + 1) & 0x7fffffffu;
    ids.insert(p.id);
  }
}

// Faust's poly convention (its poly-dsp.h): a widget's label says which note control it is.
FaustRole noteRole(std::string_view label) {
  if (label == "gate") return FaustRole::Gate;
  if (label == "freq") return FaustRole::Freq;
  if (label == "key") return FaustRole::Key;
  if (label == "gain") return FaustRole::Gain;
  if (label == "vel" || label == "velocity") return FaustRole::Velocity;
  return FaustRole::Param;
}

// declare options "[nvoices:N]": the number of voices, 1 when not declared.
host::Result<uint32_t> declaredVoices(std::string_view options) {
  const size_t at = options.find("[nvoices:");
  if (at == std::string_view::npos) return uint32_t{1};
  const std::string_view rest = options.substr(at + 9);
  const size_t end = rest.find(']');
  const std::string_view digits = rest.substr(0, end);
  uint64_t voices = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), voices);
  const bool whole = end != std::string_view::npos && !digits.empty() && ptr == digits.data() + digits.size() &&
                     (ec == std::errc() || ec == std::errc::result_out_of_range);
  const std::string declared = "declare options \"[nvoices:" + cleanText(digits, 24) + "]\"";
  if (!whole || (ec == std::errc() && voices < 1)) {
    return fail(declared + ": the number of voices must be a whole number from 1 to " +
                std::to_string(kMaxFaustVoices));
  }
  if (ec == std::errc::result_out_of_range || voices > kMaxFaustVoices) {
    return fail(declared + " asks for more voices than the " + std::to_string(kMaxFaustVoices) +
                " a Faust instrument may have (each voice is a whole copy of the program); ask for at most " +
                std::to_string(kMaxFaustVoices));
  }
  return static_cast<uint32_t>(voices);
}


std::string cppString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\' || c == '?') {
      const char octal[] = {'\\', static_cast<char>('0' + (byte >> 6)), static_cast<char>('0' + ((byte >> 3) & 7)),
                            static_cast<char>('0' + (byte & 7)), '\0'};
      out += octal;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string cppNumber(double v) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  std::string text(buffer, end);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

const char* scaleName(FaustScale scale) {
  switch (scale) {
    case FaustScale::Log: return "Scale::Log";
    case FaustScale::Db: return "Scale::Db";
    case FaustScale::Linear: break;
  }
  return "Scale::Linear";
}

const char* mappingName(FaustMapping mapping) {
  switch (mapping) {
    case FaustMapping::DualMono: return "Mapping::DualMono";
    case FaustMapping::MonoIn: return "Mapping::MonoIn";
    case FaustMapping::MonoOut: return "Mapping::MonoOut";
    case FaustMapping::Direct: break;
  }
  return "Mapping::Direct";
}

const char* kindName(FaustKind kind) {
  switch (kind) {
    case FaustKind::Generator: return "Kind::Generator";
    case FaustKind::Instrument: return "Kind::Instrument";
    case FaustKind::Effect: break;
  }
  return "Kind::Effect";
}

const char* roleName(FaustRole role) {
  switch (role) {
    case FaustRole::Gate: return "Role::Gate";
    case FaustRole::Freq: return "Role::Freq";
    case FaustRole::Key: return "Role::Key";
    case FaustRole::Gain: return "Role::Gain";
    case FaustRole::Velocity: return "Role::Velocity";
    case FaustRole::Param: break;
  }
  return "Role::Param";
}

std::string semver(std::string_view declared) {
  int parts = 0;
  bool digit = false;
  for (char c : declared) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' && digit) digit = false, ++parts;
    else return "1.0.0";
  }
  if (!digit || parts > 2 || declared.size() > 32) return "1.0.0";
  std::string out(declared);
  for (; parts < 2; ++parts) out += ".0";
  return out;
}

}  // namespace

std::string faustParamKey(std::string_view label) {
  std::string key;
  for (char c : label) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) key += lower;
    else if (!key.empty() && key.back() != '_') key += '_';
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  if (key.size() > 60) key.resize(60);
  return key.empty() ? "param" : key;
}

uint32_t faustParamId(std::string_view key) {
  uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : key) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash & 0x7fffffffu;
}

host::Result<FaustDescription> describeFaust(std::string_view json) {
  const Json root = Json::parse(json, nullptr, false);
  if (!root.is_object() || !root.value("inputs", Json()).is_number_unsigned() ||
      !root.value("outputs", Json()).is_number_unsigned()) {
    return fail("Faust's description of the program is malformed");
  }
  // FC-12, after Faust: everything it read is one of its own libraries.
  for (const Json& library : root.value("library_list", Json::array())) {
    const std::string path = library.is_string() ? library.get<std::string>() : "";
    if (path.rfind(kFaustLibraryDir, 0) != 0 || path.find("/..") != std::string::npos ||
        path.find('/', kFaustLibraryDir.size()) != std::string::npos) {
      return fail("the program reads a file that is not one of Faust's libraries");
    }
  }
  FaustDescription d;
  d.faustInputs = root["inputs"].get<uint32_t>();
  d.faustOutputs = root["outputs"].get<uint32_t>();
  if (d.faustOutputs == 0) return fail("process has no outputs: a plugin must produce sound");
  if (d.faustInputs > kMaxChannels || d.faustOutputs > kMaxChannels) {
    return fail("process has " + std::to_string(d.faustInputs) + " inputs and " + std::to_string(d.faustOutputs) +
                " outputs; a plugin has at most 8 of each");
  }
  Reader reader;
  if (auto status = reader.widgets(root.value("ui", Json::array())); !status) return fail(status.error());
  d.widgets = std::move(reader.params);
  const Json& meta = root.value("meta", Json::array());

  // What it is: an effect has inputs; without, a gate control makes an instrument (the note
  // controls are then played by notes, not shown), and anything else is a generator.
  if (d.faustInputs == 0) {
    d.kind = FaustKind::Generator;
    for (const FaustParam& w : d.widgets)
      if (noteRole(w.faustLabel) == FaustRole::Gate) d.kind = FaustKind::Instrument;
  }
  if (d.kind == FaustKind::Instrument) {
    auto voices = declaredVoices(metaValue(meta, "options"));
    if (!voices) return fail(voices.error());
    d.voices = voices.value();
    for (FaustParam& w : d.widgets) w.role = noteRole(w.faustLabel);
  }
  for (const FaustParam& w : d.widgets)
    if (w.role == FaustRole::Param) d.params.push_back(w);
  assignKeys(d.params);

  // Mono programs meet stereo tracks sensibly; anything else keeps Faust's own channels.
  d.inputs = d.faustInputs;
  d.outputs = d.faustOutputs;
  if (d.faustInputs == 1 && d.faustOutputs == 1) d.mapping = FaustMapping::DualMono;
  else if (d.faustInputs == 1 && d.faustOutputs == 2) d.mapping = FaustMapping::MonoIn;
  else if (d.faustInputs <= 2 && d.faustOutputs == 1) d.mapping = FaustMapping::MonoOut;
  if (d.mapping != FaustMapping::Direct) d.outputs = 2;
  if (d.mapping != FaustMapping::Direct && d.faustInputs > 0) d.inputs = 2;

  d.name = cleanText(root.value("name", ""), 64);
  if (d.name.empty()) d.name = "Faust plugin";
  d.id = "forge.faust." + slug(d.name);
  d.vendor = cleanText(metaValue(meta, "author"), 64);
  if (d.vendor.empty()) d.vendor = "WASM Studio Forge (Faust)";
  d.version = semver(metaValue(meta, "version"));
  d.category = d.kind == FaustKind::Effect ? "other" : "synth";
  const std::string category = metaValue(meta, "category");
  for (const char* known :
       {"eq", "dynamics", "delay", "reverb", "modulation", "distortion", "filter", "utility", "synth", "analyzer"}) {
    if (category == known) d.category = known;
  }
  d.description = cleanText(metaValue(meta, "description"), 256);
  if (d.description.empty()) d.description = "Built from Faust source by the Forge.";

  return d;
}

host::Result<host::Ok> addFaustEffect(FaustDescription& d, std::string_view effectJson) {
  auto described = describeFaust(effectJson);
  if (!described) return fail("effect: " + described.error());
  const FaustDescription& effect = described.value();
  if (effect.faustInputs != d.faustOutputs) {
    return fail("effect has " + std::to_string(effect.faustInputs) + " input" + (effect.faustInputs == 1 ? "" : "s") +
                " but the voices (process) have " + std::to_string(d.faustOutputs) + " output" +
                (d.faustOutputs == 1 ? "" : "s") +
                ": Faust's poly effect is applied to the mix of the voices, so its inputs must be process's "
                "outputs (a stereo reverb after a mono voice: process = voice <: _, _;)");
  }
  if (d.params.size() + effect.widgets.size() > kMaxFaustParams) {
    return fail("the program and its effect have more than " + std::to_string(kMaxFaustParams) + " controls");
  }
  d.hasEffect = true;
  d.effectInputs = effect.faustInputs;
  d.effectOutputs = effect.faustOutputs;
  d.effectWidgets = effect.widgets;
  d.voiceParams = d.params.size();
  for (FaustParam p : effect.widgets) {
    p.role = FaustRole::Param;
    d.params.push_back(std::move(p));
  }
  assignKeys(d.params, d.voiceParams, "effect ");
  for (size_t e = d.voiceParams; e < d.params.size(); ++e) {
    for (size_t i = 0; i < d.voiceParams; ++i)
      if (d.params[i].name == d.params[e].name) d.params[e].name += " (effect)";
  }
  // The plugin's outputs are the effect's: one goes to both channels.
  d.outputs = d.effectOutputs == 1 ? 2 : d.effectOutputs;
  return host::Ok{};
}

std::string descriptionHeader(const FaustDescription& d) {
  std::string out =
      "// Written by the Forge from Faust's JSON description of plugin.dsp (forge/faust). Do not edit.\n"
      "namespace wsp_faust {\n\n"
      "struct Description {\n";
  if (d.hasEffect) out = "#define WSP_FAUST_EFFECT 1\n" + out;
  out += "  static constexpr uint32_t kFaustInputs = " + std::to_string(d.faustInputs) + ";\n";
  out += "  static constexpr uint32_t kFaustOutputs = " + std::to_string(d.faustOutputs) + ";\n";
  out += "  static constexpr Mapping kMapping = " + std::string(mappingName(d.mapping)) + ";\n";
  out += "  static constexpr Kind kKind = " + std::string(kindName(d.kind)) + ";\n";
  out += "  static constexpr uint32_t kVoices = " + std::to_string(d.voices) + ";\n";
  out += "  static constexpr wsp::sdk::PluginInfo info{\n";
  out += "      .id = " + cppString(d.id) + ",\n";
  out += "      .name = " + cppString(d.name) + ",\n";
  out += "      .vendor = " + cppString(d.vendor) + ",\n";
  out += "      .version = " + cppString(d.version) + ",\n";
  out += "      .category = " + cppString(d.category) + ",\n";
  const bool playsNotes = d.kind != FaustKind::Effect;
  out += std::string("      .kind = wsp::sdk::Kind::") + (playsNotes ? "Instrument" : "Effect") + ",\n";
  out += "      .inputs = " + std::to_string(d.inputs) + ",\n";
  out += "      .outputs = " + std::to_string(d.outputs) + ",\n";
  out += std::string("      .midi = ") + (playsNotes ? "true" : "false") + ",\n";
  out += "      .description = " + cppString(d.description) + ",\n  };\n";
  // std::array: a program without controls has an empty table, which a C array cannot be.
  out += "  static constexpr std::array<wsp::sdk::Param, " + std::to_string(d.params.size()) + "> params{{\n";
  for (const FaustParam& p : d.params) {
    const std::string head = std::to_string(p.id) + "u, " + cppString(p.key) + ", " + cppString(p.name);
    switch (p.type) {
      case FaustParamType::Bool:
        out += "      wsp::sdk::boolParam(" + head + ", " + (p.defaultValue >= 0.5 ? "true" : "false") + "),\n";
        break;
      case FaustParamType::Choice:
        out += "      wsp::sdk::choiceParam(" + head + ", " + cppString(p.choices) + ", " +
               std::to_string(static_cast<int>(p.defaultValue)) + "u),\n";
        break;
      case FaustParamType::Int:
        out += "      wsp::sdk::intParam(" + head + ", " + cppString(p.unit) + ", " +
               std::to_string(static_cast<int64_t>(p.min)) + ", " + std::to_string(static_cast<int64_t>(p.max)) +
               ", " + std::to_string(static_cast<int64_t>(p.defaultValue)) + "),\n";
        break;
      case FaustParamType::Float:
        out += "      wsp::sdk::floatParam(" + head + ", " + cppString(p.unit) + ", " + cppNumber(p.min) + ", " +
               cppNumber(p.max) + ", " + cppNumber(p.defaultValue) + ", wsp::sdk::" + scaleName(p.scale) + "),\n";
        break;
    }
  }
  out += "  }};\n";
  // What buildUserInterface announces, in order: the architecture checks it against the table.
  const std::string zones = std::to_string(d.widgets.size());
  out += "  static constexpr std::array<std::string_view, " + zones + "> kFaustLabels{{";
  for (size_t i = 0; i < d.widgets.size(); ++i) out += (i ? ", " : "") + cppString(d.widgets[i].faustLabel);
  out += "}};\n";
  out += "  static constexpr std::array<Role, " + zones + "> kZoneRoles{{";
  for (size_t i = 0; i < d.widgets.size(); ++i) out += (i ? ", " : "") + std::string(roleName(d.widgets[i].role));
  out += "}};\n";
  // Faust's poly effect after the voices: its channels and what its class announces (all
  // parameters, after the voices' in the table).
  const size_t voiceParams = d.hasEffect ? d.voiceParams : d.params.size();
  out += "  static constexpr uint32_t kVoiceParams = " + std::to_string(voiceParams) + ";\n";
  out += "  static constexpr uint32_t kEffectInputs = " + std::to_string(d.effectInputs) + ";\n";
  out += "  static constexpr uint32_t kEffectOutputs = " + std::to_string(d.effectOutputs) + ";\n";
  out += "  static constexpr std::array<std::string_view, " + std::to_string(d.effectWidgets.size()) + "> kEffectLabels{{";
  for (size_t i = 0; i < d.effectWidgets.size(); ++i) out += (i ? ", " : "") + cppString(d.effectWidgets[i].faustLabel);
  out += "}};\n};\n\n}  // namespace wsp_faust\n";
  return out;
}

}  // namespace wstudio::forge

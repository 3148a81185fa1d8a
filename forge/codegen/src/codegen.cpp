#include "wstudio/forge/codegen.hpp"

#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "block_code.hpp"
#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace wstudio::forge {
namespace {

using detail::blockCode;

// Names a generated local may not take: C++ keywords and the chain's own locals.
const std::set<std::string> kReserved = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
    "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const",
    "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return",
    "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
    "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
    "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "requires", "return",
    "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
    "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
    "l", "r", "i", "block", "frames", "inL", "inR", "outL", "outR", "dryL", "dryR", "wet", "param",
    "info", "params", "tail", "process", "reset", "activate", "transport", "noteOn", "noteOff", "std",
    "wsp"};

std::string camel(std::string_view id, bool upperFirst) {
  std::string out;
  bool up = upperFirst;
  for (char c : id) {
    if (c == '_') {
      up = !out.empty() || upperFirst;
      continue;
    }
    out += up && c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    up = false;
  }
  return out;
}

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string literal(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += char(c);
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else out += char(c);
  }
  return out + "\"";
}

// One line of comment text: no line breaks, no trailing backslash (which would continue it).
std::string commentText(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\\') ? ' ' : c;
  return out;
}

std::string category(const Plan& plan) {
  static const std::map<std::string, std::string> kCategory = {
      {"gain", "utility"},       {"saturate", "distortion"}, {"bitcrush", "distortion"},
      {"lowpass", "filter"},     {"highpass", "filter"},     {"bandpass", "filter"},
      {"notch", "filter"},       {"lowshelf", "eq"},         {"highshelf", "eq"},
      {"peak", "eq"},            {"compressor", "dynamics"}, {"limiter", "dynamics"},
      {"gate", "dynamics"},      {"delay", "delay"},         {"reverb", "reverb"},
      {"chorus", "modulation"},  {"flanger", "modulation"},  {"phaser", "modulation"},
      {"tremolo", "modulation"}, {"autopan", "modulation"},  {"vibrato", "modulation"},
      {"width", "utility"},      {"ringmod", "modulation"},  {"synth", "synth"}};
  const auto it = kCategory.find(plan.blocks.front().kind);
  return it == kCategory.end() ? "other" : it->second;
}

std::string scaleCode(Scale s) {
  switch (s) {
    case Scale::Log: return ", Scale::Log";
    case Scale::Db: return ", Scale::Db";
    case Scale::Linear: break;
  }
  return "";
}

class Writer {
 public:
  Writer(const Plan& plan, std::string_view entryName)
      : plan_(plan), entry_(entryName.empty() ? plan.id : std::string(entryName)) {
    namespace_ = entry_.starts_with("forge_") ? entry_ : "forge_" + entry_;
    nameParameters();
    nameMembers();
  }

  std::string run() {
    header();
    includes();
    out_ += "namespace " + namespace_ + " {\n\nusing namespace wsp::sdk;\n\n";
    blockClasses();
    pluginClass();
    out_ += "}  // namespace " + namespace_ + "\n\n";
    out_ += "WSP_PLUGIN(" + namespace_ + "::" + className_ + ", " + entry_ + ");\n";
    return out_;
  }

 private:
  void nameParameters() {
    std::set<std::string> taken;
    for (const Parameter& p : plan_.parameters) {
      std::string local = camel(p.id, false);
      if (kReserved.contains(local)) local += "Value";
      for (int n = 2; taken.contains(local); ++n) local = camel(p.id, false) + "Value" + std::to_string(n);
      taken.insert(local);
      local_[p.id] = local;
      std::string enumName = camel(local, true);
      enumName.insert(0, 1, 'k');
      enum_[p.id] = enumName;
    }
    className_ = camel(plan_.id, true) + "Plugin";
  }

  void nameMembers() {
    std::map<std::string, int> count, seen;
    for (const Block& b : plan_.blocks) ++count[b.kind];
    for (const Block& b : plan_.blocks) {
      std::string base = (b.kind == "chorus" || b.kind == "flanger") ? b.kind
                                                                     : std::string(blockCode(b.kind).className);
      base[0] = char(std::tolower(static_cast<unsigned char>(base[0])));
      const std::string suffix = count[b.kind] > 1 ? std::to_string(++seen[b.kind]) : "";
      members_.push_back(base + suffix + "_");
    }
  }

  void header() {
    out_ += "// " + commentText(plan_.name) + ": written by the WASM Studio Forge from its plan (\"" +
            plan_.id + "\").\n";
    if (!plan_.description.empty()) out_ += "// Asked for: \"" + commentText(plan_.description) + "\"\n";
    out_ += "//\n// Signal chain, per sample:";
    for (size_t i = 0; i < plan_.blocks.size(); ++i)
      out_ += std::string(i ? " ->" : "") + " " + std::string(findBlockSpec(plan_.blocks[i].kind)->title);
    out_ += plan_.mix ? ", blended with the dry input by the mix knob.\n" : ".\n";
    out_ += "// Knobs glide over 20 ms when moved (the SDK smooths them); every recursive state flushes\n"
            "// denormals, so silence costs no more than sound.\n";
    for (const std::string& note : plan_.notes) out_ += "// Note: " + commentText(note) + "\n";
    out_ += "#include <algorithm>\n#include <cmath>\n#include <cstddef>\n#include <cstdint>\n\n";
  }

  void includes() {
    std::set<std::string> headers;
    for (const Block& b : plan_.blocks)
      for (std::string_view h : blockCode(b.kind).headers) headers.insert(std::string(h));
    for (const std::string& h : headers) out_ += "#include <wsp/dsp/" + h + ".hpp>\n";
    out_ += "#include <wsp/sdk.hpp>\n\n";
  }

  void blockClasses() {
    std::set<std::string_view> written;
    for (const Block& b : plan_.blocks) {
      const auto& code = blockCode(b.kind);
      if (written.insert(code.className).second) out_ += code.text + "\n";
    }
  }

  bool synced(const Block& b) const {
    const auto it = b.options.find("sync");
    return it != b.options.end() && it->second != "off";
  }
  bool usesEchoTail() const {
    for (const Block& b : plan_.blocks)
      if (b.kind == "delay" || b.kind == "chorus" || b.kind == "flanger") return true;
    return false;
  }
  // Is a synced block's `control` ("time" or "rate") set by the tempo?
  bool syncedControl(std::string_view control) const {
    for (const Block& b : plan_.blocks)
      if (synced(b) && b.controls.contains(std::string(control))) return true;
    return false;
  }
  bool anySynced() const {
    for (const Block& b : plan_.blocks)
      if (synced(b)) return true;
    return false;
  }

  // The C++ expression a block's control takes each sample.
  std::string controlExpression(const Block& b, const ControlSpec& c) const {
    if (synced(b) && (c.id == "time" || c.id == "rate")) {
      const std::string division = b.options.at("sync");
      const std::string beats = number(divisionBeats(division));
      return (c.id == "time" ? "syncedMs(" : "syncedHz(") + beats + " /* " + division + " note */)";
    }
    const Control& control = b.controls.at(std::string(c.id));
    if (control.param) return local_.at(*control.param);
    return number(control.value) + "f /* " + std::string(c.name) +
           (c.unit.empty() ? "" : ", " + std::string(c.unit)) + " */";
  }

  void pluginClass() {
    const bool instrument = isInstrument(plan_);
    out_ += "// Stable: presets and sessions store values by these ids.\nenum ParamId : uint32_t {";
    for (size_t i = 0; i < plan_.parameters.size(); ++i)
      out_ += std::string(i ? ", " : " ") + enum_.at(plan_.parameters[i].id);
    out_ += plan_.parameters.empty() ? "};\n\n" : " };\n\n";

    out_ += "class " + className_ + " : public Plugin {\n public:\n";
    out_ += "  static constexpr PluginInfo info{\n";
    out_ += "      .id = " + literal("forge." + plan_.id) + ",\n";
    out_ += "      .name = " + literal(plan_.name) + ",\n";
    out_ += "      .vendor = \"WASM Studio Forge\",\n      .version = \"1.0.0\",\n";
    out_ += "      .category = " + literal(category(plan_)) + ",\n";
    out_ += instrument ? "      .kind = Kind::Instrument,\n      .inputs = 0,\n      .outputs = 2,\n      .midi = true,\n"
                       : "      .kind = Kind::Effect,\n      .inputs = 2,\n      .outputs = 2,\n      .midi = false,\n";
    out_ += "      .description = " + literal(plan_.description.empty() ? plan_.name : plan_.description) + ",\n";
    out_ += "  };\n\n";

    out_ += "  static constexpr Param params[] = {\n";
    for (const Parameter& p : plan_.parameters)
      out_ += "      floatParam(" + enum_.at(p.id) + ", " + literal(p.id) + ", " + literal(p.name) + ", " +
              literal(p.unit) + ", " + number(p.min) + ", " + number(p.max) + ", " + number(p.defaultValue) +
              scaleCode(p.scale) + "),\n";
    if (plan_.parameters.empty()) out_ += "      // no knobs: every control is fixed\n";
    out_ += "  };\n\n";

    // activate / reset
    out_ += "  // [main] Prepares every block (delay lines allocate here); false (out of memory) fails the\n"
            "  // activation.\n";
    out_ += "  bool activate(double sampleRate, uint32_t /*maxFrames*/) {\n    return ";
    for (size_t i = 0; i < members_.size(); ++i)
      out_ += std::string(i ? " &&\n           " : "") + members_[i] + ".prepare(sampleRate)";
    out_ += ";\n  }\n\n  void reset() {\n";
    for (const std::string& m : members_) out_ += "    " + m + ".reset();\n";
    out_ += "  }\n\n";

    if (anySynced()) {
      out_ += "  // Synced blocks follow the host's tempo.\n";
      out_ += "  void transport(const Transport& t) {\n";
      out_ += "    if (t.tempoBpm >= 20.0 && t.tempoBpm <= 999.0) tempoBpm_ = t.tempoBpm;\n  }\n\n";
    }
    if (instrument) {
      out_ += "  void noteOn(const Note& note) { " + members_[0] + ".noteOn(note); }\n";
      out_ += "  void noteOff(const Note& note) { " + members_[0] + ".noteOff(note); }\n\n";
    }
    latency();
    tail();
    process(instrument);

    out_ += " private:\n";
    if (syncedControl("time"))
      out_ += "  float syncedMs(double beats) const { return float(60000.0 / tempoBpm_ * beats); }\n";
    if (syncedControl("rate"))
      out_ += "  float syncedHz(double beats) const { return float(tempoBpm_ / 60.0 / beats); }\n";
    if (usesEchoTail()) out_ += "  static double echoTail(double delayMs, double feedbackPercent) {\n"
            "    // Echoes fall 20 log10(100 / feedback) dB per repeat: the repeats to fall 60 dB.\n"
            "    const double repeats = feedbackPercent < 0.1 ? 1.0 : 1.0 + 3.0 / std::log10(100.0 / feedbackPercent);\n"
            "    return std::min(60.0, repeats * delayMs * 0.001);\n  }\n\n";
    for (size_t i = 0; i < plan_.blocks.size(); ++i) {
      const Block& b = plan_.blocks[i];
      out_ += "  " + std::string(blockCode(b.kind).className) + " " + members_[i] +
              detail::constructorArguments(b) + ";  // " + std::string(findBlockSpec(b.kind)->title) + "\n";
    }
    if (anySynced()) out_ += "  double tempoBpm_ = 120.0;\n";
    out_ += "};\n\n";
  }

  // A control's current value, for tail(): the knob's target or the fixed number.
  std::string currentValue(const Block& b, std::string_view control) const {
    const ControlSpec& c = *findControl(*findBlockSpec(b.kind), control);
    if (synced(b) && (c.id == "time" || c.id == "rate")) return "double(" + controlExpression(b, c) + ")";
    const Control& v = b.controls.at(std::string(control));
    if (v.param) return "param(" + enum_.at(*v.param) + ").value()";
    return number(v.value);
  }

  // Only a vibrato delays the signal as a whole; its centre delay is reported.
  void latency() {
    std::string sum;
    for (size_t i = 0; i < plan_.blocks.size(); ++i)
      if (plan_.blocks[i].kind == "vibrato")
        sum += (sum.empty() ? "" : " + ") + members_[i] + ".latency(float(" + currentValue(plan_.blocks[i], "depth") + "))";
    if (sum.empty()) return;
    out_ += "  // The delay the host compensates (ABI-13): the vibrato's centre delay.\n";
    out_ += "  uint32_t latency() const { return " + sum + "; }\n\n";
  }

  void tail() {
    out_ += "  // How long sound goes on after the input stops (ABI-13), from the knobs' values now.\n";
    out_ += "  uint32_t tail() const {\n    double seconds = 0.0;\n";
    for (const Block& b : plan_.blocks) {
      const std::string& k = b.kind;
      if (k == "delay") out_ += "    seconds += echoTail(" + currentValue(b, "time") + ", " + currentValue(b, "feedback") + ");\n";
      else if (k == "reverb")
        out_ += "    seconds += " + currentValue(b, "decay") + " * 1.5 + " + currentValue(b, "predelay") + " * 0.001 + 0.1;\n";
      else if (k == "chorus" || k == "flanger")
        out_ += "    seconds += echoTail(" + currentValue(b, "delay") + " + " + currentValue(b, "depth") + ", " +
                currentValue(b, "feedback") + ") + 0.01;\n";
      else if (k == "synth") out_ += "    seconds += " + currentValue(b, "release") + " * 0.001 + 0.05;\n";
      else if (k == "lowpass" || k == "highpass" || k == "bandpass" || k == "notch" || k == "lowshelf" ||
               k == "highshelf" || k == "peak" || k == "phaser")
        out_ += "    seconds += 1.5;  // " + std::string(findBlockSpec(k)->title) + ": a resonance rings out\n";
      else if (k == "saturate" || k == "vibrato" || k == "bitcrush")
        out_ += "    seconds += 0.1;  // " + std::string(findBlockSpec(k)->title) + "\n";
    }
    out_ += "    return uint32_t(std::min(seconds * sampleRate(), 4.0e9));\n  }\n\n";
  }

  void process(bool instrument) {
    out_ += "  void process(const Block& block) {\n";
    if (!instrument) out_ += "    const float* inL = block.input(0);\n    const float* inR = block.input(1);\n";
    out_ += "    float* outL = block.output(0);\n    float* outR = block.output(1);\n";
    out_ += "    for (uint32_t i = 0; i < block.frames(); ++i) {\n";
    if (!plan_.parameters.empty()) out_ += "      // This sample's knob values (gliding while a knob moves).\n";
    for (const Parameter& p : plan_.parameters)
      out_ += "      const float " + local_.at(p.id) + " = param(" + enum_.at(p.id) + ").next();\n";
    out_ += instrument ? "      float l = 0.0f, r = 0.0f;\n" : "      float l = inL[i], r = inR[i];\n";
    if (plan_.mix) out_ += "      const float dryL = l, dryR = r;\n";
    for (size_t i = 0; i < plan_.blocks.size(); ++i) {
      const Block& b = plan_.blocks[i];
      const BlockSpec& spec = *findBlockSpec(b.kind);
      out_ += "      // " + std::string(spec.title);
      for (const auto& [option, value] : b.options) out_ += ", " + option + " " + value;
      out_ += "\n      " + members_[i] + ".process(l, r";
      for (const ControlSpec& c : spec.controls) out_ += ", " + controlExpression(b, c);
      out_ += ");\n";
    }
    if (plan_.mix) {
      out_ += "      const float wet = " + local_.at(*plan_.mix) + " * 0.01f;\n";
      out_ += "      outL[i] = dryL + wet * (l - dryL);\n      outR[i] = dryR + wet * (r - dryR);\n";
    } else {
      out_ += "      outL[i] = l;\n      outR[i] = r;\n";
    }
    out_ += "    }\n  }\n\n";
  }

  const Plan& plan_;
  std::string entry_;
  std::string namespace_;
  std::string className_;
  std::map<std::string, std::string> local_, enum_;
  std::vector<std::string> members_;
  std::string out_;
};

}  // namespace

std::string writePluginSource(const Plan& plan, std::string_view entryName) {
  if (const auto errors = validatePlan(plan); !errors.empty())
    throw std::invalid_argument("the plan is not valid: " + toString(errors.front()));
  if (!entryName.empty() && !isPlanIdentifier(entryName, 64))
    throw std::invalid_argument("the entry name must be a lower-case C identifier");
  return Writer(plan, entryName).run();
}

}  // namespace wstudio::forge

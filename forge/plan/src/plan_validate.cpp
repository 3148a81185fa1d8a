#include "wstudio/forge/plan_validate.hpp"

#include <cmath>
#include <set>
#include <string>

#include "wstudio/forge/block_catalog.hpp"

namespace wstudio::forge {
namespace {

std::string str(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Printable text without control characters: names end up in C++ string literals and in the UI.
bool isPlainText(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

class Validator {
 public:
  explicit Validator(const Plan& plan) : plan_(plan) {}

  std::vector<PlanError> run() {
    if (plan_.version != kPlanVersion)
      add("$.version", "PLAN-1", "version " + std::to_string(plan_.version) + " is not " +
                                     std::to_string(kPlanVersion));
    checkIdentity();
    checkParameters();
    checkBlocks();
    checkMix();
    checkEveryParameterUsed();
    return std::move(errors_);
  }

 private:
  void add(std::string path, const char* rule, std::string message) {
    errors_.push_back({std::move(path), rule, std::move(message)});
  }

  void checkIdentity() {
    if (!isPlanIdentifier(plan_.id, 48) || plan_.id.front() == '_')
      add("$.id", "PLAN-2", "the plugin id '" + plan_.id +
                                "' must be 1 to 48 characters of a-z, 0-9 and _, starting with a letter");
    if (plan_.name.empty() || plan_.name.size() > kMaxNameLength || !isPlainText(plan_.name))
      add("$.name", "PLAN-2", "the name must be 1 to 64 characters of plain text");
    if (plan_.description.size() > kMaxDescriptionLength || !isPlainText(plan_.description))
      add("$.description", "PLAN-13", "the description must be at most 1000 characters of plain text");
  }

  void checkParameters() {
    if (plan_.parameters.size() > kMaxParameters)
      add("$.parameters", "PLAN-3", "at most 64 parameters");
    std::set<std::string> seen;
    for (size_t i = 0; i < plan_.parameters.size(); ++i) {
      const Parameter& p = plan_.parameters[i];
      const std::string at = "$.parameters[" + std::to_string(i) + "]";
      if (!isPlanIdentifier(p.id, kMaxParameterIdLength))
        add(at + ".id", "PLAN-3", "the parameter id '" + p.id +
                                      "' must be 1 to 32 characters of a-z, 0-9 and _, not starting with a digit");
      else if (!seen.insert(p.id).second)
        add(at + ".id", "PLAN-3", "the parameter id '" + p.id + "' is used twice");
      if (p.name.empty() || p.name.size() > 32 || !isPlainText(p.name))
        add(at + ".name", "PLAN-3", "the name must be 1 to 32 characters of plain text");
      if (p.unit.size() > 8 || !isPlainText(p.unit))
        add(at + ".unit", "PLAN-3", "the unit must be at most 8 characters of plain text");
      if (!std::isfinite(p.min) || !std::isfinite(p.max) || !(p.min < p.max)) {
        add(at, "PLAN-4", "the range " + str(p.min) + ".." + str(p.max) +
                              " must be finite numbers with min below max");
        continue;
      }
      if (p.scale == Scale::Log && p.min <= 0.0)
        add(at + ".scale", "PLAN-4", "a log scale needs a minimum above 0");
      if (p.scale == Scale::Db && p.unit != "dB")
        add(at + ".scale", "PLAN-4", "a dB scale is for a parameter in dB");
      if (!std::isfinite(p.defaultValue) || p.defaultValue < p.min || p.defaultValue > p.max)
        add(at + ".default", "PLAN-5", "the default " + str(p.defaultValue) + " is outside " +
                                           str(p.min) + ".." + str(p.max));
    }
  }

  void checkBlocks() {
    if (plan_.blocks.empty() || plan_.blocks.size() > kMaxBlocks)
      add("$.blocks", "PLAN-6", "a plan has 1 to 32 blocks");
    for (size_t i = 0; i < plan_.blocks.size(); ++i) {
      const Block& b = plan_.blocks[i];
      const std::string at = "$.blocks[" + std::to_string(i) + "]";
      const BlockSpec* spec = findBlockSpec(b.kind);
      if (!spec) {
        add(at + ".kind", "PLAN-6", "unknown block kind '" + b.kind + "'");
        continue;
      }
      if (spec->instrument && i != 0)
        add(at + ".kind", "PLAN-10", "an instrument block (" + b.kind + ") can only come first");
      checkControls(*spec, b, at);
      checkOptions(*spec, b, at);
    }
  }

  void checkControls(const BlockSpec& spec, const Block& b, const std::string& at) {
    for (const auto& [name, control] : b.controls)
      if (!findControl(spec, name))
        add(at + ".controls." + name, "PLAN-7", "a " + b.kind + " block has no control '" + name + "'");
    for (const ControlSpec& c : spec.controls) {
      const std::string path = at + ".controls." + std::string(c.id);
      const auto it = b.controls.find(std::string(c.id));
      if (it == b.controls.end()) {
        add(path, "PLAN-7", "the control is missing");
        continue;
      }
      const Control& control = it->second;
      const std::string limits = str(c.min) + ".." + str(c.max) + " " + std::string(c.unit);
      if (!control.param) {
        if (!std::isfinite(control.value) || control.value < c.min || control.value > c.max)
          add(path, "PLAN-8", "the value " + str(control.value) + " is outside " + limits);
        continue;
      }
      const Parameter* p = findParameter(plan_, *control.param);
      if (!p) {
        add(path, "PLAN-7", "no parameter '" + *control.param + "'");
        continue;
      }
      used_.insert(p->id);
      if (p->unit != c.unit)
        add(path, "PLAN-7", "parameter '" + p->id + "' is in '" + p->unit + "', the control in '" +
                                std::string(c.unit) + "'");
      else if (p->min < c.min || p->max > c.max)
        add(path, "PLAN-7", "parameter '" + p->id + "' ranges " + str(p->min) + ".." + str(p->max) +
                                ", beyond the control's " + limits);
    }
  }

  void checkOptions(const BlockSpec& spec, const Block& b, const std::string& at) {
    for (const auto& [name, value] : b.options) {
      const OptionSpec* option = findOption(spec, name);
      if (!option)
        add(at + ".options." + name, "PLAN-9", "a " + b.kind + " block has no option '" + name + "'");
      else if (!optionAllows(*option, value))
        add(at + ".options." + name, "PLAN-9", "'" + value + "' is not one of " + std::string(option->choices));
    }
    for (const OptionSpec& o : spec.options)
      if (!b.options.contains(std::string(o.id)))
        add(at + ".options." + std::string(o.id), "PLAN-9", "the option is missing");
    // Following the tempo, a block's own rate or time does nothing: a knob on it would be dead.
    const auto sync = b.options.find("sync");
    if (sync != b.options.end() && sync->second != "off") {
      for (const char* timed : {"rate", "time"}) {
        const auto it = b.controls.find(timed);
        if (it != b.controls.end() && it->second.param)
          add(at + ".controls." + timed, "PLAN-9",
              std::string("synced to the tempo (") + sync->second + "), the " + timed +
                  " cannot be a parameter");
      }
    }
  }

  void checkMix() {
    if (!plan_.mix) return;
    const Parameter* p = findParameter(plan_, *plan_.mix);
    if (!p) {
      add("$.mix", "PLAN-11", "no parameter '" + *plan_.mix + "'");
      return;
    }
    used_.insert(p->id);
    if (isInstrument(plan_)) add("$.mix", "PLAN-11", "an instrument has no dry signal to mix");
    if (p->unit != "%" || p->min < 0.0 || p->max > 100.0)
      add("$.mix", "PLAN-11", "the mix parameter '" + p->id + "' must be in % within 0..100");
  }

  void checkEveryParameterUsed() {
    for (size_t i = 0; i < plan_.parameters.size(); ++i)
      if (!used_.contains(plan_.parameters[i].id))
        add("$.parameters[" + std::to_string(i) + "]", "PLAN-12",
            "parameter '" + plan_.parameters[i].id + "' controls nothing");
  }

  const Plan& plan_;
  std::set<std::string> used_;
  std::vector<PlanError> errors_;
};

}  // namespace

bool isPlanIdentifier(std::string_view text, size_t maxLength) {
  if (text.empty() || text.size() > maxLength) return false;
  if (text.front() >= '0' && text.front() <= '9') return false;
  for (char c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::vector<PlanError> validatePlan(const Plan& plan) { return Validator(plan).run(); }

}  // namespace wstudio::forge

#include "check_context.hpp"

#include <cmath>
#include <cstdio>

namespace wstudio::conformance {

void fail(std::string reason) { throw CheckFailed{{}, std::move(reason), {}}; }
void fail(std::string rule, std::string reason) {
  throw CheckFailed{{std::move(rule)}, std::move(reason), {}};
}
void skip(std::string reason) { throw CheckSkipped{std::move(reason)}; }

Context::Context(const SuiteTarget& target, const SuiteOptions& options)
    : target_(target), options_(options) {}

Random Context::random(std::string_view checkName) const {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a of the name, mixed with the run's seed
  for (char c : checkName) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return Random(options_.seed ^ hash);
}

std::unique_ptr<host::PluginInstance> Context::instantiate(double sampleRate, uint32_t maxFrames,
                                                           const Settings& settings) const {
  return instantiate(*target_.module, sampleRate, maxFrames, settings);
}

std::unique_ptr<host::PluginInstance> Context::instantiate(host::PluginModule& module,
                                                           double sampleRate, uint32_t maxFrames,
                                                           const Settings& settings) const {
  auto created = module.instantiate();
  if (!created) fail("ABI-7", "could not create an instance: " + created.error());
  auto instance = std::move(created).value();
  auto activated = instance->activate(sampleRate, maxFrames);
  if (!activated) {
    fail("ABI-8", "wsp_activate(" + hz(sampleRate) + ", max_frames " + std::to_string(maxFrames) +
                      ") failed: " + activated.error());
  }
  failIfFaulted(*instance, "on activation at " + hz(sampleRate));
  apply(*instance, settings);
  return instance;
}

void Context::apply(host::PluginInstance& instance, const Settings& settings) const {
  for (const auto& [id, value] : settings) {
    instance.setParam(id, value);
    failIfFaulted(instance, "while setting " + describeParam(id, value));
  }
  instance.reset();
  failIfFaulted(instance, "in wsp_reset with " + describe(settings));
}

Settings Context::defaults() const {
  Settings settings;
  for (const auto& param : descriptor().params) settings.emplace_back(param.id, param.defaultValue);
  return settings;
}

Settings Context::allAt(bool maximum) const {
  Settings settings;
  for (const auto& param : descriptor().params) {
    settings.emplace_back(param.id, maximum ? param.max : param.min);
  }
  return settings;
}

Settings Context::randomSettings(Random& random) const {
  Settings settings;
  for (const auto& param : descriptor().params) {
    settings.emplace_back(param.id, param.clamp(valueAt(param, random.uniform())));
  }
  return settings;
}

std::string Context::describeParam(uint32_t id, double value) const {
  const auto* param = descriptor().findParam(id);
  if (param == nullptr) return "param id " + std::to_string(id) + " = " + formatNumber(value);
  std::string text = "'" + param->key + "' = ";
  if (param->type == host::ParamType::Choice && value >= 0 &&
      static_cast<size_t>(value) < param->choices.size() && value == std::floor(value)) {
    text += "'" + param->choices[static_cast<size_t>(value)] + "'";
  } else {
    text += formatNumber(value);
    if (!param->unit.empty()) text += " " + param->unit;
  }
  if (value == param->min) text += " (min)";
  if (value == param->max) text += " (max)";
  return text;
}

std::string Context::describe(const Settings& settings) const {
  std::string text;
  for (const auto& [id, value] : settings) {
    const auto* param = descriptor().findParam(id);
    if (param != nullptr && value == param->defaultValue && settings.size() > 3) continue;
    if (!text.empty()) text += ", ";
    text += describeParam(id, value);
  }
  return text.empty() ? "default parameters" : "params " + text;
}

double valueAt(const host::ParamInfo& param, double position) {
  if (position >= 1.0) return param.max;
  if (position <= 0.0) return param.min;
  if (param.scale == host::ParamScale::Log && param.min > 0.0) {
    return param.min * std::pow(param.max / param.min, position);
  }
  return param.min + (param.max - param.min) * position;
}

void failIfFaulted(const host::PluginInstance& instance, const std::string& what) {
  if (!instance.faulted()) return;
  std::vector<std::string> rules;
  if (instance.fault() == host::Fault::NonFinite) rules = {"ABI-12"};
  if (instance.fault() == host::Fault::Runaway) rules = {"ABI-17"};
  throw CheckFailed{rules,
                    std::string(host::faultName(instance.fault())) + ": " + instance.faultMessage() + " (" + what + ")",
                    host::faultName(instance.fault())};
}

std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string describe(const Difference& difference) {
  return "output sample " + std::to_string(difference.frame) + " of channel " +
         std::to_string(difference.channel) + " is " + formatNumber(difference.b) +
         " instead of " + formatNumber(difference.a);
}

std::string hz(double sampleRate) { return formatNumber(sampleRate) + " Hz"; }

}  // namespace wstudio::conformance

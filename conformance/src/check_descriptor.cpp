// ABI-6: the descriptor follows the schema. The loader already parsed it (and refuses what it
// cannot parse); this re-states every schema rule on the parsed form, so adapted descriptors
// (vAIst Forge) and lenient parsers are held to the same contract.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "checks.hpp"

namespace wstudio::conformance {
namespace {

bool isIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}
bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool isWhole(double value) { return std::isfinite(value) && value == std::floor(value); }

void checkParam(const host::ParamInfo& param, const std::string& where) {
  if (param.key.empty() || param.key.size() > 64 ||
      !std::all_of(param.key.begin(), param.key.end(), isKeyChar)) {
    fail(where + ".key '" + param.key + "': must be 1..64 characters of [A-Za-z0-9_]");
  }
  if (param.name.empty()) fail(where + ".name: must not be empty");
  if (!std::isfinite(param.min) || !std::isfinite(param.max) || !(param.min < param.max)) {
    fail(where + ": min (" + formatNumber(param.min) + ") must be less than max (" +
         formatNumber(param.max) + ")");
  }
  if (!(param.defaultValue >= param.min && param.defaultValue <= param.max)) {
    fail(where + ".default " + formatNumber(param.defaultValue) + " is outside [" +
         formatNumber(param.min) + ", " + formatNumber(param.max) + "]");
  }
  if (param.type != host::ParamType::Float &&
      !(isWhole(param.min) && isWhole(param.max) && isWhole(param.defaultValue))) {
    fail(where + ": int, bool and choice parameters need whole min, max and default");
  }
  if (param.type == host::ParamType::Bool && (param.min != 0.0 || param.max != 1.0)) {
    fail(where + ": a bool parameter ranges 0..1");
  }
  if (param.type == host::ParamType::Choice &&
      (param.min != 0.0 || param.max + 1.0 != static_cast<double>(param.choices.size()))) {
    fail(where + ": a choice parameter ranges 0..choices.length-1 (" +
         std::to_string(param.choices.size()) + " choices, max " + formatNumber(param.max) +
         ")");
  }
  if (param.scale == host::ParamScale::Log && !(param.min > 0.0)) {
    fail(where + ": scale 'log' needs min > 0");
  }
}

}  // namespace

std::string checkDescriptor(Context& context) {
  const auto& d = context.descriptor();
  if (d.abi != 1) fail("abi is " + std::to_string(d.abi) + ", must be 1");
  if (d.id.empty() || d.id.size() > 128 || !std::all_of(d.id.begin(), d.id.end(), isIdChar)) {
    fail("id '" + d.id + "': must be 1..128 characters of [a-z0-9._-]");
  }
  if (d.name.empty()) fail("name: must not be empty");
  if (d.version.empty()) fail("version: must be a semantic version such as 1.0.0");
  static constexpr std::array<std::string_view, 11> kCategories{
      "eq",         "dynamics",   "delay",   "reverb",  "modulation", "distortion",
      "filter",     "utility",    "synth",   "analyzer", "other"};
  if (std::find(kCategories.begin(), kCategories.end(), d.category) == kCategories.end()) {
    fail("category '" + d.category + "' is not one of eq, dynamics, delay, reverb, modulation, "
         "distortion, filter, utility, synth, analyzer, other");
  }
  if (d.inputs > WSP_MAX_CHANNELS) fail("audio.inputs must be 0..8");
  if (d.outputs < 1 || d.outputs > WSP_MAX_CHANNELS) fail("audio.outputs must be 1..8");
  if (d.kind == host::PluginKind::Effect && d.inputs == 0) {
    fail("kind 'effect' needs audio inputs (use kind 'instrument' for a generator)");
  }
  if (d.kind == host::PluginKind::Instrument && !d.midi) fail("kind 'instrument' needs midi: true");
  std::set<uint32_t> ids;
  std::set<std::string> keys;
  for (size_t i = 0; i < d.params.size(); ++i) {
    const auto& param = d.params[i];
    const std::string where = "params[" + std::to_string(i) + "] ('" + param.key + "')";
    if (!ids.insert(param.id).second) fail(where + ".id " + std::to_string(param.id) + " is not unique");
    if (!keys.insert(param.key).second) fail(where + ".key is not unique");
    checkParam(param, where);
  }
  return "'" + d.id + "' " + d.version + ", " + std::to_string(d.params.size()) + " parameters, " +
         std::to_string(d.inputs) + " in / " + std::to_string(d.outputs) + " out";
}

std::string checkInstantiation(Context& context) {
  const auto& d = context.descriptor();
  auto instance = context.instantiate(48000.0, 512);
  for (const auto& param : d.params) {
    const double value = instance->paramValue(param.id);
    if (value != param.defaultValue) {
      fail("ABI-7", "a new instance has " + context.describeParam(param.id, value) +
                        ", but the descriptor's default is " + formatNumber(param.defaultValue));
    }
  }
  uint32_t unknownId = 0;
  while (d.findParam(unknownId) != nullptr) ++unknownId;
  if (!std::isnan(instance->paramValue(unknownId))) {
    fail("ABI-7", "wsp_param_get of unknown id " + std::to_string(unknownId) +
                      " must return NaN, returned " + formatNumber(instance->paramValue(unknownId)));
  }
  RenderJob job;
  job.frames = 512;
  job.situation = "the first block of silence at 48000 Hz";
  render(*instance, job);
  return "created, activated at 48000 Hz, parameters start at their defaults";
}

}  // namespace wstudio::conformance

// Compile-time checks of a plugin's info and parameter table against the descriptor rules of
// docs/plugin-abi.md. A broken table fails to compile, and the compiler's note names the rule:
// "call to non-constexpr function 'wsp_error_param_default_out_of_range'". Catching this at build
// time rather than in the host's validator is the point: authors (and code generators) get the
// error next to the line that caused it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "wsp/sdk/param.hpp"
#include "wsp/sdk/plugin_info.hpp"
#include "wsp/wsp_plugin.h"

namespace wsp::sdk::detail {

// Never defined: reaching one during constant evaluation is the error message.
void wsp_error_plugin_id_must_be_1_to_128_of_a_z_0_9_dot_dash_underscore();
void wsp_error_plugin_name_vendor_version_must_not_be_empty();
void wsp_error_plugin_category_unknown();
void wsp_error_plugin_inputs_must_be_0_to_8();
void wsp_error_plugin_outputs_must_be_1_to_8();
void wsp_error_effect_needs_audio_inputs();
void wsp_error_instrument_needs_midi();
void wsp_error_param_ids_must_be_unique();
void wsp_error_param_keys_must_be_unique();
void wsp_error_param_key_must_be_1_to_64_of_A_Z_a_z_0_9_underscore();
void wsp_error_param_name_must_not_be_empty();
void wsp_error_param_min_must_be_less_than_max();
void wsp_error_param_default_out_of_range();
void wsp_error_param_int_bool_choice_values_must_be_whole();
void wsp_error_param_log_scale_needs_positive_min();
void wsp_error_param_choice_names_must_not_be_empty();
void wsp_error_param_smoothing_must_be_0_to_1000_ms();

constexpr bool isLowerIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}
constexpr bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool isWhole(double v) { return v == double(int64_t(v)); }

constexpr bool validInfo(const PluginInfo& info) {
  if (info.id.empty() || info.id.size() > 128)
    wsp_error_plugin_id_must_be_1_to_128_of_a_z_0_9_dot_dash_underscore();
  for (char c : info.id)
    if (!isLowerIdChar(c)) wsp_error_plugin_id_must_be_1_to_128_of_a_z_0_9_dot_dash_underscore();
  if (info.name.empty() || info.vendor.empty() || info.version.empty())
    wsp_error_plugin_name_vendor_version_must_not_be_empty();
  constexpr std::string_view categories[] = {"eq",         "dynamics",   "delay", "reverb",
                                             "modulation", "distortion", "filter", "utility",
                                             "synth",      "analyzer",   "other"};
  bool known = false;
  for (auto c : categories) known = known || c == info.category;
  if (!known) wsp_error_plugin_category_unknown();
  if (info.inputs > WSP_MAX_CHANNELS) wsp_error_plugin_inputs_must_be_0_to_8();
  if (info.outputs < 1 || info.outputs > WSP_MAX_CHANNELS) wsp_error_plugin_outputs_must_be_1_to_8();
  if (info.kind == Kind::Effect && info.inputs == 0) wsp_error_effect_needs_audio_inputs();
  if (info.kind == Kind::Instrument && !info.midi) wsp_error_instrument_needs_midi();
  return true;
}

constexpr bool validParam(const Param& p) {
  if (p.key.empty() || p.key.size() > 64) wsp_error_param_key_must_be_1_to_64_of_A_Z_a_z_0_9_underscore();
  for (char c : p.key)
    if (!isKeyChar(c)) wsp_error_param_key_must_be_1_to_64_of_A_Z_a_z_0_9_underscore();
  if (p.name.empty()) wsp_error_param_name_must_not_be_empty();
  // Written as !(a < b) so that NaN bounds fail too.
  if (!(p.min < p.max)) wsp_error_param_min_must_be_less_than_max();
  if (!(p.min <= p.defaultValue && p.defaultValue <= p.max)) wsp_error_param_default_out_of_range();
  if (p.type != ParamType::Float && !(isWhole(p.min) && isWhole(p.max) && isWhole(p.defaultValue)))
    wsp_error_param_int_bool_choice_values_must_be_whole();
  if (p.scale == Scale::Log && !(p.min > 0.0)) wsp_error_param_log_scale_needs_positive_min();
  if (p.type == ParamType::Choice) {
    std::string_view rest = p.choices;
    while (true) {
      const auto bar = rest.find('|');
      if (rest.substr(0, bar).empty()) wsp_error_param_choice_names_must_not_be_empty();
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
  }
  if (!(p.smoothingMs >= 0.0 && p.smoothingMs <= 1000.0)) wsp_error_param_smoothing_must_be_0_to_1000_ms();
  return true;
}

constexpr bool validParams(std::span<const Param> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    validParam(params[i]);
    for (size_t j = i + 1; j < params.size(); ++j) {
      if (params[i].id == params[j].id) wsp_error_param_ids_must_be_unique();
      if (params[i].key == params[j].key) wsp_error_param_keys_must_be_unique();
    }
  }
  return true;
}

}  // namespace wsp::sdk::detail

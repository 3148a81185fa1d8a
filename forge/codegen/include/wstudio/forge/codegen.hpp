// The Forge's C++ writer: a valid plan to one readable C++ source file against the plugin SDK
// (wsp/sdk.hpp and wsp/dsp/ blocks), the same kind of file as a factory plugin: parameters with
// the plan's ids, names, units, ranges and defaults (smoothed by the SDK), one small class per
// block kind used, a per-sample chain in the plan's order, denormal-safe recursions, and a dry/wet
// mix when the plan has one.
#pragma once

#include <string>
#include <string_view>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

// `entryName` names the native entry point (WSP_PLUGIN(Class, entryName) gives
// wsp_native_plugin_<entryName>); it must be the build's plugin NAME. Empty: the plan's id.
// The plan must be valid (validatePlan): an invalid one throws std::invalid_argument.
std::string writePluginSource(const Plan& plan, std::string_view entryName = {});

}  // namespace wstudio::forge

// Factory presets of a generated plugin, from its plan (issue 16, "Keep"): Default (every knob at
// its default), Subtle and Heavy (the knobs that set how much an effect does, moved towards their
// gentle and strong ends), and a pair natural to each kind of block in the chain (a delay's
// Slapback and Long Echo, a reverb's Room and Hall, a filter's Dark and Bright, a modulation's
// Slow and Fast, ...). Values are keyed by the plan's parameter ids and lie in each knob's range;
// a preset that would change nothing is left out.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

struct PlanPreset {
  std::string name;
  std::map<std::string, double> values;  // parameter id -> value, every parameter of the plan
};

std::vector<PlanPreset> planPresets(const Plan& plan);

}  // namespace wstudio::forge

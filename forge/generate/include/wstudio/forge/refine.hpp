// The Forge's offline refiner (issue 16, "Refine"): a plan and a chat instruction ("make it
// darker", "less feedback", "add a mix knob", "call Heat Warmth", "cutoff 2 kHz") to a new plan,
// with no model and no randomness. Like the generator, it never drops a part of the instruction
// silently: every change it made is listed in words, and every part it did not understand, or
// understood but could not apply, is listed too. Parameter ids never change (presets, sessions
// and the next version keep values by them); new knobs get ids no existing knob has.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

struct Refinement {
  Plan plan;                               // valid (validatePlan finds nothing)
  std::vector<std::string> changes;        // what changed, one line each, in the order asked
  std::vector<std::string> notUnderstood;  // what changed nothing, each saying why
};

// `plan` must be valid; an invalid one throws std::invalid_argument. The instruction's parts
// (split at commas, "and", "then", ...) are applied in order, each all or nothing.
Refinement refinePlan(const Plan& plan, std::string_view instruction);

// At most this many bytes of instruction are read (a chat line, not a document).
inline constexpr size_t kMaxInstructionBytes = 2000;

}  // namespace wstudio::forge

// The Forge's offline generator: a sentence to a plan, with no model and no randomness (the same
// words always give the same plan). It knows effect and filter names and their synonyms, numbers
// with units ("500 Hz", "-12 dB", "1/8 note", "ratio 4:1"), knob names ("with a Heat knob"),
// adjectives that move defaults ("warm", "dark", "subtle", "heavy") and keeps the blocks in the
// order they are asked for. Whatever it does not understand, or understands but cannot apply, is
// listed in the plan's notes: no part of the request is dropped silently.
#pragma once

#include <string_view>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

// Always a valid plan (validatePlan finds nothing); with no effect recognised at all, a plan of
// one gain block whose notes say so.
Plan generatePlan(std::string_view prompt);

}  // namespace wstudio::forge

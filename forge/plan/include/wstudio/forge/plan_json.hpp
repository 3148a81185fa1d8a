// The plan's JSON format (docs/forge-plan.md): read with every error's path, write canonical
// text. readPlan also validates, so a plan it returns is one the C++ writer accepts.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

// The plan, or every problem found (JSON shape first; validation only once the shape is right).
std::variant<Plan, std::vector<PlanError>> readPlan(std::string_view text);

// Canonical text: members in the documented order, 2-space indentation, a final newline.
std::string writePlan(const Plan& plan);

std::string_view scaleName(Scale scale);

}  // namespace wstudio::forge

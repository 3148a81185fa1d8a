// The rules a plan keeps (PLAN-1..13 of docs/forge-plan.md). Every plan the generator makes,
// every edit and every plan read from JSON passes through here before code is written.
#pragma once

#include <string_view>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

std::vector<PlanError> validatePlan(const Plan& plan);

// [a-z_][a-z0-9_]*, at most maxLength characters: safe as a C++ name and in file names.
bool isPlanIdentifier(std::string_view text, size_t maxLength);

inline constexpr size_t kMaxParameters = 64;
inline constexpr size_t kMaxBlocks = 32;
inline constexpr size_t kMaxNameLength = 64;
inline constexpr size_t kMaxParameterIdLength = 32;
inline constexpr size_t kMaxDescriptionLength = 1000;

}  // namespace wstudio::forge

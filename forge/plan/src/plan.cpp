#include "wstudio/forge/plan.hpp"

#include "wstudio/forge/block_catalog.hpp"

namespace wstudio::forge {

bool isInstrument(const Plan& plan) {
  if (plan.blocks.empty()) return false;
  const BlockSpec* spec = findBlockSpec(plan.blocks.front().kind);
  return spec && spec->instrument;
}

const Parameter* findParameter(const Plan& plan, std::string_view id) {
  for (const Parameter& p : plan.parameters)
    if (p.id == id) return &p;
  return nullptr;
}

std::string toString(const PlanError& error) {
  return error.path + ": " + error.message + " (" + error.rule + ")";
}

}  // namespace wstudio::forge

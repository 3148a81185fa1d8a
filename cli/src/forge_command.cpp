#include "forge_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include "command.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/refine.hpp"

namespace vaist {

namespace {

constexpr const char* kUsage =
    "Usage: vaist forge plan \"<prompt>\"   print the plan the offline generator makes\n"
    "       vaist forge code PLAN.json      print the C++ source of a plan\n"
    "       vaist forge refine PLAN.json \"<instruction>\"\n"
    "                                       print the refined plan; what changed and what was not\n"
    "                                       understood go to standard error\n";

}  // namespace

int runForgeCommand(std::span<const std::string> args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return kExitOk;
  }
  const bool refine = args.size() == 3 && args[0] == "refine";
  if (!refine && (args.size() != 2 || (args[0] != "plan" && args[0] != "code"))) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  if (args[0] == "plan") {
    std::cout << wstudio::forge::writePlan(wstudio::forge::generatePlan(args[1]));
    return kExitOk;
  }
  std::ifstream file(args[1], std::ios::binary);
  if (!file) {
    std::cerr << "vaist forge " << args[0] << ": cannot read " << args[1] << "\n";
    return kExitUsage;
  }
  std::ostringstream text;
  text << file.rdbuf();
  const auto plan = wstudio::forge::readPlan(text.str());
  if (const auto* errors = std::get_if<std::vector<wstudio::forge::PlanError>>(&plan)) {
    for (const auto& e : *errors) std::cerr << args[1] << ": " << wstudio::forge::toString(e) << "\n";
    return kExitFailed;
  }
  if (refine) {
    const auto result = wstudio::forge::refinePlan(std::get<wstudio::forge::Plan>(plan), args[2]);
    for (const std::string& change : result.changes) std::cerr << "changed: " << change << "\n";
    for (const std::string& missed : result.notUnderstood) std::cerr << "not done: " << missed << "\n";
    std::cout << wstudio::forge::writePlan(result.plan);
    return kExitOk;
  }
  std::cout << wstudio::forge::writePluginSource(std::get<wstudio::forge::Plan>(plan));
  return kExitOk;
}

}  // namespace vaist

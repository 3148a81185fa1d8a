#include "forge_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include "command.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace vaist {

namespace {

constexpr const char* kUsage =
    "Usage: vaist forge plan \"<prompt>\"   print the plan the offline generator makes\n"
    "       vaist forge code PLAN.json      print the C++ source of a plan\n";

}  // namespace

int runForgeCommand(std::span<const std::string> args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (args.size() != 2 || (args[0] != "plan" && args[0] != "code")) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  if (args[0] == "plan") {
    std::cout << wstudio::forge::writePlan(wstudio::forge::generatePlan(args[1]));
    return kExitOk;
  }
  std::ifstream file(args[1], std::ios::binary);
  if (!file) {
    std::cerr << "vaist forge code: cannot read " << args[1] << "\n";
    return kExitUsage;
  }
  std::ostringstream text;
  text << file.rdbuf();
  const auto plan = wstudio::forge::readPlan(text.str());
  if (const auto* errors = std::get_if<std::vector<wstudio::forge::PlanError>>(&plan)) {
    for (const auto& e : *errors) std::cerr << args[1] << ": " << wstudio::forge::toString(e) << "\n";
    return kExitFailed;
  }
  std::cout << wstudio::forge::writePluginSource(std::get<wstudio::forge::Plan>(plan));
  return kExitOk;
}

}  // namespace vaist

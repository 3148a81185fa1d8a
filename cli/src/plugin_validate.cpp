// `vaist plugin validate FILE [--quick] [--json]`: the conformance suite on one plugin file.
#include <chrono>
#include <iomanip>
#include <iostream>
#include <string>

#include "command.hpp"
#include "plugin_commands.hpp"
#include "plugin_loading.hpp"

namespace vaist {
namespace {

using wstudio::conformance::Outcome;
using wstudio::conformance::Report;

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

void printReport(const Report& report, double seconds) {
  std::cout << "Validating '" << report.pluginName << "' (" << report.pluginId << ", "
            << report.format << ") against the WSP ABI, " << (report.quick ? "quick" : "full")
            << " mode\n\n";
  int counts[3] = {0, 0, 0};
  for (const auto& check : report.checks) {
    ++counts[static_cast<int>(check.outcome)];
    std::cout << "  " << outcomeName(check.outcome) << "  " << std::left << std::setw(30)
              << check.name << std::setw(19) << joined(check.rules, ",") << check.reason << "\n";
  }
  std::cout << "\n" << counts[0] << " passed, " << counts[1] << " failed, " << counts[2]
            << " skipped in " << std::fixed << std::setprecision(1) << seconds << " s\n";
  if (report.passed()) {
    std::cout << "PASS: the plugin conforms to the WSP ABI (docs/plugin-abi.md)\n";
    return;
  }
  std::cout << "FAIL: " << joined(report.failedRules(), ", ") << "\n";
  for (const auto& check : report.checks) {
    if (check.outcome != Outcome::Fail) continue;
    std::cout << "  " << joined(check.failedRules, ", ") << " (" << check.name
              << "): " << check.reason << "\n";
  }
}

}  // namespace

int runPluginValidate(const std::string& file, bool quick, bool json) {
  const auto start = std::chrono::steady_clock::now();
  const auto validated = validateOrExplain(file, quick, [](std::string_view title, int index, int count) {
    std::cerr << "vaist: [" << index << "/" << count << "] " << title << "\n";
  });
  if (!validated) return kExitUsage;
  const Report& report = validated->report;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (json) {
    std::cout << wstudio::conformance::toJson(report) << "\n";
  } else {
    printReport(report, seconds);
  }
  return report.passed() ? kExitOk : kExitFailed;
}

}  // namespace vaist

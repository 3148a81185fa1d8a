// What a conformance run found: one entry per check, each naming the ABI rules it covers
// (docs/plugin-abi.md), its outcome, and a reason a plugin developer can act on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wstudio::conformance {

enum class Outcome { Pass, Fail, Skip };

const char* outcomeName(Outcome outcome);  // "PASS", "FAIL", "SKIP"

struct CheckResult {
  std::string name;                // stable machine name, e.g. "state-round-trip"
  std::string title;               // one line for people
  std::vector<std::string> rules;  // ABI rule ids this check covers, e.g. {"ABI-15"}
  Outcome outcome = Outcome::Pass;
  // Fail: which rule broke, where and with what settings. Skip: why it could not run.
  // Pass: what was covered.
  std::string reason;
  // The rule ids the failure is about (a subset of `rules`, or a rule the fault maps to, such
  // as ABI-17 for a runaway call). Empty unless the outcome is Fail.
  std::vector<std::string> failedRules;
  // Fail only: the fault that ended the check when the plugin faulted (host::faultName: "trap",
  // "non-finite output", "runaway", ...; "error" when the check could not complete), empty when
  // the plugin ran and broke a rule (denormal output, zipper noise, a wrong state...).
  std::string fault;
  double seconds = 0.0;
};

struct Report {
  std::string pluginId;
  std::string pluginName;
  std::string format;  // host::formatLabel(): wsp, vaist or native
  bool quick = false;
  std::vector<CheckResult> checks;

  bool passed() const;
  // Sorted, without duplicates.
  std::vector<std::string> failedRules() const;
};

// Machine-readable form for `vaist plugin validate --json` and CI.
std::string toJson(const Report& report);

// The report toJson() wrote (it crosses the plugin sandbox's pipe this way). False (and `report`
// untouched) when the text is not such a report.
bool fromJson(std::string_view json, Report& report);

}  // namespace wstudio::conformance

#include "wstudio/conformance/report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace wstudio::conformance {

const char* outcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::Pass: return "PASS";
    case Outcome::Fail: return "FAIL";
    case Outcome::Skip: return "SKIP";
  }
  return "?";
}

bool Report::passed() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const CheckResult& c) { return c.outcome == Outcome::Fail; });
}

std::vector<std::string> Report::failedRules() const {
  std::vector<std::string> rules;
  for (const auto& check : checks) {
    rules.insert(rules.end(), check.failedRules.begin(), check.failedRules.end());
  }
  // ABI-n sorts by n, not as text ("ABI-7" before "ABI-12").
  auto number = [](const std::string& rule) { return std::stoi(rule.substr(rule.find('-') + 1)); };
  std::sort(rules.begin(), rules.end(),
            [&](const std::string& a, const std::string& b) { return number(a) < number(b); });
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}

std::string toJson(const Report& report) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& check : report.checks) {
    checks.push_back({{"name", check.name},
                      {"title", check.title},
                      {"rules", check.rules},
                      {"outcome", outcomeName(check.outcome)},
                      {"failedRules", check.failedRules},
                      {"reason", check.reason},
                      {"seconds", check.seconds}});
  }
  nlohmann::ordered_json json{{"plugin", {{"id", report.pluginId},
                                          {"name", report.pluginName},
                                          {"format", report.format}}},
                              {"quick", report.quick},
                              {"passed", report.passed()},
                              {"failedRules", report.failedRules()},
                              {"checks", checks}};
  return json.dump(2);
}

}  // namespace wstudio::conformance

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
                      {"fault", check.fault},
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

bool fromJson(std::string_view text, Report& report) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  try {
    Report parsed;
    const auto& plugin = json.at("plugin");
    parsed.pluginId = plugin.at("id").get<std::string>();
    parsed.pluginName = plugin.at("name").get<std::string>();
    parsed.format = plugin.at("format").get<std::string>();
    parsed.quick = json.at("quick").get<bool>();
    for (const auto& entry : json.at("checks")) {
      CheckResult check;
      check.name = entry.at("name").get<std::string>();
      check.title = entry.at("title").get<std::string>();
      check.rules = entry.at("rules").get<std::vector<std::string>>();
      const std::string outcome = entry.at("outcome").get<std::string>();
      if (outcome == "PASS") {
        check.outcome = Outcome::Pass;
      } else if (outcome == "FAIL") {
        check.outcome = Outcome::Fail;
      } else if (outcome == "SKIP") {
        check.outcome = Outcome::Skip;
      } else {
        return false;
      }
      check.failedRules = entry.at("failedRules").get<std::vector<std::string>>();
      check.reason = entry.at("reason").get<std::string>();
      check.fault = entry.value("fault", std::string());
      check.seconds = entry.at("seconds").get<double>();
      parsed.checks.push_back(std::move(check));
    }
    report = std::move(parsed);
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;  // also a discarded (unparsable) value
  }
}

}  // namespace wstudio::conformance

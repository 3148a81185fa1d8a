// What every check gets: the plugin, the run's options, and helpers that turn host failures
// into rule-named reasons. A check reports failure or skipping by throwing CheckFailed or
// CheckSkipped (through fail()/skip()), which keeps each check a straight line of steps; the
// suite runner catches them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wstudio/conformance/analysis.hpp"
#include "wstudio/conformance/signals.hpp"
#include "wstudio/conformance/suite.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::conformance {

struct CheckFailed {
  std::vector<std::string> rules;  // empty: the failing check's own rules
  std::string reason;
  std::string fault;  // the plugin's fault when it faulted (CheckResult::fault)
};
struct CheckSkipped {
  std::string reason;
};

[[noreturn]] void fail(std::string reason);                    // the check's own rules
[[noreturn]] void fail(std::string rule, std::string reason);  // a specific rule
[[noreturn]] void skip(std::string reason);

// Plain parameter values by id; ids not listed stay at their current value.
using Settings = std::vector<std::pair<uint32_t, double>>;

class Context {
 public:
  Context(const SuiteTarget& target, const SuiteOptions& options);

  const host::PluginDescriptor& descriptor() const { return target_.module->descriptor(); }
  host::PluginModule& module() const { return *target_.module; }
  // The module whose instances share one module instance (ABI-7), or null.
  host::PluginModule* sharedModule() const { return target_.sharedModule.get(); }
  bool quick() const { return options_.quick; }

  // A generator seeded from the run's seed and the check's name, so a check's signals do not
  // depend on which checks ran before it.
  Random random(std::string_view checkName) const;

  bool hasAudioInput() const { return descriptor().inputs > 0; }
  bool playsNotes() const {
    return descriptor().midi || descriptor().kind == host::PluginKind::Instrument;
  }

  // A new activated instance with `settings` applied and signal state cleared. Fails ABI-7 when
  // the plugin cannot create one and ABI-8 when it refuses the activation.
  std::unique_ptr<host::PluginInstance> instantiate(double sampleRate, uint32_t maxFrames,
                                                    const Settings& settings = {}) const;
  std::unique_ptr<host::PluginInstance> instantiate(host::PluginModule& module, double sampleRate,
                                                    uint32_t maxFrames,
                                                    const Settings& settings = {}) const;

  // Sets each parameter (a flush) and then resets, so smoothers sit at their targets.
  void apply(host::PluginInstance& instance, const Settings& settings) const;

  Settings defaults() const;
  Settings allAt(bool maximum) const;
  // Every parameter at a random value, uniform along its scale (log parameters geometrically).
  Settings randomSettings(Random& random) const;
  // "'feedback' = 1.2 (max), 'mode' = 'Hybrid'"; "defaults" when empty.
  std::string describe(const Settings& settings) const;
  std::string describeParam(uint32_t id, double value) const;

 private:
  const SuiteTarget& target_;
  const SuiteOptions& options_;
};

// A value along a parameter's scale: position 0 is min, 1 is max.
double valueAt(const host::ParamInfo& param, double position);

// Fails with `what` plus the instance's fault when it has faulted: the rule follows the fault
// (ABI-12 for non-finite output, ABI-17 for a runaway call, else the check's own rules).
void failIfFaulted(const host::PluginInstance& instance, const std::string& what);

std::string formatNumber(double value);
// "output sample 1234 of channel 0 is 0.25 instead of 0.5"
std::string describe(const Difference& difference);
std::string hz(double sampleRate);  // "48000 Hz"

}  // namespace wstudio::conformance

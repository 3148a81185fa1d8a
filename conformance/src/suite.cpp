// The list of checks, in the order they run, and the runner that turns each check's outcome
// into a report entry. Later checks still run after a failure: a developer sees every broken
// rule in one run.
#include "wstudio/conformance/suite.hpp"

#include <chrono>
#include <exception>

#include "checks.hpp"

namespace wstudio::conformance {
namespace {

struct Check {
  const char* name;
  const char* title;
  std::vector<std::string> rules;
  std::string (*run)(Context&);
};

const std::vector<Check>& checks() {
  static const std::vector<Check> list{
      {"descriptor", "descriptor follows the schema", {"ABI-6"}, checkDescriptor},
      {"instantiation", "instance creates, activates, starts at defaults",
       {"ABI-7", "ABI-8", "ABI-9"}, checkInstantiation},
      {"sample-rates-and-block-sizes", "44.1/48/96 kHz x block sizes 1..2048, re-activation",
       {"ABI-8", "ABI-9"}, checkRatesAndBlocks},
      {"impulse-response", "impulse response is finite and denormal-free", {"ABI-12"},
       checkImpulseResponse},
      {"noise-stress", "+12 dBFS white noise, defaults and random parameters",
       {"ABI-12", "ABI-17"}, checkNoiseStress},
      {"parameter-extremes", "every parameter at min and max under +12 dBFS noise",
       {"ABI-12", "ABI-17"}, checkParameterExtremes},
      {"sine-sweeps", "sine sweeps at -6 and +12 dBFS", {"ABI-12"}, checkSineSweeps},
      {"events", "unknown events ignored, parameter changes sample-accurate, values clamped",
       {"ABI-10", "ABI-11"}, checkEvents},
      {"zipper-noise", "parameter sweeps during a steady tone have no zipper noise", {"ABI-16"},
       checkZipperNoise},
      {"state-round-trip", "saved state restores identical output in a fresh instance",
       {"ABI-15"}, checkStateRoundTrip},
      {"corrupt-state", "corrupt state is refused and changes nothing", {"ABI-15"},
       checkCorruptState},
      {"determinism", "same activation, events and input give the same output", {"ABI-18"},
       checkDeterminism},
      {"reset", "reset clears tails: output equals a fresh instance's", {"ABI-19"}, checkReset},
      {"create-destroy-memory", "100 create/destroy cycles do not grow memory", {"ABI-7"},
       checkCreateDestroyMemory},
      {"independent-instances", "two instances do not interfere", {"ABI-7"},
       checkIndependentInstances},
      {"latency", "reported latency equals the measured impulse delay", {"ABI-13"},
       checkLatency},
      {"tail", "output falls silent within the reported tail", {"ABI-13"}, checkTail},
      {"default-loudness", "at its defaults the output is not far louder than the input", {"SAFE-1"},
       checkDefaultLoudness},
      {"latency-word", "the latency word equals wsp_latency after every call", {"ABI-20"},
       checkLatencyWord},
      {"note-onset", "notes start sounding at their frame", {"ABI-11"}, checkNoteOnset},
      {"note-release", "released notes fall silent within the tail", {"ABI-13"},
       checkNoteRelease},
      {"note-range", "every key, channel and velocity; a 16-note chord", {"ABI-10", "ABI-12"},
       checkNoteRange},
      {"midi-messages", "pitch bend, controllers, pressure, program change", {"ABI-10", "ABI-12"},
       checkMidiMessages},
  };
  return list;
}

CheckResult runOne(const Check& check, Context& context) {
  CheckResult result;
  result.name = check.name;
  result.title = check.title;
  result.rules = check.rules;
  const auto start = std::chrono::steady_clock::now();
  try {
    result.reason = check.run(context);
    result.outcome = Outcome::Pass;
  } catch (const CheckFailed& failed) {
    result.outcome = Outcome::Fail;
    result.failedRules = failed.rules.empty() ? check.rules : failed.rules;
    result.reason = failed.reason;
    result.fault = failed.fault;
  } catch (const CheckSkipped& skipped) {
    result.outcome = Outcome::Skip;
    result.reason = skipped.reason;
  } catch (const std::exception& error) {
    // Out of memory or a host bug: still a failed check, not a crashed suite.
    result.outcome = Outcome::Fail;
    result.failedRules = check.rules;
    result.reason = std::string("the check could not complete: ") + error.what();
    result.fault = "error";
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace

Report runSuite(const SuiteTarget& target, const SuiteOptions& options) {
  Report report;
  const auto& descriptor = target.module->descriptor();
  report.pluginId = descriptor.id;
  report.pluginName = descriptor.name;
  report.format = host::formatLabel(*target.module);
  report.quick = options.quick;
  Context context(target, options);
  const auto& list = checks();
  for (size_t i = 0; i < list.size(); ++i) {
    if (options.progress) {
      options.progress(list[i].title, static_cast<int>(i) + 1, static_cast<int>(list.size()));
    }
    report.checks.push_back(runOne(list[i], context));
  }
  return report;
}

}  // namespace wstudio::conformance

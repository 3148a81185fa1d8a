#include "wstudio/forge/build_validation.hpp"

#include "wstudio/conformance/report.hpp"
#include "wstudio/host/descriptor.hpp"
#include "wstudio/worker/plugin_worker.hpp"

namespace wstudio::forge {

BuildValidation validateBuild(const std::string& wasm, const std::filesystem::path& moduleCacheDir) {
  BuildValidation validation;
  worker::PluginFiles files = worker::pluginFilesFromBytes("plugin.wasm", wasm);
  // The library only judges the plugin: compiled for a quick build, not for speed (-O1).
  auto validated = worker::validatePlugin(files, /*quick=*/true, {}, {moduleCacheDir, /*quickToBuildLibraries=*/true});
  if (!validated) {
    validation.message = "the module was built but cannot be loaded as a plugin: " + validated.error() +
                         " (does the source end with WSP_PLUGIN(YourClass, name)?)";
    return validation;
  }
  const host::PluginDescriptor& descriptor = validated->plugin.descriptor;
  validation.descriptorJson = host::toJson(descriptor);
  validation.pluginId = descriptor.id;
  validation.pluginName = descriptor.name;
  for (const conformance::CheckResult& check : validated->report.checks) {
    if (check.outcome == conformance::Outcome::Skip) continue;
    ++validation.checks;
    if (check.outcome != conformance::Outcome::Fail) continue;
    validation.failures.push_back({check.name, check.title, check.failedRules, check.reason});
  }
  if (validation.failures.empty()) {
    validation.passed = true;
    validation.message = "the plugin passed all " + std::to_string(validation.checks) + " conformance checks";
    return validation;
  }
  validation.message = "the plugin was built but fails " + std::to_string(validation.failures.size()) + " of " +
                       std::to_string(validation.checks) + " conformance checks:";
  for (const ValidationFailure& failure : validation.failures) {
    validation.message += " " + failure.title + " (";
    for (size_t i = 0; i < failure.rules.size(); ++i) validation.message += (i ? ", " : "") + failure.rules[i];
    validation.message += "): " + failure.reason + ";";
  }
  validation.message.pop_back();
  return validation;
}

}  // namespace wstudio::forge

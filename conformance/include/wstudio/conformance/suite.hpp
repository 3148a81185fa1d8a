// The WSP conformance suite: runs every check of conformance/README.md on a loaded plugin,
// whatever its format or backend, and reports per ABI rule.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "wstudio/conformance/report.hpp"
#include "wstudio/host/plugin.hpp"

namespace wstudio::conformance {

struct SuiteTarget {
  // Instances made the usual way (isolated module instances where the backend allows it).
  std::shared_ptr<host::PluginModule> module;
  // The same plugin loaded with LoadOptions::shareModuleInstance = true, so that instances share
  // one module instance: only then can a static singleton or a leak be seen (ABI-7). Null when
  // not available; the ABI-7 checks then run on `module` where that is meaningful (native
  // plugins share the process) and are skipped where it is not.
  std::shared_ptr<host::PluginModule> sharedModule;
};

struct SuiteOptions {
  // Quick: fewer sample rates and block sizes, 30 s of stress audio instead of 5 min.
  bool quick = false;
  // Every random signal and parameter combination derives from this, so a failure reproduces.
  uint64_t seed = 0x5753505f434f4e46ull;
  // Called before each check with its title (progress for long runs). May be empty.
  std::function<void(std::string_view title, int index, int count)> progress;
};

Report runSuite(const SuiteTarget& target, const SuiteOptions& options = {});

}  // namespace wstudio::conformance

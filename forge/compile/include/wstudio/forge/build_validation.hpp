// A built module is checked before it is offered (FC-7): the quick conformance suite
// (`vaist plugin validate --quick`) in the plugin sandbox (worker/: the module is translated and
// compiled in the compile jail and run in the run jail, never in this process). A failure is
// explained in the plugin author's terms: which check, which rule, what the plugin did.
//
// [main] Seconds of work: call it on a worker thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wstudio::forge {

struct ValidationFailure {
  std::string check;               // the suite's stable name, e.g. "state-round-trip"
  std::string title;               // one line for people
  std::vector<std::string> rules;  // the ABI rules it broke (docs/plugin-abi.md)
  std::string reason;
};

struct BuildValidation {
  bool passed = false;
  std::string message;         // plain words: passed, or why not
  std::string descriptorJson;  // the plugin's descriptor when it loaded
  std::string pluginId;
  std::string pluginName;
  int checks = 0;              // how many checks ran
  std::vector<ValidationFailure> failures;
};

// `moduleCacheDir`: the plugin sandbox's module cache (the server's, under its data folder).
BuildValidation validateBuild(const std::string& wasm, const std::filesystem::path& moduleCacheDir);

}  // namespace wstudio::forge

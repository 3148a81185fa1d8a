// Runs a tool (the C compiler) as a child process: no shell, argv passed as is, stdout discarded,
// stderr captured in a file for the caller to read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

struct ToolOutcome {
  bool ok = false;
  int signal = 0;      // the signal that killed it, if one did
  std::string status;  // "exit 1", "signal 9", "cannot run cc: ..."
  std::string log;     // the head of its stderr
};

// Runs argv[0] (looked up in PATH) and waits. `stderrFile` receives the child's stderr.
ToolOutcome runToolOutcome(const std::vector<std::string>& argv, const std::filesystem::path& stderrFile);

// The same, as an error "<tool> failed (exit N): <stderr head>" (for tools whose complaint may be
// shown as it is: the tests' wat2wasm and node).
Status runTool(const std::vector<std::string>& argv, const std::filesystem::path& stderrFile);

}  // namespace wstudio::host::sandbox

// Runs a tool (the C compiler) as a child process: no shell, argv passed as is,
// stdout discarded, stderr captured for the error message.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "wstudio/host/result.hpp"

namespace wstudio::host::sandbox {

// Runs argv[0] (looked up in PATH) and waits. Error: "<tool> failed (exit N): <stderr head>".
// `stderrFile` receives the child's stderr.
Status runTool(const std::vector<std::string>& argv, const std::filesystem::path& stderrFile);

}  // namespace wstudio::host::sandbox

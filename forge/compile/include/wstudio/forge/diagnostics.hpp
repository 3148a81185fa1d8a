// Compiler output as structured diagnostics (FC-6): clang's lines "file:line:col: severity:
// message" with every jail path replaced by a name the user knows (their source's, or an SDK or
// standard header's include name), bounded in count and length.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wstudio::forge {

struct Diagnostic {
  std::string file;      // "plugin.cpp", "wsp/dsp/biquad.hpp", "cmath", or empty (the linker, the driver)
  int line = 0;          // 1-based; 0 when the diagnostic has no location
  int column = 0;
  std::string severity;  // "error", "warning", "note", "fatal error"
  std::string message;
};

inline constexpr size_t kMaxDiagnostics = 100;
inline constexpr size_t kMaxDiagnosticBytes = 1000;

struct ParsedDiagnostics {
  std::vector<Diagnostic> diagnostics;
  bool truncated = false;  // more than kMaxDiagnostics, or the output itself was cut
};

ParsedDiagnostics parseClangOutput(std::string_view output, bool outputWasCut = false);

// A jail path as the user may see it: the source's name, an SDK or system header's include name,
// "(system file)" for anything else. Exposed for the tests.
std::string shownFile(std::string_view jailPath);
// A message with every jail or system path in it replaced the same way.
std::string scrubPaths(std::string message);

}  // namespace wstudio::forge

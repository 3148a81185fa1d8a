#include "wstudio/forge/diagnostics.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "forge_flags.hpp"
#include "wstudio/forge/toolchain.hpp"

namespace wstudio::forge {

namespace {

// Include roots, most specific first, and what a path under each is shown as (its include name).
const std::vector<std::string>& includeRoots() {
  static const std::vector<std::string> roots = {
      std::string(kJailSourceDir), std::string(kJailSdkDir), "/usr/include/wasm32-wasi/c++/v1/",
      std::string(generated::kClangResourceDir) + "/include/", "/usr/include/wasm32-wasi/"};
  return roots;
}

constexpr std::array<std::string_view, 5> kSeverities = {"fatal error", "error", "warning", "note", "remark"};

std::string collapseSlashes(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

bool positiveNumber(std::string_view text, int& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

// At most `limit` bytes, never cutting a UTF-8 sequence.
std::string truncateUtf8(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "…";
}

bool pathCharacter(char c) {
  return c != ' ' && c != '\t' && c != '\'' && c != '"' && c != ':' && c != '(' && c != ')' && c != ',' &&
         c != '`' && c != '\n';
}

}  // namespace

std::string shownFile(std::string_view jailPath) {
  const std::string path = collapseSlashes(jailPath);
  if (!path.empty() && path.front() == '<') return path;  // <built-in>, <scratch space>
  // A plain name only comes from a #line marker of the source: an imported vAIst project's files
  // (processor.cpp) are named so in the one source the Forge compiles for it.
  if (!path.empty() && path.find('/') == std::string::npos) return path;
  for (const std::string& root : includeRoots()) {
    if (path.size() > root.size() && path.compare(0, root.size(), root) == 0) return path.substr(root.size());
  }
  return "(system file)";
}

std::string scrubPaths(std::string message) {
  // Paths of the jail or the system: the compiler's temporary files, its own programs, headers.
  for (std::string_view prefix : {"/tmp/", "/usr/", "/run/"}) {
    for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at)) {
      size_t end = at;
      while (end < message.size() && pathCharacter(message[end])) ++end;
      std::string shown = shownFile(std::string_view(message).substr(at, end - at));
      if (shown == "(system file)") {
        const size_t slash = message.rfind('/', end - 1);
        shown = prefix == "/tmp/" ? "(build file)" : message.substr(slash + 1, end - slash - 1);
      }
      message.replace(at, end - at, shown);
      at += shown.size();
    }
  }
  return message;
}

ParsedDiagnostics parseClangOutput(std::string_view output, bool outputWasCut) {
  ParsedDiagnostics parsed;
  parsed.truncated = outputWasCut;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    const std::string_view line = output.substr(start, end - start);
    start = end + 1;
    // "<where>: <severity>: <message>", where is "file:line:col" or a program's name.
    size_t found = std::string_view::npos;
    std::string_view severity;
    for (std::string_view candidate : kSeverities) {
      const std::string needle = ": " + std::string(candidate) + ": ";
      const size_t at = line.find(needle);
      if (at != std::string_view::npos && at < found) {
        found = at;
        severity = candidate;
      }
    }
    if (found == std::string_view::npos) {
      if (line.rfind("LLVM ERROR: ", 0) == 0) {
        found = 0;
        severity = "fatal error";
      } else {
        continue;  // "In file included from", "N errors generated.", stack dumps
      }
    }
    Diagnostic diagnostic;
    diagnostic.severity = std::string(severity);
    const std::string_view where = line.substr(0, found);
    const size_t messageAt = found == 0 && line.rfind("LLVM ERROR: ", 0) == 0 ? 12 : found + severity.size() + 4;
    diagnostic.message = truncateUtf8(scrubPaths(std::string(line.substr(messageAt))), kMaxDiagnosticBytes);
    const size_t colonColumn = where.rfind(':');
    const size_t colonLine = colonColumn == std::string_view::npos || colonColumn == 0
                                 ? std::string_view::npos
                                 : where.rfind(':', colonColumn - 1);
    if (colonLine != std::string_view::npos &&
        positiveNumber(where.substr(colonLine + 1, colonColumn - colonLine - 1), diagnostic.line) &&
        positiveNumber(where.substr(colonColumn + 1), diagnostic.column)) {
      diagnostic.file = shownFile(where.substr(0, colonLine));
    } else {
      diagnostic.line = diagnostic.column = 0;  // the driver or the linker: no location
    }
    if (parsed.diagnostics.size() == kMaxDiagnostics) {
      parsed.truncated = true;
      break;
    }
    parsed.diagnostics.push_back(std::move(diagnostic));
  }
  return parsed;
}

}  // namespace wstudio::forge

// parseFaustOutput: Faust 2.54's error output as the Forge's diagnostics (FC-6). Its shapes:
//   plugin.dsp : 3 : ERROR : syntax error, unexpected ENDDEF     (a file and a line)
//   /usr/share/faust/filters.lib : 120 : ERROR : ...             (a library's line)
//   ERROR (file plugin.dsp:4) : multiple definitions of symbol   (the same, another way)
//   ERROR : stack overflow in eval                               (no place; the lines after it
//   ERROR in sequential composition A:B                           explain, and belong to it)
//   WARNING : ...
#include <charconv>

#include "wstudio/forge/faust_guards.hpp"

namespace wstudio::forge {

namespace {

bool number(std::string_view text, int& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out > 0;
}

// A file as Faust names it: the user's source, or one of Faust's libraries by its name.
std::string shownFaustFile(std::string_view file) {
  while (!file.empty() && file.back() == ' ') file.remove_suffix(1);
  const size_t slash = file.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
  if (name == kFaustSourceName) return std::string(kFaustSourceName);
  if (file.rfind("/usr/share/faust/", 0) == 0 || slash == std::string_view::npos) return std::string(name);
  return "(system file)";
}

std::string clipped(std::string text) {
  if (text.size() <= kMaxDiagnosticBytes) return text;
  size_t end = kMaxDiagnosticBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "…";
}

// Starts a diagnostic when `line` is one of Faust's error or warning lines.
bool startOf(std::string_view line, Diagnostic& d) {
  for (std::string_view severity : {"ERROR", "WARNING"}) {
    const std::string shown = severity == "ERROR" ? "error" : "warning";
    // "<file> : <line> : ERROR : <message>"
    const std::string marker = " : " + std::string(severity) + " : ";
    if (const size_t at = line.find(marker); at != std::string_view::npos) {
      const std::string_view where = line.substr(0, at);
      const size_t colon = where.rfind(" : ");
      int number_ = 0;
      if (colon != std::string_view::npos && number(where.substr(colon + 3), number_)) {
        d = {shownFaustFile(where.substr(0, colon)), number_, 0, shown, std::string(line.substr(at + marker.size()))};
        return true;
      }
    }
    if (line.rfind(severity, 0) != 0) continue;
    std::string_view rest = line.substr(severity.size());
    d = {"", 0, 0, shown, ""};
    // "ERROR (file plugin.dsp:4) : message"
    if (rest.rfind(" (file ", 0) == 0) {
      const size_t close = rest.find(") : ");
      const std::string_view place = rest.substr(7, close == std::string_view::npos ? 0 : close - 7);
      const size_t colon = place.rfind(':');
      int number_ = 0;
      if (close != std::string_view::npos && colon != std::string_view::npos && number(place.substr(colon + 1), number_)) {
        d.file = shownFaustFile(place.substr(0, colon));
        d.line = number_;
        d.message = std::string(rest.substr(close + 4));
        return true;
      }
    }
    if (rest.rfind(" : ", 0) == 0) rest.remove_prefix(3);
    d.message = std::string(rest);
    while (!d.message.empty() && d.message.front() == ' ') d.message.erase(0, 1);
    return true;
  }
  return false;
}

}  // namespace

ParsedDiagnostics parseFaustOutput(std::string_view output, bool outputWasCut) {
  ParsedDiagnostics parsed;
  parsed.truncated = outputWasCut;
  bool open = false;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string_view line = output.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    Diagnostic d;
    if (startOf(line, d)) {
      if (parsed.diagnostics.size() == kMaxDiagnostics) {
        parsed.truncated = true;
        break;
      }
      d.message = clipped(scrubPaths(std::move(d.message)));
      parsed.diagnostics.push_back(std::move(d));
      open = true;
    } else if (open) {
      // An explanation of the diagnostic above (the composition's two sides, the definitions).
      Diagnostic& last = parsed.diagnostics.back();
      if (last.message.size() < kMaxDiagnosticBytes) last.message = clipped(last.message + "\n" + scrubPaths(std::string(line)));
    }
  }
  return parsed;
}

}  // namespace wstudio::forge

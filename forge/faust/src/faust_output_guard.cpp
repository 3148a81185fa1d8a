// checkGeneratedCpp: FC-13 on Faust's C++ output, in the jail, before clang reads it. Faust copies
// the architecture, writes its own standard includes and, for a foreign function, the header it
// names; the source guard already refuses foreign functions, and this makes sure that whatever
// reached the output, clang reads no file but the SDK's and the standard library's.
#include <array>
#include <string>

#include "wstudio/forge/faust_guards.hpp"

namespace wstudio::forge {

namespace {

// The architecture's includes and those Faust writes for every class.
constexpr std::array<std::string_view, 8> kAllowedIncludes = {
    "<array>", "<cstdint>", "<wsp/sdk.hpp>", "\"faust_description.hpp\"", "\"faust_effect.hpp\"",
    "<algorithm>", "<cmath>", "<math.h>"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string checkGeneratedCpp(std::string_view cpp) {
  // Splices would let a directive start where no line starts.
  for (std::string_view splice : {"\\\n", "\\\r"}) {
    if (cpp.find(splice) != std::string_view::npos) return "Faust's output continues a line with a backslash";
  }
  for (std::string_view probe : {"__has_include", "__has_embed", "_Pragma"}) {
    if (cpp.find(probe) != std::string_view::npos) return "Faust's output uses " + std::string(probe);
  }
  size_t start = 0;
  int line = 0;
  while (start < cpp.size()) {
    size_t end = cpp.find('\n', start);
    if (end == std::string_view::npos) end = cpp.size();
    std::string_view text = trimmed(cpp.substr(start, end - start));
    start = end + 1;
    ++line;
    if (text.rfind("#", 0) == 0) text.remove_prefix(1);
    else if (text.rfind("%:", 0) == 0) text.remove_prefix(2);
    else continue;
    text = trimmed(text);
    size_t nameEnd = 0;
    while (nameEnd < text.size() && ((text[nameEnd] >= 'a' && text[nameEnd] <= 'z') || text[nameEnd] == '_')) ++nameEnd;
    const std::string_view directive = text.substr(0, nameEnd);
    const std::string_view argument = trimmed(text.substr(nameEnd));
    if (directive == "include") {
      bool allowed = false;
      for (std::string_view include : kAllowedIncludes) allowed = allowed || argument == include;
      if (!allowed) return "Faust's output includes " + std::string(argument.substr(0, 80)) + " (line " + std::to_string(line) + ")";
    } else if (directive != "define" && directive != "undef" && directive != "ifndef" && directive != "ifdef" &&
               directive != "if" && directive != "elif" && directive != "else" && directive != "endif") {
      return "Faust's output has a #" + std::string(directive.substr(0, 40)) + " directive (line " +
             std::to_string(line) + ")";
    }
  }
  return {};
}

}  // namespace wstudio::forge

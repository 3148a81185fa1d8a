// checkFaustSource: FC-12 on the user's program, before Faust reads it. The tokeniser follows
// Faust 2.54's lexer (faustlexer.l): "/*" comments end at the first "*/", "//" comments at the
// end of the line, strings are "..." with no escapes (and may span lines), identifiers are
// _*[a-zA-Z][_a-zA-Z0-9]*, and a number ends where Faust's number rules end, so "1import" is a
// number then the keyword, as Faust sees it.
#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "wstudio/forge/faust_description.hpp"
#include "wstudio/forge/faust_guards.hpp"

namespace wstudio::forge {

namespace {

enum class Kind { Word, String, Other };

struct Token {
  Kind kind = Kind::Other;
  std::string_view text;  // a string's content, without its quotes
  int line = 1;
  int column = 1;
};

bool validUtf8(std::string_view text);

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool wordChar(char c) { return letter(c) || digit(c) || c == '_'; }

class Scanner {
 public:
  explicit Scanner(std::string_view source) : s_(source) {}

  std::vector<Token> tokens;
  std::vector<Diagnostic> problems;

  void run() {
    while (at_ < s_.size()) {
      const char c = s_[at_];
      const int line = line_, column = column_;
      if (c == '\0') {
        refuse(line, column, "the source holds a NUL byte");
        return;
      }
      if (c == '/' && peek(1) == '*') {
        const size_t end = s_.find("*/", at_ + 2);
        if (end == std::string_view::npos) {
          refuse(line, column, "this comment is never closed (*/ is missing)");
          return;
        }
        advanceTo(end + 2);
      } else if (c == '/' && peek(1) == '/') {
        size_t end = s_.find_first_of("\n\r", at_);
        advanceTo(end == std::string_view::npos ? s_.size() : end);
      } else if (c == '"') {
        const size_t end = s_.find('"', at_ + 1);
        if (end == std::string_view::npos) {
          refuse(line, column, "this string is never closed (\" is missing)");
          return;
        }
        const std::string_view content = s_.substr(at_ + 1, end - at_ - 1);
        checkString(content, line, column);
        tokens.push_back({Kind::String, content, line, column});
        advanceTo(end + 1);
      } else if (letter(c) || (c == '_' && underscoresThenLetter())) {
        size_t end = at_;
        while (end < s_.size() && s_[end] == '_') ++end;
        while (end < s_.size() && wordChar(s_[end])) ++end;
        tokens.push_back({Kind::Word, s_.substr(at_, end - at_), line, column});
        advanceTo(end);
      } else if (digit(c) || (c == '.' && digit(peek(1)))) {
        advanceTo(numberEnd());
      } else if (c == '<' && s_.substr(at_, 6) == "<mdoc>") {
        refuse(line, column, "<mdoc> documentation sections are not compiled by the Forge; remove them");
        advanceTo(at_ + 6);
      } else {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') tokens.push_back({Kind::Other, s_.substr(at_, 1), line, column});
        advanceTo(at_ + 1);
      }
    }
  }

  void refuse(int line, int column, std::string message) {
    problems.push_back({std::string(kFaustSourceName), line, column, "error", std::move(message)});
  }

 private:
  char peek(size_t ahead) const { return at_ + ahead < s_.size() ? s_[at_ + ahead] : '\0'; }

  bool underscoresThenLetter() const {
    size_t i = at_;
    while (i < s_.size() && s_[i] == '_') ++i;
    return i < s_.size() && letter(s_[i]);
  }

  // Faust's number rules: digits, optionally "." and digits, optionally e[-+]digits, optionally f.
  size_t numberEnd() const {
    size_t i = at_;
    while (i < s_.size() && digit(s_[i])) ++i;
    if (i < s_.size() && s_[i] == '.') {
      ++i;
      while (i < s_.size() && digit(s_[i])) ++i;
    }
    if (i < s_.size() && s_[i] == 'e') {
      size_t j = i + 1;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (j < s_.size() && digit(s_[j])) {
        while (j < s_.size() && digit(s_[j])) ++j;
        i = j;
      }
    }
    if (i < s_.size() && s_[i] == 'f') ++i;
    return i;
  }

  // Strings become C++ string literals and comments in Faust's output: they must stay on their
  // line and inside their literal or comment there.
  void checkString(std::string_view content, int line, int column) {
    for (char c : content) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '\n' || c == '\r') return refuse(line, column, "a string must fit on one line");
      if (byte < 0x20 && c != '\t') return refuse(line, column, "a string holds a control character");
      if (c == '\\') return refuse(line, column, "a string may not hold a backslash");
    }
    if (content.find("*/") != std::string_view::npos || content.find("/*") != std::string_view::npos) {
      refuse(line, column, "a string may not hold /* or */");
    } else if (!validUtf8(content)) {
      refuse(line, column, "a string is not valid UTF-8");
    }
  }

  void advanceTo(size_t end) {
    for (; at_ < end; ++at_) {
      if (s_[at_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }

  std::string_view s_;
  size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Shortest-form UTF-8 without surrogates: names become descriptor text (JSON).
bool validUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

bool bareLibraryName(std::string_view name) {
  if (name.size() < 5 || name.size() > 64 || name.substr(name.size() - 4) != ".lib") return false;
  if (!(letter(name[0]) || digit(name[0]) || name[0] == '_')) return false;
  for (char c : name) {
    if (!(wordChar(c) || c == '.' || c == '-')) return false;
  }
  return name.find("..") == std::string_view::npos;
}

}  // namespace

int definesEffect(std::string_view source) {
  Scanner scanner(source);
  scanner.run();
  // A statement of the program's top level starts the source or follows a ";" outside every
  // bracket; one that starts with a name defines it ("import" and "declare" are keywords).
  int depth = 0;
  bool statementStart = true;
  for (const Token& t : scanner.tokens) {
    if (statementStart && depth == 0 && t.kind == Kind::Word && t.text == "effect") return t.line;
    statementStart = false;
    if (t.kind != Kind::Other) continue;
    const char c = t.text[0];
    if (c == '(' || c == '{' || c == '[') ++depth;
    if ((c == ')' || c == '}' || c == ']') && depth > 0) --depth;
    statementStart = c == ';' && depth == 0;
  }
  return 0;
}

bool installedFaustLibrary(std::string_view name) {
  if (!bareLibraryName(name)) return false;
  struct stat info {};
  const std::string path = std::string(kFaustLibraryDir) + std::string(name);
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::vector<Diagnostic> checkFaustSource(std::string_view source,
                                         const std::function<bool(std::string_view)>& isFaustLibrary) {
  Scanner scanner(source);
  scanner.run();
  const std::vector<Token>& t = scanner.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Kind::Word) continue;
    const std::string_view word = t[i].text;
    const int line = t[i].line, column = t[i].column;
    if (word == "import" || word == "component" || word == "library") {
      const bool shaped = i + 3 < t.size() && t[i + 1].text == "(" && t[i + 2].kind == Kind::String &&
                          t[i + 3].text == ")";
      const std::string_view name = shaped ? t[i + 2].text : std::string_view();
      std::string message(word);
      if (!shaped || !bareLibraryName(name)) {
        message += " may only name one of Faust's libraries by its file name, like ";
        message += word;
        message += "(\"stdfaust.lib\"): no paths and no other files";
        scanner.refuse(line, column, std::move(message));
      } else if (!isFaustLibrary(name)) {
        message += "(\"";
        message += name;
        message += "\"): this is not one of Faust's libraries";
        scanner.refuse(line, column, std::move(message));
      }
    } else if (word == "ffunction" || word == "fconstant" || word == "fvariable") {
      std::string message(word);
      message += " is not available in the Forge: a plugin cannot use the host's C functions, constants or "
                 "headers; write it in Faust (or use the functions of Faust's libraries)";
      scanner.refuse(line, column, std::move(message));
    } else if (word == "soundfile") {
      scanner.refuse(line, column,
                     "soundfile is not available in the Forge: a plugin cannot read sound files from the "
                     "server's disk");
    }
  }
  return std::move(scanner.problems);
}

}  // namespace wstudio::forge

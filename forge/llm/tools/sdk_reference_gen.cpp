// Build-time generator of the SDK reference the language model is given (forge/llm, issue 16:
// "the SDK's real, documented API, generated from the headers, so it cannot drift").
//
//   sdk_reference_gen <include root> <out reference.cpp> <out names.cpp> <header>...
//
// For each header (relative to the include root) it keeps what a plugin author may use: the
// file's comments, namespaces, classes and their public members' declarations with the comments
// above them, constants, and the heads of macros (#define WSP_PLUGIN(Class, c_identifier)).
// Function bodies become `;`, private and protected sections and `namespace detail` are left
// out. The text is written as a C++ string (reference.cpp). names.cpp holds a using-declaration
// for every type and free function it lists at namespace scope: compiling it (ctest
// forge.LlmSdkReferenceNamesExist) proves the reference names nothing that does not exist.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The words of a statement's head, outside parentheses and angle brackets' contents kept.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (isIdentChar(c)) {
      word += c;
    } else {
      if (!word.empty()) out.push_back(word);
      word.clear();
      if (c == '(' || c == ')' || c == '<' || c == '>' || c == ':' || c == '=' || c == ',' || c == '*' ||
          c == '&' || c == '~' || c == '[') {
        out.push_back(std::string(1, c));
      }
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

// A statement's head without a leading `template <...>`.
std::string withoutTemplateHead(const std::string& head) {
  size_t i = head.find_first_not_of(" \t\n");
  if (i == std::string::npos || head.compare(i, 8, "template") != 0) return head;
  i = head.find('<', i);
  int depth = 0;
  for (; i < head.size(); ++i) {
    if (head[i] == '<') ++depth;
    if (head[i] == '>' && --depth == 0) return head.substr(i + 1);
  }
  return head;
}

struct Scope {
  enum Kind { Namespace, Type, Other } kind;
  std::string name;
  bool hidden;      // nothing inside is written
  bool publicNow;   // in a type: the current access is public
};

class HeaderReader {
 public:
  HeaderReader(std::string text, std::set<std::string>& names) : text_(std::move(text)), names_(names) {}

  std::string run() {
    while (pos_ < text_.size()) step();
    flushPending();
    return out_;
  }

 private:
  bool hidden() const {
    for (const Scope& s : scopes_)
      if (s.hidden || (s.kind == Scope::Type && !s.publicNow)) return true;
    return false;
  }
  bool atNamespaceScope() const {
    for (const Scope& s : scopes_)
      if (s.kind != Scope::Namespace) return false;
    return true;
  }
  std::string qualifiedPrefix() const {
    std::string prefix;
    for (const Scope& s : scopes_) prefix += s.name.empty() ? "" : s.name + "::";
    return prefix;
  }
  void emit(const std::string& s) {
    if (!hidden()) out_ += s;
  }
  // The statement's text so far (and its comments) is written or dropped as a whole.
  void flushPending() {
    // The optional hooks a plugin may define are concepts in wsp::sdk::detail (hooks.hpp), and
    // the comments above them say how to write each: shown although detail is not.
    if (withoutTemplateHead(head_).find("concept Has") != std::string::npos) {
      out_ += hiddenComments_ + pending_ + "\n";
      hiddenComments_.clear();
    } else if (hidden() && head_.find_first_not_of(" \t\n") == std::string::npos) {
      hiddenComments_ += pending_;
    } else {
      hiddenComments_.clear();
      emit(pending_);
    }
    pending_.clear();
    head_.clear();
  }

  void skipBalanced() {  // from an opening `{` to its match, strings and comments respected
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '/' && next() == '/') {
        pos_ = text_.find('\n', pos_);
        if (pos_ == std::string::npos) pos_ = text_.size();
        continue;
      }
      if (c == '/' && next() == '*') {
        pos_ = text_.find("*/", pos_) + 2;
        continue;
      }
      if (c == '"' || c == '\'') {
        skipLiteral();
        continue;
      }
      ++pos_;
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) return;
    }
  }
  void skipLiteral() {
    const char quote = text_[pos_++];
    while (pos_ < text_.size() && text_[pos_] != quote) pos_ += text_[pos_] == '\\' ? 2 : 1;
    ++pos_;
  }
  char next() const { return pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0'; }

  void recordName(const std::string& head) {
    if (!atNamespaceScope() || hidden()) return;
    const std::vector<std::string> w = words(withoutTemplateHead(head));
    if (w.empty()) return;
    std::string name;
    if (w[0] == "class" || w[0] == "struct" || w[0] == "union" || w[0] == "enum") {
      size_t i = 1;
      if (i < w.size() && (w[i] == "class" || w[i] == "struct")) ++i;
      while (i < w.size() && (w[i] == "alignas" || w[i] == "(" || w[i] == ")" || std::isdigit(w[i][0]))) ++i;
      if (i < w.size() && w[i] != ":") name = w[i];
    } else {
      for (size_t i = 1; i < w.size(); ++i) {
        if (w[i] == "=") break;  // a variable whose initialiser calls a function
        if (w[i] == "(") {
          if (w[i - 1] != "operator" && isIdentChar(w[i - 1][0]) && w[i - 1] != "alignas") name = w[i - 1];
          break;
        }
      }
    }
    if (!name.empty() && name.rfind("operator", 0) != 0) names_.insert(qualifiedPrefix() + name);
  }

  void openBrace() {
    const std::string head = withoutTemplateHead(head_);
    const std::vector<std::string> w = words(head);
    const bool isNamespace = !w.empty() && (w[0] == "namespace" || (w[0] == "inline" && w.size() > 1 && w[1] == "namespace"));
    const bool isExternC = head.find("extern \"C\"") != std::string::npos;
    const bool isType = !w.empty() && (w[0] == "class" || w[0] == "struct" || w[0] == "union" || w[0] == "enum");
    if (isNamespace || isExternC) {
      std::string name;  // "wsp::dsp" from "namespace wsp::dsp"
      if (isNamespace) {
        const size_t at = head.find("namespace") + 9;
        for (char ch : head.substr(at))
          if (isIdentChar(ch) || ch == ':') name += ch;
      }
      const bool detail = name == "detail" || name.ends_with("::detail");
      if (!detail) flushPending(); else { pending_.clear(); head_.clear(); }
      if (!detail) emit("{");
      scopes_.push_back({Scope::Namespace, name, detail, true});
      ++pos_;
      return;
    }
    if (isType) {
      recordName(head_);
      flushPending();
      emit("{");
      std::string name;
      for (size_t i = 1; i < w.size(); ++i)
        if (isIdentChar(w[i][0]) && w[i] != "class" && w[i] != "struct" && w[i] != "alignas" && !std::isdigit(w[i][0])) {
          name = w[i];
          break;
        }
      const bool publicByDefault = w[0] != "class" || (w.size() > 1 && w[1] == "class");  // enum class
      scopes_.push_back({w[0] == "enum" ? Scope::Other : Scope::Type, name, false, publicByDefault});
      ++pos_;
      return;
    }
    const size_t paren = head.find('(');
    const size_t equals = head.find('=');
    if (head.find("operator") != std::string::npos ||
        (paren != std::string::npos && (equals == std::string::npos || equals > paren))) {
      // A function's body: the declaration ends here. A member defined outside its class
      // (`Type Class::name(...)`) was declared in it: dropped.
      if (qualifiedDeclarator(head)) {
        pending_.clear();
        head_.clear();
        skipBalanced();
        return;
      }
      recordName(head_);
      std::string decl = pending_;
      while (!decl.empty() && (decl.back() == ' ' || decl.back() == '\n')) decl.pop_back();
      pending_ = decl + ";";
      flushPending();
      skipBalanced();
      // A body may be followed by a `;` of its own (rare); it is dropped by the next statement.
      return;
    }
    // An initialiser: kept as written.
    const size_t start = pos_;
    skipBalanced();
    pending_ += text_.substr(start, pos_ - start);
    head_ += "{}";
  }

  void step() {
    const char c = text_[pos_];
    if (c == '/' && next() == '/') {
      size_t end = text_.find('\n', pos_);
      if (end == std::string::npos) end = text_.size();
      pending_ += text_.substr(pos_, end - pos_);
      pos_ = end;
      return;
    }
    if (c == '/' && next() == '*') {
      const size_t end = text_.find("*/", pos_) + 2;
      pending_ += text_.substr(pos_, end - pos_);
      pos_ = end;
      return;
    }
    if (c == '#' && lineStart()) {
      size_t end = pos_;
      std::string line;
      for (;;) {  // a directive continues over backslashed newlines
        size_t nl = text_.find('\n', end);
        if (nl == std::string::npos) nl = text_.size();
        line += text_.substr(end, nl - end);
        end = nl;
        if (nl > 0 && text_[nl - 1] == '\\' && nl < text_.size()) {
          ++end;
          continue;
        }
        break;
      }
      pos_ = end;
      if (line.rfind("#else", 0) == 0 || line.rfind("#elif", 0) == 0) {
        skipToEndif();  // one branch of a conditional is enough: the first
        return;
      }
      const bool internalMacro = line.rfind("#define WSP_DETAIL", 0) == 0;
      if (line.rfind("#define", 0) == 0 && !internalMacro) {
        size_t nameEnd = 8;
        while (nameEnd < line.size() && isIdentChar(line[nameEnd])) ++nameEnd;
        const size_t head = nameEnd < line.size() && line[nameEnd] == '(' ? line.find(')', nameEnd) + 1 : nameEnd;
        pending_ += line.substr(0, head) + " ...";
      } else if (line.rfind("#define", 0) == 0) {
        pending_.clear();  // the comment above an internal macro goes with it
      }
      return;
    }
    if (c == '"' || c == '\'') {
      const size_t start = pos_;
      skipLiteral();
      pending_ += text_.substr(start, pos_ - start);
      head_ += text_.substr(start, pos_ - start);
      return;
    }
    if (c == '{') return openBrace();
    if (c == '}') {
      flushPending();
      ++pos_;
      if (!scopes_.empty()) {
        const Scope closed = scopes_.back();
        scopes_.pop_back();
        if (!closed.hidden) emit("}");
        if (closed.hidden) {  // and its `// namespace ...detail` comment
          const size_t end = text_.find('\n', pos_);
          const size_t comment = text_.find("//", pos_);
          if (comment != std::string::npos && comment < end) pos_ = end;
        }
      }
      return;
    }
    if (c == ';') {
      pending_ += ';';
      recordName(head_);
      flushPending();
      ++pos_;
      return;
    }
    if (c == ':' && !scopes_.empty() && scopes_.back().kind == Scope::Type && next() != ':' &&
        (pos_ == 0 || text_[pos_ - 1] != ':')) {
      const std::vector<std::string> w = words(head_);
      if (w.size() == 1 && (w[0] == "public" || w[0] == "private" || w[0] == "protected")) {
        scopes_.back().publicNow = w[0] == "public";
        // The label is written when its section is.
        if (!hidden()) out_ += "\n public:";
        pending_.clear();
        head_.clear();
        ++pos_;
        return;
      }
    }
    pending_ += c;
    if (c == '\n' || !std::isspace(static_cast<unsigned char>(c)) || !head_.empty()) head_ += c;
    if (c == '\n' && head_.find_first_not_of(" \t\n") == std::string::npos) {
      // Blank lines and comments between statements go out as they come.
      flushPending();
    }
    ++pos_;
  }

  // `Type Class::name(`: the name before the first parenthesis is qualified.
  static bool qualifiedDeclarator(const std::string& head) {
    const std::vector<std::string> w = words(head);
    for (size_t i = 2; i < w.size(); ++i)
      if (w[i] == "(") return w[i - 2] == ":" && isIdentChar(w[i - 1][0]);
    return false;
  }

  // From inside a conditional to its #endif, nested conditionals included.
  void skipToEndif() {
    int depth = 1;
    while (pos_ < text_.size()) {
      size_t nl = text_.find('\n', pos_);
      if (nl == std::string::npos) nl = text_.size();
      const std::string line = text_.substr(pos_, nl - pos_);
      const size_t start = line.find_first_not_of(" \t");
      pos_ = nl;
      if (pos_ < text_.size()) ++pos_;
      if (start == std::string::npos || line[start] != '#') continue;
      const std::string directive = line.substr(start);
      if (directive.rfind("#if", 0) == 0) ++depth;
      if (directive.rfind("#endif", 0) == 0 && --depth == 0) return;
    }
  }

  bool lineStart() const {
    for (size_t i = pos_; i > 0; --i) {
      if (text_[i - 1] == '\n') return true;
      if (text_[i - 1] != ' ' && text_[i - 1] != '\t') return false;
    }
    return true;
  }

  std::string text_;
  std::set<std::string>& names_;
  size_t pos_ = 0;
  std::string pending_;  // the current statement as written, its comments before it included
  std::string head_;     // the same without comments
  std::string out_;
  std::string hiddenComments_;  // comments in a hidden part, until its next statement
  std::vector<Scope> scopes_;
};

// Lines with only whitespace become empty, runs of empty lines one, trailing space goes.
std::string tidy(const std::string& text) {
  std::istringstream in(text);
  std::string out, line;
  bool blank = true;
  while (std::getline(in, line)) {
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (line.empty()) {
      if (!blank) out += "\n";
      blank = true;
      continue;
    }
    out += line + "\n";
    blank = false;
  }
  return out;
}

void writeIfChanged(const std::string& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream old;
    old << in.rdbuf();
    if (old.str() == text) return;
  }
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: sdk_reference_gen <include root> <reference.cpp> <names.cpp> <header>...\n";
    return 2;
  }
  try {
    const std::string root = argv[1];
    std::string reference;
    std::set<std::string> names;
    std::string includes;
    for (int i = 4; i < argc; ++i) {
      const std::string header = argv[i];
      HeaderReader reader(readFile(root + "/" + header), names);
      const std::string body = tidy(reader.run());
      reference += "// ===== #include <" + header + "> =====\n" + body + "\n";
      includes += "#include <" + header + ">\n";
    }
    const std::string delimiter = "wsp_sdk_ref";  // at most 16 characters
    if (reference.find(")" + delimiter + "\"") != std::string::npos) throw std::runtime_error("the delimiter occurs in the headers");
    writeIfChanged(argv[2], "// Generated by forge/llm/tools/sdk_reference_gen.cpp from the SDK headers: do not edit.\n"
                            "#include \"wstudio/forge/llm/sdk_reference.hpp\"\n\nnamespace wstudio::forge::llm {\n\n"
                            "std::string_view sdkReference() {\n  static constexpr std::string_view text = R\"" +
                                delimiter + "(" + reference + ")" + delimiter +
                                "\";\n  return text;\n}\n\n}  // namespace wstudio::forge::llm\n");
    std::string check = "// Generated by forge/llm/tools/sdk_reference_gen.cpp: every type and free function the\n"
                        "// model's SDK reference lists at namespace scope, as a using-declaration. It compiles only\n"
                        "// if each exists.\n" + includes + "\n";
    for (const std::string& name : names) check += "using ::" + name + ";\n";
    check += "\nint main() { return 0; }\n";
    writeIfChanged(argv[3], check);
  } catch (const std::exception& e) {
    std::cerr << "sdk_reference_gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

#include "tokens.hpp"

#include <cctype>
#include <cstdlib>

namespace wstudio::forge::detail {
namespace {

bool isLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '\''; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Token make(TokenType type, std::string text, std::string original) {
  Token t;
  t.type = type;
  t.text = std::move(text);
  t.original = std::move(original);
  return t;
}

Token word(std::string_view text) { return make(TokenType::Word, lower(text), std::string(text)); }

// First pass: raw words, numbers ("500", "-12", "2.5", "1/8", "4:1") and separators.
std::vector<Token> scan(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const bool signedNumber = (c == '-' || c == '+') && i + 1 < s.size() && isDigit(s[i + 1]) &&
                              (i == 0 || !(isLetter(s[i - 1]) || isDigit(s[i - 1])));
    if (isDigit(c) || signedNumber || (c == '.' && i + 1 < s.size() && isDigit(s[i + 1]))) {
      size_t j = i + 1;
      while (j < s.size() && (isDigit(s[j]) || s[j] == '.')) ++j;
      // "1/8", "4:1": a second number joined by / or :
      if (j + 1 < s.size() && (s[j] == '/' || s[j] == ':') && isDigit(s[j + 1])) {
        ++j;
        while (j < s.size() && isDigit(s[j])) ++j;
      }
      out.push_back(make(TokenType::Quantity, std::string(s.substr(i, j - i)), std::string(s.substr(i, j - i))));
      i = j;
    } else if (isLetter(c)) {
      size_t j = i + 1;
      while (j < s.size() && isLetter(s[j])) ++j;
      out.push_back(word(s.substr(i, j - i)));
      i = j;
    } else if (c == '%') {
      out.push_back(word("%"));
      ++i;
    } else if (c == ',' || c == ';' || c == '.' || c == '+' || c == '&' || c == '!' || c == '?' ||
               c == '(' || c == ')' || c == '>') {
      out.push_back(make(TokenType::Separator, std::string(1, c), std::string(1, c)));
      ++i;
    } else {
      ++i;  // spaces, hyphens, slashes, quotes: word boundaries only
    }
  }
  return out;
}

struct UnitWord {
  std::string_view word;
  Unit unit;
  double scale;
};
constexpr UnitWord kUnitWords[] = {
    {"hz", Unit::Hz, 1},         {"hertz", Unit::Hz, 1},      {"khz", Unit::Hz, 1000},
    {"k", Unit::Hz, 1000},       {"kilohertz", Unit::Hz, 1000}, {"ms", Unit::Ms, 1},
    {"msec", Unit::Ms, 1},       {"millisecond", Unit::Ms, 1}, {"milliseconds", Unit::Ms, 1},
    {"s", Unit::Seconds, 1},     {"sec", Unit::Seconds, 1},    {"secs", Unit::Seconds, 1},
    {"second", Unit::Seconds, 1}, {"seconds", Unit::Seconds, 1}, {"db", Unit::Db, 1},
    {"decibel", Unit::Db, 1},    {"decibels", Unit::Db, 1},    {"%", Unit::Percent, 1},
    {"percent", Unit::Percent, 1}, {"bit", Unit::Bits, 1},     {"bits", Unit::Bits, 1},
    {"x", Unit::Times, 1},       {"times", Unit::Times, 1},    {"bpm", Unit::Bpm, 1},
};

struct NoteWord {
  std::string_view word;
  double beats;
};
constexpr NoteWord kNoteWords[] = {{"whole", 4.0},     {"half", 2.0},       {"quarter", 1.0},
                                   {"eighth", 0.5},    {"sixteenth", 0.25}, {"thirtysecond", 0.125}};

std::string divisionName(double beats) {
  if (beats == 4.0) return "1/1";
  if (beats == 2.0) return "1/2";
  if (beats == 1.0) return "1/4";
  if (beats == 0.5) return "1/8";
  if (beats == 0.25) return "1/16";
  if (beats == 0.125) return "1/32";
  return {};
}

bool isWord(const std::vector<Token>& t, size_t i, std::string_view w) {
  return i < t.size() && t[i].type == TokenType::Word && t[i].text == w;
}

// Folds "dotted"/"triplet" and "note(s)"/"th" around a division at [i] into it.
void foldDivisionWords(std::vector<Token>& t, size_t i, Token& q, std::string base) {
  std::string suffix;
  size_t end = i + 1;
  while (true) {
    if (isWord(t, end, "note") || isWord(t, end, "notes") || isWord(t, end, "th")) {
      q.original += " " + t[end].original;
      ++end;
    } else if (suffix.empty() && (isWord(t, end, "dotted") || isWord(t, end, "triplet") ||
                                  isWord(t, end, "triplets"))) {
      suffix = t[end].text == "dotted" ? " dotted" : " triplet";
      q.original += " " + t[end].original;
      ++end;
    } else {
      break;
    }
  }
  // "dotted 1/8" and "triplet 1/8"
  if (suffix.empty() && i > 0 && (isWord(t, i - 1, "dotted") || isWord(t, i - 1, "triplet"))) {
    suffix = t[i - 1].text == "dotted" ? " dotted" : " triplet";
    q.original = t[i - 1].original + " " + q.original;
    t[i - 1].used = true;
    t[i - 1].type = TokenType::Word;
    t[i - 1].text = "";  // folded into the division
  }
  q.division = base + suffix;
  q.text = q.division;
  t.erase(t.begin() + std::ptrdiff_t(i) + 1, t.begin() + std::ptrdiff_t(end));
}

}  // namespace

std::string_view unitName(Unit unit) {
  switch (unit) {
    case Unit::Hz: return "Hz";
    case Unit::Ms: return "ms";
    case Unit::Seconds: return "s";
    case Unit::Db: return "dB";
    case Unit::Percent: return "%";
    case Unit::Ratio: return ":1";
    case Unit::Bits: return "bits";
    case Unit::Times: return "x";
    case Unit::Division: return "note";
    case Unit::Bpm: return "bpm";
    case Unit::None: break;
  }
  return "";
}

std::vector<Token> tokenize(std::string_view prompt) {
  std::vector<Token> t = scan(prompt);
  for (size_t i = 0; i < t.size(); ++i) {
    Token& q = t[i];
    if (q.type == TokenType::Quantity) {
      const size_t slash = q.text.find('/'), colon = q.text.find(':');
      if (slash != std::string::npos) {
        const double num = std::atof(q.text.c_str()), den = std::atof(q.text.c_str() + slash + 1);
        q.unit = Unit::Division;
        q.value = den > 0 ? 4.0 * num / den : 0.0;
        Token copy = q;
        foldDivisionWords(t, i, copy, q.text);
        // foldDivisionWords may have blanked the word before: keep i pointing at the quantity
        t[i] = copy;
        continue;
      }
      if (colon != std::string::npos) {
        const double num = std::atof(q.text.c_str()), den = std::atof(q.text.c_str() + colon + 1);
        q.unit = Unit::Ratio;
        q.value = den > 0 ? num / den : 0.0;
        continue;
      }
      q.value = std::atof(q.text.c_str());
      // "4 to 1": a ratio
      if (isWord(t, i + 1, "to") && i + 2 < t.size() && t[i + 2].type == TokenType::Quantity &&
          t[i + 2].text == "1") {
        q.unit = Unit::Ratio;
        q.original += " to 1";
        t.erase(t.begin() + std::ptrdiff_t(i) + 1, t.begin() + std::ptrdiff_t(i) + 3);
        continue;
      }
      for (const UnitWord& u : kUnitWords)
        if (isWord(t, i + 1, u.word)) {
          q.unit = u.unit;
          q.value *= u.scale;
          q.original += " " + t[i + 1].original;
          t.erase(t.begin() + std::ptrdiff_t(i) + 1);
          // "8 bit" / "8-bit" may be followed by "depth"/"resolution": left as hint words
          break;
        }
      if (q.unit == Unit::Times) {
        // "4x oversampling" and such stay quantities; "x" alone is not a unit after a word.
      }
      continue;
    }
    if (q.type != TokenType::Word) continue;
    // "dotted eighth note", "quarter note triplet": note lengths in words
    size_t at = i;
    bool dottedBefore = false;
    if ((q.text == "dotted" || q.text == "triplet") && i + 1 < t.size()) {
      dottedBefore = true;
      at = i + 1;
    }
    for (const NoteWord& n : kNoteWords) {
      if (!isWord(t, at, n.word)) continue;
      const bool noteAfter = isWord(t, at + 1, "note") || isWord(t, at + 1, "notes");
      if (!noteAfter && !dottedBefore) break;  // "half" alone is not a note length
      Token d = make(TokenType::Quantity, "", t[at].original);
      d.value = n.beats;
      d.unit = Unit::Division;
      const std::string base = divisionName(n.beats);
      t[at] = d;
      foldDivisionWords(t, at, t[at], base);
      break;
    }
  }
  // Drop the words folded into a division ("dotted" before a number).
  std::erase_if(t, [](const Token& tok) { return tok.type == TokenType::Word && tok.text.empty(); });
  return t;
}

std::optional<double> inUnit(const Token& q, std::string_view unit) {
  switch (q.unit) {
    case Unit::Hz: return unit == "Hz" ? std::optional(q.value) : std::nullopt;
    case Unit::Ms:
      if (unit == "ms") return q.value;
      if (unit == "s") return q.value / 1000.0;
      return std::nullopt;
    case Unit::Seconds:
      if (unit == "s") return q.value;
      if (unit == "ms") return q.value * 1000.0;
      return std::nullopt;
    case Unit::Db: return unit == "dB" ? std::optional(q.value) : std::nullopt;
    case Unit::Percent: return unit == "%" ? std::optional(q.value) : std::nullopt;
    case Unit::Ratio: return unit == ":1" ? std::optional(q.value) : std::nullopt;
    case Unit::Bits: return unit == "bits" ? std::optional(q.value) : std::nullopt;
    case Unit::Times: return unit == "x" ? std::optional(q.value) : std::nullopt;
    case Unit::None: return q.value;
    case Unit::Division:
    case Unit::Bpm: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace wstudio::forge::detail

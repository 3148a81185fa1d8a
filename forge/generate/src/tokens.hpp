// The generator's view of a prompt: words, numbers with their units, and clause separators, each
// remembering the text it came from and whether a rule has used it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wstudio::forge::detail {

enum class TokenType { Word, Quantity, Separator };

// Units a quantity can carry. Division: a note length in quarter notes ("1/8 note" = 0.5).
enum class Unit { None, Hz, Ms, Seconds, Db, Percent, Ratio, Bits, Times, Division, Bpm };

struct Token {
  TokenType type = TokenType::Word;
  std::string text;      // lower case word, or the quantity's source text
  std::string original;  // as typed (knob names keep their case)
  double value = 0.0;    // Quantity
  Unit unit = Unit::None;
  std::string division;  // Division: the catalog's name, "1/8 dotted"
  bool used = false;
};

// Splits into words (letters and apostrophes; hyphens separate words: "high-pass" is two),
// quantities (a number with the unit words after it folded in) and separators (, ; . + & and
// the words "then", "into", "followed", "and then").
std::vector<Token> tokenize(std::string_view prompt);

std::string_view unitName(Unit unit);

// The value of quantity q in a control's unit ("Hz", "ms", "s", "dB", "%", ":1", "bits", "x"), or
// nothing if the units do not fit. A bare number fits any unit: "Q 2", "ratio 4": the control
// word says what it is.
std::optional<double> inUnit(const Token& q, std::string_view unit);

}  // namespace wstudio::forge::detail

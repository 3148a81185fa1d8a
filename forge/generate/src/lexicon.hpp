// The generator's vocabulary: effect names and their synonyms (each a block kind, maybe with
// settings: "slapback" is a short delay), control words ("feedback", "cutoff"), adjectives and
// what they do to each kind of block, and the filler words that carry no meaning.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge::detail {

struct Setting {
  std::string_view control;  // or an option when `choice` is set
  double value = 0.0;
  std::string_view choice{};
};

struct EffectWord {
  std::vector<std::string_view> words;  // the phrase, lower case ("high", "pass")
  std::string_view kind;
  std::vector<Setting> settings;
  std::string_view note{};  // said in the plan's notes when this phrase is used
};

std::span<const EffectWord> effectWords();

// "speed" -> "rate", "wet" -> "mix": the control a word names, if it names one.
struct ControlWord {
  std::vector<std::string_view> words;
  std::string_view control;
};
std::span<const ControlWord> controlWords();

// What an adjective does to a block of a kind; empty when it means nothing for that kind.
std::vector<Setting> adjectiveSettings(std::string_view adjective, std::string_view kind);
bool isAdjective(std::string_view word);

bool isFiller(std::string_view word);
bool isClauseBreak(std::string_view word);
bool isKnobWord(std::string_view word);

}  // namespace wstudio::forge::detail

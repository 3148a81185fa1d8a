// The blocks a plan's chain is made of: each kind's controls (the numbers that steer it, in the
// order the generated code passes them), their units and hard limits, and its options (choices
// fixed when the code is written). One table serves validation, the generator and the C++
// writer, so the three cannot disagree. docs/forge-plan.md lists it for people.
#pragma once

#include <span>
#include <string_view>

#include "wstudio/forge/plan.hpp"

namespace wstudio::forge {

struct ControlSpec {
  std::string_view id;    // C identifier, unique in its block
  std::string_view name;  // for people: the knob's default name
  std::string_view unit;  // a bound parameter has the same unit
  double min;             // hard limits: a bound parameter's range lies inside them
  double max;
  double defaultValue;
  Scale scale;
  bool exposed;  // a knob by default when the generator adds the block
};

struct OptionSpec {
  std::string_view id;
  std::string_view choices;  // '|'-separated; the first is the default
};

struct BlockSpec {
  std::string_view kind;   // as in plans: "highpass"
  std::string_view title;  // for people: "High-pass"
  std::string_view codeName;  // the generated class: "HighPass"
  bool instrument;         // makes sound from notes; first in the chain
  std::span<const ControlSpec> controls;
  std::span<const OptionSpec> options;
  std::string_view mainControl;  // what "a <Name> knob" moves when the user names no control
};

std::span<const BlockSpec> blockCatalog();
const BlockSpec* findBlockSpec(std::string_view kind);
const ControlSpec* findControl(const BlockSpec& spec, std::string_view control);
const OptionSpec* findOption(const BlockSpec& spec, std::string_view option);
bool optionAllows(const OptionSpec& option, std::string_view value);
std::string_view defaultChoice(const OptionSpec& option);

// Note divisions a synced block may follow ("1/8 dotted"), and their length in quarter notes.
// 0 for "off" and anything unknown.
double divisionBeats(std::string_view division);

// A block of the kind with every control fixed at its default and every option at its first
// choice.
Block defaultBlock(const BlockSpec& spec);

}  // namespace wstudio::forge

// The Forge's plan: what a generated plugin is (a name, its parameters, a chain of DSP blocks
// from the block catalog) before any code is written. Pure data: the JSON format, validation and
// edits are beside it (plan_json.hpp, plan_validate.hpp, plan_edit.hpp); docs/forge-plan.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wstudio::forge {

inline constexpr int kPlanVersion = 1;
inline constexpr const char* kPlanFormat = "wasm-studio-forge-plan";

// How a knob moves between min and max (the SDK's wsp::sdk::Scale).
enum class Scale { Linear, Log, Db };

// One knob of the plugin: the SDK's floatParam. The id names it in the generated code, in
// presets and across versions, so it is a C identifier.
struct Parameter {
  std::string id;
  std::string name;
  std::string unit;
  double min = 0.0;
  double max = 1.0;
  double defaultValue = 0.0;
  Scale scale = Scale::Linear;
  bool operator==(const Parameter&) const = default;
};

// A block control is either bound to a parameter (the knob moves it) or fixed at a value.
struct Control {
  std::optional<std::string> param;  // parameter id when bound
  double value = 0.0;                // the fixed value when not bound
  bool operator==(const Control&) const = default;
};

// One DSP block of the chain, of a kind from the block catalog (block_catalog.hpp).
struct Block {
  std::string kind;
  std::map<std::string, Control> controls;     // every control of the kind
  std::map<std::string, std::string> options;  // every option of the kind
  bool operator==(const Block&) const = default;
};

struct Plan {
  int version = kPlanVersion;
  std::string id;           // C identifier, lower case: the plugin's name in code and files
  std::string name;         // for people
  std::string description;  // what was asked for (the prompt), or a summary
  std::vector<Parameter> parameters;
  std::vector<Block> blocks;              // in signal order; an instrument block comes first
  std::optional<std::string> mix;         // a parameter (%) blending dry and processed signal
  std::vector<std::string> notes;         // what the generator did not understand or assumed
  bool operator==(const Plan&) const = default;
};

// An instrument's chain starts with an instrument block (it makes sound from notes).
bool isInstrument(const Plan& plan);

const Parameter* findParameter(const Plan& plan, std::string_view id);

// A problem in a plan or its JSON: where (a JSON path, "$.blocks[1].controls.cutoff"), which
// rule of docs/forge-plan.md (e.g. "PLAN-5") and what is wrong, in words.
struct PlanError {
  std::string path;
  std::string rule;
  std::string message;
};

std::string toString(const PlanError& error);

}  // namespace wstudio::forge

#include "wstudio/forge/llm/model_prompts.hpp"

#include <sstream>

#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/llm/sdk_reference.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::forge::llm {

namespace {

// The example both stages show: one plan (from the offline generator) and its source (from the
// C++ writer), so the model sees a valid plan and a plugin that compiles.
constexpr std::string_view kExamplePrompt = "a warm tape saturator with a Heat knob and a 500 Hz high-pass";

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, falsely) on long operator+ chains.
std::string catalogText() {
  std::string text;
  for (const BlockSpec& spec : blockCatalog()) {
    text.append("- ").append(spec.kind).append(" (").append(spec.title).append(spec.instrument ? ", instrument" : "");
    text.append("): controls");
    for (const ControlSpec& c : spec.controls) {
      text.append(" ").append(c.id).append(" [").append(c.unit.empty() ? std::string_view("no unit") : c.unit);
      text.append(" ").append(number(c.min)).append("..").append(number(c.max));
      text.append(", default ").append(number(c.defaultValue)).append("]");
    }
    if (!spec.options.empty()) {
      text.append("; options");
      for (const OptionSpec& o : spec.options) text.append(" ").append(o.id).append(" (").append(o.choices).append(")");
    }
    text.append("\n");
  }
  return text;
}

std::string fenced(std::string_view answer) {
  const size_t open = answer.find("```");
  if (open == std::string_view::npos) return {};
  const size_t lineEnd = answer.find('\n', open);
  if (lineEnd == std::string_view::npos) return {};
  const size_t close = answer.find("```", lineEnd);
  return std::string(answer.substr(lineEnd + 1, close == std::string_view::npos ? std::string_view::npos : close - lineEnd - 1));
}

}  // namespace

std::string planInstructions() {
  return "You design audio plugins for the Forge of WASM Studio. From the user's request, answer with one JSON "
         "object, a plan, and nothing else.\n\n"
         "The plan: {\"format\": \"wasm-studio-forge-plan\", \"version\": 1, \"id\", \"name\", \"description\", "
         "\"parameters\", \"blocks\", \"mix\", \"notes\"}. No other members.\n"
         "- id: 1..48 of a-z 0-9 _, starting with a letter. name: 1..64 characters. description: the request, at most "
         "1000 characters.\n"
         "- parameters: the knobs, at most 64: {\"id\" (1..32 of a-z 0-9 _, unique), \"name\" (1..32 characters), "
         "\"unit\", \"min\", \"max\", \"default\" (min <= default <= max, min < max), \"scale\": \"linear\" | \"log\" (min > 0) "
         "| \"db\" (unit dB)}. Every parameter drives at least one control, or is the mix.\n"
         "- blocks: the chain in signal order, 1..32: {\"kind\", \"controls\", \"options\"}. controls holds every control "
         "of the kind, each a number within its limits or {\"param\": \"<parameter id>\"}; a bound parameter has the "
         "control's unit and a range within the control's limits. options holds every option of the kind with one of its "
         "choices. A block synced to the tempo (sync other than off) has no knob on its rate or time. An instrument block "
         "(synth) comes first and only first, and then the plan has no mix.\n"
         "- mix: null, or the id of a % parameter within 0..100 blending the dry and processed signal (effects only).\n"
         "- notes: strings telling the user what you could not do as asked.\n\n"
         "The blocks (controls with [unit min..max, default], options with their choices, the first the default):\n" +
         catalogText() + "\nAn example, for \"" + std::string(kExamplePrompt) + "\":\n" + writePlan(generatePlan(kExamplePrompt));
}

std::string codeInstructions() {
  const Plan example = generatePlan(kExamplePrompt);
  return "You write audio plugins for WASM Studio in C++20 against its plugin SDK. Answer with the complete source "
         "file in one ```cpp fenced block, and nothing else.\n\n"
         "The file is compiled alone with clang for wasm32 (-O3 -std=c++20 -fno-exceptions -fno-rtti): only the SDK "
         "headers below and the C++ standard library are available; no I/O, threads or exceptions. The rules:\n"
         "- One class deriving from wsp::sdk::Plugin with `static constexpr PluginInfo info` (id \"forge.<plan id>\", the "
         "plan's name) and `static constexpr Param params[]`: one floatParam per plan parameter, with the plan's id as "
         "its key and the same name, unit, range, default and scale, in the plan's order.\n"
         "- process(const Block&) fills every output sample; no allocation, locks or system calls there. Allocate in "
         "activate(sampleRate, maxFrames), returning false when out of memory. Keep the output finite and within a sane "
         "level; flush denormals in recursions (wsp::dsp::flushDenormal).\n"
         "- End the file with WSP_PLUGIN(ClassName, <plan id>); at global scope.\n"
         "- Use only functions and classes that the SDK reference below declares.\n\n"
         "The SDK reference (its headers' declarations and documentation):\n\n" +
         std::string(sdkReference()) + "\nAn example: the plan\n" + writePlan(example) + "\nand its source:\n```cpp\n" +
         writePluginSource(example) + "```\n";
}

std::string codeRequest(std::string_view prompt, std::string_view planJson) {
  return "Write the plugin of this plan.\n\nThe plan:\n" + std::string(planJson) + "\nWhat the user asked for: " +
         std::string(prompt) + "\n";
}

std::string refinePlanRequest(std::string_view instruction, std::string_view planJson) {
  std::string text = "Change this plan as the user asks and answer with the whole new plan. Keep its id, and the id of "
                     "every parameter that stays, so the user's settings survive; change only what is asked, and say in "
                     "notes what you could not do.\n\nThe current plan:\n";
  text.append(planJson).append("\nWhat the user asks: ").append(instruction).append("\n");
  return text;
}

std::string refineCodeRequest(std::string_view instruction, std::string_view planJson, std::string_view source,
                              std::string_view newPlanJson) {
  std::string text = "Change this plugin's source so that it implements the new plan; keep what the change does not touch.\n\n"
                     "The current plan:\n";
  text.append(planJson).append("\nIts current source:\n```cpp\n").append(source);
  if (!source.empty() && source.back() != '\n') text.append("\n");
  text.append("```\nThe new plan:\n").append(newPlanJson).append("\nWhat the user asked: ").append(instruction).append("\n");
  return text;
}

std::string extractJson(std::string_view answer) {
  std::string text = fenced(answer);
  if (text.find('{') == std::string::npos) text = std::string(answer);
  const size_t first = text.find('{');
  const size_t last = text.rfind('}');
  if (first == std::string::npos || last == std::string::npos || last < first) return {};
  return text.substr(first, last - first + 1);
}

std::string extractCode(std::string_view answer) {
  std::string code = fenced(answer);
  if (!code.empty()) return code;
  if (answer.find("WSP_PLUGIN") != std::string_view::npos) return std::string(answer);
  return {};
}

}  // namespace wstudio::forge::llm

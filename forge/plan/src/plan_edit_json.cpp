#include "wstudio/forge/plan_edit_json.hpp"

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/plan_json.hpp"

namespace wstudio::forge {
namespace {

using nlohmann::json;

EditErrors malformed(std::string path, std::string message) {
  return {PlanError{std::move(path), "EDIT", std::move(message)}};
}

// One member of the edit, checked for presence and type; a problem is kept in `problem`.
class EditReader {
 public:
  explicit EditReader(const json& edit) : edit_(edit) {}

  std::string text(const char* name) {
    const json* v = member(name);
    if (v && !v->is_string()) note(name, "must be a string");
    return v && v->is_string() ? v->get<std::string>() : std::string();
  }
  double number(const char* name) {
    const json* v = member(name);
    if (v && (!v->is_number() || !std::isfinite(v->get<double>()))) note(name, "must be a finite number");
    return v && v->is_number() ? v->get<double>() : 0.0;
  }
  size_t index(const char* name) {
    const json* v = member(name);
    if (v && !v->is_number_unsigned()) note(name, "must be a whole number from 0");
    return v && v->is_number_unsigned() ? v->get<size_t>() : 0;
  }
  const std::optional<PlanError>& problem() const { return problem_; }

 private:
  const json* member(const char* name) {
    auto found = edit_.find(name);
    if (found == edit_.end()) {
      note(name, "is missing");
      return nullptr;
    }
    return &*found;
  }
  void note(const char* name, const std::string& what) {
    if (!problem_) problem_ = PlanError{std::string("$.") + name, "EDIT", std::string(name) + " " + what};
  }

  const json& edit_;
  std::optional<PlanError> problem_;
};

}  // namespace

EditErrors applyEditJson(Plan& plan, std::string_view editText) {
  const json edit = json::parse(editText, nullptr, false);
  if (edit.is_discarded() || !edit.is_object()) return malformed("$", "an edit is a JSON object with an op");
  auto op = edit.find("op");
  if (op == edit.end() || !op->is_string()) return malformed("$.op", "op must name the edit");
  const std::string name = op->get<std::string>();
  EditReader in(edit);
  // Reads the members first, then edits only if they were all there and of their types.
  auto run = [&](auto apply) { return in.problem() ? EditErrors{*in.problem()} : apply(); };
  if (name == "renamePlugin") {
    const std::string n = in.text("name");
    return run([&] { return renamePlugin(plan, n); });
  }
  if (name == "renameParameter") {
    const std::string id = in.text("parameter"), n = in.text("name");
    return run([&] { return renameParameter(plan, id, n); });
  }
  if (name == "setRange") {
    const std::string id = in.text("parameter");
    const double min = in.number("min"), max = in.number("max"), value = in.number("default");
    return run([&] { return setParameterRange(plan, id, min, max, value); });
  }
  if (name == "addBlock") {
    const std::string kind = in.text("kind");
    const size_t at = in.index("position");
    return run([&] { return addBlock(plan, kind, at); });
  }
  if (name == "removeBlock") {
    const size_t at = in.index("index");
    return run([&] { return removeBlock(plan, at); });
  }
  if (name == "moveBlock") {
    const size_t from = in.index("from"), to = in.index("to");
    return run([&] { return moveBlock(plan, from, to); });
  }
  if (name == "setOption") {
    const size_t at = in.index("block");
    const std::string option = in.text("option"), value = in.text("value");
    return run([&] { return setOption(plan, at, option, value); });
  }
  if (name == "addParameter") {
    const size_t at = in.index("block");
    const std::string control = in.text("control"), n = in.text("name");
    return run([&] { return addParameter(plan, at, control, n); });
  }
  if (name == "removeParameter") {
    const std::string id = in.text("parameter");
    return run([&] { return removeParameter(plan, id); });
  }
  if (name == "addMix") return addMix(plan);
  return malformed("$.op", "no edit called '" + name + "'");
}

std::string catalogJson() {
  json blocks = json::array();
  for (const BlockSpec& spec : blockCatalog()) {
    json controls = json::array();
    for (const ControlSpec& c : spec.controls) {
      controls.push_back({{"id", c.id}, {"name", c.name}, {"unit", c.unit}, {"min", c.min}, {"max", c.max},
                          {"default", c.defaultValue}, {"scale", scaleName(c.scale)}});
    }
    json options = json::array();
    for (const OptionSpec& o : spec.options) {
      json choices = json::array();
      std::string_view rest = o.choices;
      while (!rest.empty()) {
        const size_t bar = rest.find('|');
        choices.push_back(std::string(rest.substr(0, bar)));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      options.push_back({{"id", o.id}, {"choices", choices}});
    }
    blocks.push_back({{"kind", spec.kind}, {"title", spec.title}, {"instrument", spec.instrument},
                      {"controls", controls}, {"options", options}});
  }
  return json{{"blocks", blocks}}.dump();
}

}  // namespace wstudio::forge

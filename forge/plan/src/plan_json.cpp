#include "wstudio/forge/plan_json.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "wstudio/forge/plan_validate.hpp"

namespace wstudio::forge {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Reads one JSON object member by member, noting every shape error with its path; members it
// was not asked for are errors too (a misspelt "defualt" must not silently become the default).
class ObjectReader {
 public:
  ObjectReader(const json& value, std::string path, std::vector<PlanError>& errors)
      : value_(value), path_(std::move(path)), errors_(errors) {
    if (!value_.is_object()) fail(path_, "expected an object");
  }
  ~ObjectReader() {
    if (!value_.is_object()) return;
    for (const auto& [key, member] : value_.items())
      if (!read_.contains(key)) fail(path_ + "." + key, "unknown member");
  }

  const json* member(const std::string& key, bool required) {
    read_.insert(key);
    if (!value_.is_object()) return nullptr;
    const auto it = value_.find(key);
    if (it == value_.end()) {
      if (required) fail(path_ + "." + key, "missing");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const std::string& key, bool required = true) {
    const json* v = member(key, required);
    if (!v) return {};
    if (!v->is_string()) {
      fail(path_ + "." + key, "expected a string");
      return {};
    }
    return v->get<std::string>();
  }

  double number(const std::string& key, double fallback) {
    const json* v = member(key, true);
    if (!v) return fallback;
    if (!v->is_number()) {
      fail(path_ + "." + key, "expected a number");
      return fallback;
    }
    return v->get<double>();
  }

  const std::string& path() const { return path_; }
  void fail(const std::string& at, const std::string& message) {
    errors_.push_back({at, "PLAN-1", message});
  }

 private:
  const json& value_;
  std::string path_;
  std::vector<PlanError>& errors_;
  std::set<std::string> read_;
};

Scale readScale(ObjectReader& r) {
  const json* v = r.member("scale", false);
  if (!v) return Scale::Linear;
  const std::string s = v->is_string() ? v->get<std::string>() : "";
  if (s == "linear") return Scale::Linear;
  if (s == "log") return Scale::Log;
  if (s == "db") return Scale::Db;
  r.fail(r.path() + ".scale", "expected \"linear\", \"log\" or \"db\"");
  return Scale::Linear;
}

Parameter readParameter(const json& value, const std::string& path, std::vector<PlanError>& errors) {
  ObjectReader r(value, path, errors);
  Parameter p;
  p.id = r.string("id");
  p.name = r.string("name");
  p.unit = r.string("unit", false);
  p.min = r.number("min", 0.0);
  p.max = r.number("max", 1.0);
  p.defaultValue = r.number("default", p.min);
  p.scale = readScale(r);
  return p;
}

Block readBlock(const json& value, const std::string& path, std::vector<PlanError>& errors) {
  ObjectReader r(value, path, errors);
  Block b;
  b.kind = r.string("kind");
  if (const json* controls = r.member("controls", false)) {
    if (!controls->is_object()) r.fail(path + ".controls", "expected an object");
    else
      for (const auto& [name, c] : controls->items()) {
        const std::string at = path + ".controls." + name;
        if (c.is_number()) b.controls[name] = Control{{}, c.get<double>()};
        else if (c.is_object() && c.size() == 1 && c.contains("param") && c["param"].is_string())
          b.controls[name] = Control{c["param"].get<std::string>(), 0.0};
        else r.fail(at, "expected a number or {\"param\": \"<parameter id>\"}");
      }
  }
  if (const json* options = r.member("options", false)) {
    if (!options->is_object()) r.fail(path + ".options", "expected an object");
    else
      for (const auto& [name, o] : options->items()) {
        if (o.is_string()) b.options[name] = o.get<std::string>();
        else r.fail(path + ".options." + name, "expected a string");
      }
  }
  return b;
}

template <typename T, typename ReadItem>
std::vector<T> readArray(ObjectReader& r, const std::string& key, bool required, ReadItem readItem,
                         std::vector<PlanError>& errors) {
  std::vector<T> items;
  const json* v = r.member(key, required);
  if (!v) return items;
  if (!v->is_array()) {
    r.fail(r.path() + "." + key, "expected an array");
    return items;
  }
  for (size_t i = 0; i < v->size(); ++i)
    items.push_back(readItem((*v)[i], r.path() + "." + key + "[" + std::to_string(i) + "]", errors));
  return items;
}

}  // namespace

std::string_view scaleName(Scale scale) {
  switch (scale) {
    case Scale::Log: return "log";
    case Scale::Db: return "db";
    case Scale::Linear: break;
  }
  return "linear";
}

std::variant<Plan, std::vector<PlanError>> readPlan(std::string_view text) {
  std::vector<PlanError> errors;
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return std::vector<PlanError>{{"$", "PLAN-1", "not valid JSON"}};
  Plan plan;
  {
    ObjectReader r(doc, "$", errors);
    if (r.string("format") != kPlanFormat && errors.empty())
      r.fail("$.format", std::string("expected \"") + kPlanFormat + "\"");
    if (const json* v = r.member("version", true)) {
      if (!v->is_number_integer()) r.fail("$.version", "expected an integer");
      else plan.version = v->get<int>();
    }
    plan.id = r.string("id");
    plan.name = r.string("name");
    plan.description = r.string("description", false);
    plan.parameters = readArray<Parameter>(r, "parameters", false, readParameter, errors);
    plan.blocks = readArray<Block>(r, "blocks", true, readBlock, errors);
    if (const json* v = r.member("mix", false)) {
      if (v->is_string()) plan.mix = v->get<std::string>();
      else if (!v->is_null()) r.fail("$.mix", "expected a parameter id or null");
    }
    if (const json* v = r.member("notes", false)) {
      if (!v->is_array()) r.fail("$.notes", "expected an array of strings");
      else
        for (size_t i = 0; i < v->size(); ++i) {
          if ((*v)[i].is_string()) plan.notes.push_back((*v)[i].get<std::string>());
          else r.fail("$.notes[" + std::to_string(i) + "]", "expected a string");
        }
    }
  }
  if (!errors.empty()) return errors;
  errors = validatePlan(plan);
  if (!errors.empty()) return errors;
  return plan;
}

std::string writePlan(const Plan& plan) {
  ordered_json doc;
  doc["format"] = kPlanFormat;
  doc["version"] = plan.version;
  doc["id"] = plan.id;
  doc["name"] = plan.name;
  doc["description"] = plan.description;
  doc["parameters"] = ordered_json::array();
  for (const Parameter& p : plan.parameters)
    doc["parameters"].push_back({{"id", p.id},
                                 {"name", p.name},
                                 {"unit", p.unit},
                                 {"min", p.min},
                                 {"max", p.max},
                                 {"default", p.defaultValue},
                                 {"scale", scaleName(p.scale)}});
  doc["blocks"] = ordered_json::array();
  for (const Block& b : plan.blocks) {
    ordered_json block;
    block["kind"] = b.kind;
    block["controls"] = ordered_json::object();
    for (const auto& [name, c] : b.controls)
      block["controls"][name] = c.param ? ordered_json{{"param", *c.param}} : ordered_json(c.value);
    block["options"] = ordered_json::object();
    for (const auto& [name, value] : b.options) block["options"][name] = value;
    doc["blocks"].push_back(std::move(block));
  }
  doc["mix"] = plan.mix ? ordered_json(*plan.mix) : ordered_json(nullptr);
  doc["notes"] = plan.notes;
  return doc.dump(2) + "\n";
}

}  // namespace wstudio::forge

#include "wstudio/forge/plan_edit.hpp"

#include <algorithm>

#include "wstudio/forge/block_catalog.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace wstudio::forge {
namespace {

// Runs `change` on a copy and keeps it only if the copy is valid.
template <typename Change>
EditErrors commit(Plan& plan, Change change) {
  Plan copy = plan;
  if (EditErrors refused = change(copy); !refused.empty()) return refused;
  EditErrors errors = validatePlan(copy);
  if (errors.empty()) plan = std::move(copy);
  return errors;
}

EditErrors refuse(std::string path, std::string message) {
  return {PlanError{std::move(path), "EDIT", std::move(message)}};
}

Parameter* findMutable(Plan& plan, std::string_view id) {
  for (Parameter& p : plan.parameters)
    if (p.id == id) return &p;
  return nullptr;
}

bool isUsed(const Plan& plan, const std::string& id) {
  if (plan.mix == id) return true;
  for (const Block& b : plan.blocks)
    for (const auto& [name, c] : b.controls)
      if (c.param == id) return true;
  return false;
}

}  // namespace

std::string identifierFrom(std::string_view name, size_t maxLength) {
  std::string id;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) id += c;
    else if (!id.empty() && id.back() != '_') id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty()) id = "param";
  if (id.front() >= '0' && id.front() <= '9') id = "p_" + id;
  if (id.size() > maxLength) {
    const size_t cut = id.rfind('_', maxLength);
    id.resize(cut != std::string::npos && cut > maxLength / 2 ? cut : maxLength);
  }
  return id;
}

std::string uniqueParameterId(const Plan& plan, std::string_view base) {
  std::string id(base);
  for (int n = 2; findParameter(plan, id); ++n) id = std::string(base) + "_" + std::to_string(n);
  return id;
}

std::string exposeControl(Plan& plan, size_t blockIndex, std::string_view control, std::string_view name) {
  Block& block = plan.blocks.at(blockIndex);
  const BlockSpec* spec = findBlockSpec(block.kind);
  const ControlSpec* c = spec ? findControl(*spec, control) : nullptr;
  if (!c) return {};
  Control& binding = block.controls[std::string(control)];
  Parameter p;
  p.id = uniqueParameterId(plan, identifierFrom(name));
  p.name = std::string(name.substr(0, 32));
  p.unit = std::string(c->unit);
  p.min = c->min;
  p.max = c->max;
  p.defaultValue = binding.param ? c->defaultValue : std::clamp(binding.value, c->min, c->max);
  p.scale = c->scale;
  binding = Control{p.id, 0.0};
  plan.parameters.push_back(p);
  return p.id;
}

EditErrors renamePlugin(Plan& plan, std::string_view name) {
  return commit(plan, [&](Plan& p) {
    p.name = std::string(name);
    return EditErrors{};
  });
}

EditErrors renameParameter(Plan& plan, std::string_view parameterId, std::string_view name) {
  return commit(plan, [&](Plan& p) {
    Parameter* param = findMutable(p, parameterId);
    if (!param) return refuse("$.parameters", "no parameter '" + std::string(parameterId) + "'");
    param->name = std::string(name);
    return EditErrors{};
  });
}

EditErrors setParameterRange(Plan& plan, std::string_view parameterId, double min, double max,
                             double defaultValue) {
  return commit(plan, [&](Plan& p) {
    Parameter* param = findMutable(p, parameterId);
    if (!param) return refuse("$.parameters", "no parameter '" + std::string(parameterId) + "'");
    param->min = min;
    param->max = max;
    param->defaultValue = defaultValue;
    return EditErrors{};
  });
}

EditErrors addBlock(Plan& plan, std::string_view kind, size_t position) {
  return commit(plan, [&](Plan& p) {
    const BlockSpec* spec = findBlockSpec(kind);
    if (!spec) return refuse("$.blocks", "unknown block kind '" + std::string(kind) + "'");
    if (position > p.blocks.size()) return refuse("$.blocks", "no position " + std::to_string(position));
    p.blocks.insert(p.blocks.begin() + std::ptrdiff_t(position), defaultBlock(*spec));
    for (const ControlSpec& c : spec->controls)
      if (c.exposed) {
        const bool clash = findParameter(p, identifierFrom(c.name)) != nullptr;
        exposeControl(p, position, c.id,
                      clash ? std::string(spec->title) + " " + std::string(c.name) : std::string(c.name));
      }
    return EditErrors{};
  });
}

EditErrors removeBlock(Plan& plan, size_t index) {
  return commit(plan, [&](Plan& p) {
    if (index >= p.blocks.size()) return refuse("$.blocks", "no block " + std::to_string(index));
    p.blocks.erase(p.blocks.begin() + std::ptrdiff_t(index));
    std::erase_if(p.parameters, [&](const Parameter& param) { return !isUsed(p, param.id); });
    return EditErrors{};
  });
}

EditErrors addParameter(Plan& plan, size_t blockIndex, std::string_view control, std::string_view name) {
  return commit(plan, [&](Plan& p) {
    const std::string at = "$.blocks[" + std::to_string(blockIndex) + "]";
    if (blockIndex >= p.blocks.size()) return refuse("$.blocks", "no block " + std::to_string(blockIndex));
    const BlockSpec* spec = findBlockSpec(p.blocks[blockIndex].kind);
    if (!spec || !findControl(*spec, control))
      return refuse(at + ".controls", "no control '" + std::string(control) + "'");
    if (p.blocks[blockIndex].controls[std::string(control)].param)
      return refuse(at + ".controls." + std::string(control), "already a parameter");
    exposeControl(p, blockIndex, control, name);
    return EditErrors{};
  });
}

EditErrors removeParameter(Plan& plan, std::string_view parameterId) {
  return commit(plan, [&](Plan& p) {
    const Parameter* param = findParameter(p, parameterId);
    if (!param) return refuse("$.parameters", "no parameter '" + std::string(parameterId) + "'");
    const Parameter removed = *param;
    for (Block& b : p.blocks)
      for (auto& [name, c] : b.controls)
        if (c.param == removed.id) c = Control{{}, removed.defaultValue};
    if (p.mix == removed.id) p.mix.reset();
    std::erase_if(p.parameters, [&](const Parameter& q) { return q.id == removed.id; });
    return EditErrors{};
  });
}

EditErrors addMix(Plan& plan) {
  return commit(plan, [&](Plan& p) {
    if (p.mix) return refuse("$.mix", "the plan has a mix knob already");
    Parameter mix{uniqueParameterId(p, "mix"), "Mix", "%", 0.0, 100.0, 100.0, Scale::Linear};
    p.mix = mix.id;
    p.parameters.push_back(mix);
    return EditErrors{};
  });
}

EditErrors moveBlock(Plan& plan, size_t from, size_t to) {
  return commit(plan, [&](Plan& p) {
    if (from >= p.blocks.size()) return refuse("$.blocks", "no block " + std::to_string(from));
    if (to >= p.blocks.size()) return refuse("$.blocks", "no position " + std::to_string(to));
    Block moved = std::move(p.blocks[from]);
    p.blocks.erase(p.blocks.begin() + std::ptrdiff_t(from));
    p.blocks.insert(p.blocks.begin() + std::ptrdiff_t(to), std::move(moved));
    return EditErrors{};
  });
}

EditErrors setOption(Plan& plan, size_t blockIndex, std::string_view option, std::string_view value) {
  return commit(plan, [&](Plan& p) {
    if (blockIndex >= p.blocks.size()) return refuse("$.blocks", "no block " + std::to_string(blockIndex));
    const std::string at = "$.blocks[" + std::to_string(blockIndex) + "].options";
    const BlockSpec* spec = findBlockSpec(p.blocks[blockIndex].kind);
    if (!spec || !findOption(*spec, option)) return refuse(at, "no option '" + std::string(option) + "'");
    // Validation names the rule (PLAN-9) when the value is not one of the option's choices.
    p.blocks[blockIndex].options[std::string(option)] = std::string(value);
    return EditErrors{};
  });
}

}  // namespace wstudio::forge

#include "wstudio/forge/plan_presets.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace wstudio::forge {
namespace {

// How a control sets the amount of effect: +1 more is stronger, -1 less is stronger, and the
// value where it does nothing (the gentle end).
struct Intensity {
  std::string_view control;
  int direction;
  double neutral;
};
constexpr Intensity kIntensity[] = {
    {"drive", 1, 0},   {"mix", 1, 0},       {"depth", 1, 0},    {"feedback", 1, 0}, {"ratio", 1, 1},
    {"width", 1, 100}, {"downsample", 1, 1}, {"decay", 1, 0.1},  {"size", 1, 0},     {"ducking", 1, 0},
    {"bits", -1, 16},  {"ceiling", -1, 0},  {"gain", 1, 0}};

// A preset natural to a block kind: control -> value, where the control is a knob.
struct KindPreset {
  std::string_view kind;
  std::string_view name;
  std::vector<std::pair<std::string_view, double>> values;
};
const std::vector<KindPreset>& kindPresets() {
  static const std::vector<KindPreset> presets = {
      {"delay", "Slapback", {{"time", 110}, {"feedback", 10}, {"mix", 30}}},
      {"delay", "Long Echo", {{"time", 700}, {"feedback", 55}, {"mix", 40}}},
      {"reverb", "Room", {{"size", 25}, {"decay", 0.8}, {"mix", 20}}},
      {"reverb", "Hall", {{"size", 85}, {"decay", 4.5}, {"mix", 35}}},
      {"lowpass", "Dark", {{"cutoff", 800}}},
      {"lowpass", "Bright", {{"cutoff", 9000}}},
      {"highpass", "Thin", {{"cutoff", 600}}},
      {"synth", "Pluck", {{"attack", 2}, {"sustain", 0}, {"release", 120}, {"decay", 180}}},
      {"synth", "Pad", {{"attack", 400}, {"sustain", 80}, {"release", 1500}}},
      {"compressor", "Glue", {{"ratio", 2}, {"threshold", -12}, {"attack", 30}}},
      {"compressor", "Squash", {{"ratio", 10}, {"threshold", -35}, {"attack", 1}}},
      {"saturate", "Warm", {{"drive", 6}}},
      {"saturate", "Crunch", {{"drive", 30}}},
      {"bitcrush", "Lo-fi", {{"bits", 10}, {"downsample", 2}}},
      {"bitcrush", "Destroyed", {{"bits", 3}, {"downsample", 12}}},
      {"tremolo", "Slow", {{"rate", 1.5}}},
      {"tremolo", "Fast", {{"rate", 9}}},
      {"autopan", "Slow", {{"rate", 0.25}}},
      {"autopan", "Fast", {{"rate", 4}}},
      {"chorus", "Slow", {{"rate", 0.3}}},
      {"chorus", "Fast", {{"rate", 3}}},
      {"flanger", "Slow", {{"rate", 0.1}}},
      {"flanger", "Fast", {{"rate", 1.5}}},
      {"phaser", "Slow", {{"rate", 0.15}}},
      {"phaser", "Fast", {{"rate", 2}}},
      {"vibrato", "Slow", {{"rate", 2}}},
      {"vibrato", "Fast", {{"rate", 8}}},
      {"gate", "Tight", {{"threshold", -35}, {"release", 40}}},
      {"width", "Wide", {{"width", 190}}},
      {"width", "Mono-ish", {{"width", 40}}},
  };
  return presets;
}

std::map<std::string, double> defaults(const Plan& plan) {
  std::map<std::string, double> values;
  for (const Parameter& p : plan.parameters) values[p.id] = p.defaultValue;
  return values;
}

double tidy(double v) {
  if (v == 0.0) return v;
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::abs(v))) - 2.0);
  return std::round(v / magnitude) * magnitude;
}

// The controls each knob moves (block kind, control id).
std::map<std::string, std::vector<std::pair<std::string, std::string>>> bindings(const Plan& plan) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  for (const Block& b : plan.blocks)
    for (const auto& [control, c] : b.controls)
      if (c.param) out[*c.param].push_back({b.kind, control});
  if (plan.mix) out[*plan.mix].push_back({"", "mix"});
  return out;
}

// Subtle (toward < 0) or Heavy (toward > 0): every intensity knob moved part of the way.
std::map<std::string, double> intensity(const Plan& plan, double toward) {
  std::map<std::string, double> values = defaults(plan);
  const auto bound = bindings(plan);
  for (const Parameter& p : plan.parameters) {
    const auto it = bound.find(p.id);
    if (it == bound.end()) continue;
    const std::string& control = it->second.front().second;
    const auto in = std::find_if(std::begin(kIntensity), std::end(kIntensity),
                                 [&](const Intensity& i) { return i.control == control; });
    if (in == std::end(kIntensity)) continue;
    const std::string& kind = it->second.front().first;
    if (control == "gain" && kind != "lowshelf" && kind != "highshelf" && kind != "peak") continue;  // a level
    const double neutral = std::clamp(in->neutral, p.min, p.max);
    double strong = in->direction > 0 ? p.max : p.min;
    if (control == "gain") strong = p.defaultValue < 0 ? p.min : p.max;  // an EQ's gain: its magnitude
    const double v = toward < 0 ? p.defaultValue + (neutral - p.defaultValue) * -toward
                                : p.defaultValue + (strong - p.defaultValue) * toward;
    values[p.id] = std::clamp(tidy(v), p.min, p.max);
  }
  return values;
}

}  // namespace

std::vector<PlanPreset> planPresets(const Plan& plan) {
  std::vector<PlanPreset> out;
  const std::map<std::string, double> base = defaults(plan);
  std::set<std::string> names;
  auto add = [&](std::string name, std::map<std::string, double> values) {
    if (!out.empty() && values == base) return;  // changes nothing: only Default may
    for (const PlanPreset& p : out)
      if (p.values == values) return;
    if (!names.insert(name).second) return;
    out.push_back({std::move(name), std::move(values)});
  };
  add("Default", base);
  add("Subtle", intensity(plan, -0.6));
  add("Heavy", intensity(plan, 0.4));
  for (const KindPreset& k : kindPresets()) {
    const auto block = std::find_if(plan.blocks.begin(), plan.blocks.end(), [&](const Block& b) { return b.kind == k.kind; });
    if (block == plan.blocks.end()) continue;
    std::map<std::string, double> values = base;
    for (const auto& [control, value] : k.values) {
      const auto c = block->controls.find(std::string(control));
      if (c == block->controls.end() || !c->second.param) continue;
      const Parameter* p = findParameter(plan, *c->second.param);
      values[p->id] = std::clamp(value, p->min, p->max);
    }
    add(std::string(k.name), std::move(values));
  }
  return out;
}

}  // namespace wstudio::forge

// A parameter as the plugin author declares it: one entry of the constexpr table from which the
// SDK builds the descriptor JSON, the runtime values, event handling and state.
#pragma once

#include <cstdint>
#include <string_view>

namespace wsp::sdk {

enum class ParamType { Float, Int, Bool, Choice };

// How a control spreads its travel over the range (descriptor "scale").
enum class Scale { Linear, Log, Db };

// Float parameters glide to new values over this many milliseconds unless the table says
// otherwise: long enough to hide the step of a gain or cutoff jump (ABI-16), short enough that
// automation still feels immediate.
inline constexpr double kDefaultSmoothingMs = 20.0;

struct Param {
  uint32_t id = 0;             // stable forever: sessions store values by id
  std::string_view key;        // stable [A-Za-z0-9_] name for presets and generated code
  std::string_view name;       // for people
  std::string_view unit;       // "dB", "Hz", "ms", "%", ... or ""
  ParamType type = ParamType::Float;
  double min = 0.0;
  double max = 1.0;
  double defaultValue = 0.0;
  Scale scale = Scale::Linear;
  std::string_view choices;    // Choice only: names separated by '|', e.g. "Peak|RMS"
  double smoothingMs = 0.0;    // Float only; 0 = value jumps

  // Same parameter with another smoothing time (0 turns smoothing off).
  constexpr Param smoothing(double ms) const {
    Param p = *this;
    p.smoothingMs = ms;
    return p;
  }
  constexpr bool isSmoothed() const { return type == ParamType::Float && smoothingMs > 0.0; }
};

// A continuous value, smoothed over kDefaultSmoothingMs.
constexpr Param floatParam(uint32_t id, std::string_view key, std::string_view name,
                           std::string_view unit, double min, double max, double defaultValue,
                           Scale scale = Scale::Linear) {
  return Param{id, key, name, unit, ParamType::Float, min, max, defaultValue, scale, {},
               kDefaultSmoothingMs};
}

// A whole number in [min, max]; events are rounded to the nearest.
constexpr Param intParam(uint32_t id, std::string_view key, std::string_view name,
                         std::string_view unit, int min, int max, int defaultValue) {
  return Param{id, key, name, unit, ParamType::Int, double(min), double(max), double(defaultValue),
               Scale::Linear, {}, 0.0};
}

// A switch: 0 (off) or 1 (on).
constexpr Param boolParam(uint32_t id, std::string_view key, std::string_view name,
                          bool defaultValue) {
  return Param{id, key, name, "", ParamType::Bool, 0.0, 1.0, defaultValue ? 1.0 : 0.0,
               Scale::Linear, {}, 0.0};
}

constexpr uint32_t choiceCount(std::string_view choices) {
  uint32_t count = 1;
  for (char c : choices) count += c == '|' ? 1u : 0u;
  return count;
}

// One of several named options, value = index; `choices` is "First|Second|Third".
constexpr Param choiceParam(uint32_t id, std::string_view key, std::string_view name,
                            std::string_view choices, uint32_t defaultIndex) {
  return Param{id, key, name, "", ParamType::Choice, 0.0, double(choiceCount(choices) - 1),
               double(defaultIndex), Scale::Linear, choices, 0.0};
}

}  // namespace wsp::sdk

#include "enum_names.hpp"

#include <array>
#include <utility>

namespace wstudio::session {

namespace {

template <typename Enum>
struct Names;

template <>
struct Names<TrackKind> {
  static constexpr std::array<std::pair<TrackKind, std::string_view>, 3> table{{
      {TrackKind::audio, "audio"},
      {TrackKind::instrument, "instrument"},
      {TrackKind::bus, "bus"},
  }};
};

template <>
struct Names<FadeCurve> {
  static constexpr std::array<std::pair<FadeCurve, std::string_view>, 3> table{{
      {FadeCurve::linear, "linear"},
      {FadeCurve::equalPower, "equal-power"},
      {FadeCurve::sCurve, "s-curve"},
  }};
};

template <>
struct Names<PluginFormat> {
  static constexpr std::array<std::pair<PluginFormat, std::string_view>, 2> table{{
      {PluginFormat::wsp, "wsp"},
      {PluginFormat::vaist, "vaist"},
  }};
};

template <>
struct Names<AutomatedControl> {
  static constexpr std::array<std::pair<AutomatedControl, std::string_view>, 3> table{{
      {AutomatedControl::volume, "volume"},
      {AutomatedControl::pan, "pan"},
      {AutomatedControl::parameter, "param"},
  }};
};

template <>
struct Names<SegmentShape> {
  static constexpr std::array<std::pair<SegmentShape, std::string_view>, 3> table{{
      {SegmentShape::linear, "linear"},
      {SegmentShape::curve, "curve"},
      {SegmentShape::step, "step"},
  }};
};

template <typename Enum>
std::string_view nameOf(Enum value) {
  for (const auto& [v, name] : Names<Enum>::table) {
    if (v == value) return name;
  }
  return "?";  // unreachable for a valid enumerator; validate() reports invalid ones
}

}  // namespace

std::string_view toString(TrackKind kind) { return nameOf(kind); }
std::string_view toString(FadeCurve curve) { return nameOf(curve); }
std::string_view toString(PluginFormat format) { return nameOf(format); }
std::string_view toString(AutomatedControl control) { return nameOf(control); }
std::string_view toString(SegmentShape shape) { return nameOf(shape); }

namespace detail {

template <typename Enum>
std::optional<Enum> enumFromString(std::string_view name) {
  for (const auto& [value, spelling] : Names<Enum>::table) {
    if (spelling == name) return value;
  }
  return std::nullopt;
}

template <typename Enum>
std::string enumChoices() {
  std::string out;
  for (const auto& [value, spelling] : Names<Enum>::table) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += spelling;
    out += '"';
  }
  return out;
}

template std::optional<TrackKind> enumFromString<TrackKind>(std::string_view);
template std::optional<FadeCurve> enumFromString<FadeCurve>(std::string_view);
template std::optional<PluginFormat> enumFromString<PluginFormat>(std::string_view);
template std::optional<AutomatedControl> enumFromString<AutomatedControl>(std::string_view);
template std::optional<SegmentShape> enumFromString<SegmentShape>(std::string_view);
template std::string enumChoices<TrackKind>();
template std::string enumChoices<FadeCurve>();
template std::string enumChoices<PluginFormat>();
template std::string enumChoices<AutomatedControl>();
template std::string enumChoices<SegmentShape>();

}  // namespace detail

}  // namespace wstudio::session

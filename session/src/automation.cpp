#include "wstudio/session/automation.hpp"

#include <algorithm>
#include <cmath>

namespace wstudio::session {

namespace {
// Curvature 1 bends a segment so that it is about 5% of the way at its midpoint: strong enough
// for fades and swells, gentle enough to stay smooth.
constexpr double kCurvatureScale = 6.0;
}  // namespace

double curveFraction(double x, double curvature) {
  const double k = kCurvatureScale * curvature;
  if (k == 0.0) return x;
  return std::expm1(k * x) / std::expm1(k);
}

std::optional<double> valueAt(const AutomationLane& lane, Beats time) {
  const auto& points = lane.points;
  if (points.empty()) return std::nullopt;
  if (time <= points.front().time) return points.front().value;
  if (time >= points.back().time) return points.back().value;

  // The first point after `time`; the segment starts at the one before it.
  const auto next = std::upper_bound(
      points.begin(), points.end(), time,
      [](Beats t, const AutomationPoint& p) { return t < p.time; });
  const AutomationPoint& a = *(next - 1);
  const AutomationPoint& b = *next;
  if (time == a.time) return a.value;

  const double x = (time - a.time) / (b.time - a.time);
  switch (a.shape) {
    case SegmentShape::step:
      return a.value;
    case SegmentShape::curve:
      return a.value + (b.value - a.value) * curveFraction(x, a.curvature);
    case SegmentShape::linear:
      break;
  }
  return a.value + (b.value - a.value) * x;
}

}  // namespace wstudio::session

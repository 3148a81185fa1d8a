// Evaluating automation lanes. The engine samples these per block; the UI draws them; both must
// agree exactly, so the curve formula is part of the format (docs/session-format.md).
#pragma once

#include <optional>

#include "wstudio/session/model.hpp"

namespace wstudio::session {

// How far (0..1) a curved segment has moved from its start value towards its end value at
// fraction x (0..1) of its duration. curvature 0 is a straight line; positive values start slow
// and finish fast, negative values the mirror image:
//   f(x) = (exp(k x) - 1) / (exp(k) - 1), with k = 6 * curvature.
double curveFraction(double x, double curvature);

// The lane's value at a timeline position: the first point's value before it, the last point's
// value from it on, and between two points the segment shape of the earlier one (at a point's
// own time, exactly that point's value). Empty for a lane without points.
std::optional<double> valueAt(const AutomationLane& lane, Beats time);

}  // namespace wstudio::session

// The gain shapes of clip fades, part of the format so that every renderer fades alike.
#pragma once

#include "wstudio/session/model.hpp"

namespace wstudio::session {

// Gain (0..1) at fraction x (0..1, clamped) through a fade-in; a fade-out uses 1 - x.
//   linear: x;  equal-power: sin(x * pi / 2);  s-curve: (1 - cos(x * pi)) / 2.
double fadeGain(FadeCurve curve, double x);

}  // namespace wstudio::session

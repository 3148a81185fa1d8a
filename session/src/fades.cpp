#include "wstudio/session/fades.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace wstudio::session {

double fadeGain(FadeCurve curve, double x) {
  x = std::clamp(x, 0.0, 1.0);
  switch (curve) {
    case FadeCurve::equalPower:
      return std::sin(x * std::numbers::pi / 2.0);
    case FadeCurve::sCurve:
      return (1.0 - std::cos(x * std::numbers::pi)) / 2.0;
    case FadeCurve::linear:
      break;
  }
  return x;
}

}  // namespace wstudio::session

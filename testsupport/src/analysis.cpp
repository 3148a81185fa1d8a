// Measurements for tests. Those the conformance suite also makes are its own (wstudio_signals);
// the rest are only needed here.
#include "wstudio/testsupport/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "wstudio/conformance/analysis.hpp"

namespace wstudio::testsupport {

double rms(std::span<const float> x) {
  if (x.empty()) return 0.0;
  double sum = 0.0;
  for (float v : x) sum += double(v) * double(v);
  return std::sqrt(sum / double(x.size()));
}

double peak(std::span<const float> x) { return conformance::maxAbs(x).value; }

double toDb(double gain) { return conformance::toDb(gain); }

double toneAmplitude(std::span<const float> x, double frequencyHz, double sampleRate) {
  if (x.empty()) return 0.0;
  const double w = 2.0 * std::numbers::pi * frequencyHz / sampleRate;
  const double coeff = 2.0 * std::cos(w);
  double s1 = 0.0, s2 = 0.0;
  for (float v : x) {
    const double s0 = double(v) + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return 2.0 * std::sqrt(std::max(power, 0.0)) / double(x.size());
}

size_t firstAbove(std::span<const float> x, float threshold) {
  return conformance::firstAbove(x, threshold).value_or(x.size());
}

size_t argPeak(std::span<const float> x) {
  size_t best = 0;
  for (size_t n = 1; n < x.size(); ++n)
    if (std::fabs(x[n]) > std::fabs(x[best])) best = n;
  return best;
}

bool allFiniteNormal(std::span<const float> x) {
  return std::all_of(x.begin(), x.end(), [](float v) {
    const int c = std::fpclassify(v);
    return c == FP_NORMAL || c == FP_ZERO;
  });
}

double maxSecondDifference(std::span<const float> x) {
  return conformance::maxSecondDifference(x).value;
}

}  // namespace wstudio::testsupport

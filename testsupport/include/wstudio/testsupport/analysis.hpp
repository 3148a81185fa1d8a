// Measurements on rendered signals, for tests with analytic expectations.
#pragma once

#include <cstddef>
#include <span>

namespace wstudio::testsupport {

double rms(std::span<const float> x);
double peak(std::span<const float> x);
double toDb(double gain);  // -999 for 0
// Amplitude of the component at frequencyHz (a Goertzel filter over the whole span, Hann-free:
// use a whole number of periods, or long spans, for accuracy).
double toneAmplitude(std::span<const float> x, double frequencyHz, double sampleRate);
// Index of the first sample whose magnitude exceeds threshold, or x.size().
size_t firstAbove(std::span<const float> x, float threshold);
// Index of the largest magnitude sample.
size_t argPeak(std::span<const float> x);
// True if every sample is finite and not subnormal.
bool allFiniteNormal(std::span<const float> x);
// Largest |x[n] - 2x[n-1] + x[n-2]|: steps and clicks show up as spikes of this.
double maxSecondDifference(std::span<const float> x);

}  // namespace wstudio::testsupport

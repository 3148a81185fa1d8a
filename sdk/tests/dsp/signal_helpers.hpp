// Test signals and measurements shared by the DSP tests.
#pragma once

#include <cmath>
#include <cstddef>
#include <numbers>
#include <vector>

namespace wsp::dsp::test {

inline constexpr double kSampleRate = 48000.0;

inline std::vector<float> sine(double hz, std::size_t samples, double amplitude = 1.0,
                               double sampleRate = kSampleRate) {
  std::vector<float> out(samples);
  for (std::size_t n = 0; n < samples; ++n) {
    out[n] = static_cast<float>(
        amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(n) / sampleRate));
  }
  return out;
}

// Amplitude of the component at `hz` in x[begin, begin + count), by correlation with a sine and
// a cosine (a single-bin DFT, i.e. Goertzel's result). Exact for a pure sine when the window holds
// a whole number of its cycles; pick windows accordingly.
inline double amplitudeAt(const std::vector<float>& x, double hz, std::size_t begin,
                          std::size_t count, double sampleRate = kSampleRate) {
  double re = 0.0, im = 0.0;
  for (std::size_t n = 0; n < count; ++n) {
    const double phase = 2.0 * std::numbers::pi * hz * static_cast<double>(n) / sampleRate;
    re += static_cast<double>(x[begin + n]) * std::cos(phase);
    im += static_cast<double>(x[begin + n]) * std::sin(phase);
  }
  return 2.0 * std::sqrt(re * re + im * im) / static_cast<double>(count);
}

inline double toDb(double gain) { return 20.0 * std::log10(gain); }

// Runs a per-sample processor over a signal.
template <typename Fn>
std::vector<float> map(const std::vector<float>& in, Fn&& fn) {
  std::vector<float> out(in.size());
  for (std::size_t n = 0; n < in.size(); ++n) out[n] = fn(in[n]);
  return out;
}

}  // namespace wsp::dsp::test

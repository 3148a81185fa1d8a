// The reverb's late field: an 8-line feedback delay network with a fast Hadamard mixing matrix
// (orthogonal, so the loop loses energy only where we say), per-line first-order shelving
// damping that sets the RT60 at low and high frequencies independently (Jot), and slowly
// modulated, cubic-interpolated line lengths against metallic ringing.
#pragma once

#include <cmath>
#include <cstddef>

#include <wsp/dsp.hpp>

#include <wsp/dsp/quadrature_lfo.hpp>

namespace wsp_reverb {

namespace dsp = wsp::dsp;

inline constexpr int kLines = 8;
// Line lengths at size 100 % and 48 kHz: mutually prime (all prime), spread over ~24..52 ms.
inline constexpr double kBaseLengths48k[kLines] = {1153, 1327, 1499, 1669, 1889, 2083, 2297, 2503};
inline constexpr double kMaxSize = 2.0;
inline constexpr double kMaxModulationMs = 0.35;

// In-place 8-point Hadamard transform scaled by 1/sqrt(8): orthogonal and its own inverse.
inline void hadamard8(float* x) noexcept {
  for (int span = 1; span < kLines; span <<= 1) {
    for (int i = 0; i < kLines; i += 2 * span) {
      for (int j = i; j < i + span; ++j) {
        const float a = x[j], b = x[j + span];
        x[j] = a + b;
        x[j + span] = a - b;
      }
    }
  }
  constexpr float scale = 0.35355339059327373f;
  for (int i = 0; i < kLines; ++i) x[i] *= scale;
}

// Gain per pass of a loop of `samples` samples so that it decays 60 dB in rt60 seconds.
inline double decayGain(double samples, double rt60, double sampleRate) noexcept {
  return std::pow(10.0, -3.0 * samples / (rt60 * sampleRate));
}

// First-order shelf with gain dcGain at DC and nyquistGain at Nyquist (a one-pole lowpass
// splitting them at the crossover): |H| moves monotonically between the two, so it is stable
// whenever both are below 1.
class DampingShelf {
 public:
  void setCrossover(double sampleRate, double hz) noexcept { lowpass_.setCutoff(sampleRate, hz); }
  void setGains(float dcGain, float nyquistGain) noexcept {
    high_ = nyquistGain;
    low_ = dcGain - nyquistGain;
  }
  void reset() noexcept { lowpass_.reset(); }
  float process(float x) noexcept { return high_ * x + low_ * lowpass_.process(x); }

 private:
  dsp::OnePoleLowpass lowpass_;
  float high_ = 0.0f;
  float low_ = 0.0f;
};

class Fdn {
 public:
  // False when out of memory.
  [[nodiscard]] bool prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    const double rateScale = sampleRate / 48000.0;
    const double modMax = dsp::msToSamples(kMaxModulationMs, sampleRate);
    for (int i = 0; i < kLines; ++i) {
      if (!lines_[i].prepare(static_cast<std::size_t>(std::ceil(kBaseLengths48k[i] * rateScale * kMaxSize + modMax)) + 4))
        return false;
      damping_[i].setCrossover(sampleRate, kDampingCrossoverHz);
    }
    modA_.setIncrement(0.53 / sampleRate);
    modB_.setIncrement(0.79 / sampleRate);
    for (int i = 0; i < kLines; ++i) {
      // Each line gets its own phase (i/8 of a cycle) of one of two slow, unrelated LFOs.
      const double phase = dsp::kTwoPi * i / kLines;
      offsetCos_[i] = std::cos(phase);
      offsetSin_[i] = std::sin(phase);
    }
    configured_ = false;
    return true;
  }

  void reset() {
    for (auto& l : lines_) l.reset();
    for (auto& d : damping_) d.reset();
    modA_.resetPhase(0.0);
    modB_.resetPhase(0.0);
  }

  // size: 0.25..2 (length scale), rt60 in s at low/mid frequencies, hfRatio = RT60 at high
  // frequencies / rt60 (0..1], modulation: peak extra delay in samples (the lines swing between
  // their length and length + 2 * modulation). Recomputes the gains only when something changed.
  void configure(double size, double rt60, double hfRatio, float modulation) {
    modDepth_ = modulation;
    if (configured_ && size == size_ && rt60 == rt60_ && hfRatio == hfRatio_ && modulation == modGains_) return;
    configured_ = true;
    size_ = size;
    rt60_ = rt60;
    hfRatio_ = hfRatio;
    modGains_ = modulation;
    const double rateScale = sampleRate_ / 48000.0;
    for (int i = 0; i < kLines; ++i) {
      length_[i] = static_cast<float>(kBaseLengths48k[i] * rateScale * size);
      // The loop's mean length: the line plus the modulation's mean offset.
      const double loop = double(length_[i]) + double(modulation);
      const double gDc = decayGain(loop, rt60, sampleRate_);
      const double gHf = decayGain(loop, rt60 * hfRatio, sampleRate_);
      damping_[i].setGains(static_cast<float>(gDc), static_cast<float>(gHf));
    }
  }

  // One sample: injects the (diffused) stereo input, returns the stereo output taps. The taps
  // read what is written into the lines this sample, so the diffused input appears in the output
  // at once (no gap before the first reflection) and the recirculating field follows.
  void process(float inL, float inR, float& outL, float& outR) noexcept {
    float y[kLines];
    const float depth = modDepth_;
    if (depth > 0.0f) {
      const double a = modA_.sin(), ac = modA_.cos(), b = modB_.sin(), bc = modB_.cos();
      for (int i = 0; i < kLines; ++i) {
        const double s = (i & 1) ? b * offsetCos_[i] + bc * offsetSin_[i]
                                 : a * offsetCos_[i] + ac * offsetSin_[i];
        y[i] = lines_[i].readCubic(length_[i] + depth * static_cast<float>(1.0 + s));
      }
      modA_.advance();
      modB_.advance();
    } else {
      for (int i = 0; i < kLines; ++i) y[i] = lines_[i].readCubic(length_[i]);
    }
    for (int i = 0; i < kLines; ++i) y[i] = damping_[i].process(y[i]);
    hadamard8(y);
    // Injection and output taps use two orthogonal sign patterns (rows of a Hadamard matrix):
    // left feeds and is read from the even lines' pattern, right the odd lines'.
    float l = 0.0f, r = 0.0f;
    for (int i = 0; i < kLines; ++i) {
      const float w = y[i] + ((i & 1) ? kTapR[i] * inR : kTapL[i] * inL);
      lines_[i].write(w);
      l += kTapL[i] * w;
      r += kTapR[i] * w;
    }
    outL = l;
    outR = r;
  }

  void renormalize() noexcept {
    modA_.renormalize();
    modB_.renormalize();
  }

  float longestLength() const noexcept {
    float m = 0.0f;
    for (float l : length_) m = l > m ? l : m;
    return m;
  }

 private:
  static constexpr double kDampingCrossoverHz = 3500.0;
  static constexpr float kTapL[kLines] = {1, -1, 1, -1, 1, -1, 1, -1};
  static constexpr float kTapR[kLines] = {1, 1, -1, -1, 1, 1, -1, -1};

  dsp::DelayLine lines_[kLines];
  DampingShelf damping_[kLines];
  float length_[kLines] = {};
  wsp::dsp::QuadratureLfo modA_;
  wsp::dsp::QuadratureLfo modB_;
  double offsetCos_[kLines] = {};
  double offsetSin_[kLines] = {};
  float modDepth_ = 0.0f;
  double sampleRate_ = 48000.0;
  double size_ = 0.0, rt60_ = 0.0, hfRatio_ = 0.0;
  float modGains_ = 0.0f;
  bool configured_ = false;
};

}  // namespace wsp_reverb

// Peak, RMS and (when asked) loudness of one stereo output, written by the audio thread once per
// block and read lock-free by the UI.
#pragma once

#include <atomic>
#include <cstdint>

#include "wstudio/engine/k_weighting.hpp"

namespace wstudio::engine {

class LevelMeter {
 public:
  // RMS is an exponential average of the mean square over this time constant, so a UI polling at
  // any rate sees a steady reading.
  static constexpr double kRmsTimeConstantSeconds = 0.3;
  // Loudness averages the K-weighted mean square over this time constant: BS.1770's momentary
  // loudness uses a 400 ms window; for a steady signal both give the same figure.
  static constexpr double kLoudnessTimeConstantSeconds = 0.4;

  // [audio]
  void update(const float* left, const float* right, uint32_t frames, double sampleRate);
  void clear();
  void adopt(const LevelMeter& previous);

  // [any] Highest |sample| since the last takePeak (linear, 0..). The audio thread only raises
  // it; takePeak resets it, so a UI polling slower than the block rate still sees every peak.
  float peak(int channel) const { return peak_[channel].load(std::memory_order_relaxed); }
  float takePeak(int channel) const { return peak_[channel].exchange(0.0f, std::memory_order_relaxed); }
  // [any] Running RMS (linear).
  float rms(int channel) const { return rms_[channel].load(std::memory_order_relaxed); }

  // [any] Whether update() also measures loudness. Off by default: K-weighting is two biquads
  // per channel per sample, so the studio measures the master and the one track a user asks
  // about, not every track. Turning it on starts the measurement over.
  void measureLoudness(bool on) const { loudnessOn_.store(on, std::memory_order_relaxed); }
  bool measuresLoudness() const { return loudnessOn_.load(std::memory_order_relaxed); }
  // [any] The K-weighted mean square, both channels summed (linear; 0 when off or silent):
  // loudness in LUFS is -0.691 + 10 log10 of it (loudnessLufs).
  double loudnessPower() const { return loudnessPower_.load(std::memory_order_relaxed); }

 private:
  void updateLoudness(const float* left, const float* right, uint32_t frames, double sampleRate);

  mutable std::atomic<float> peak_[2]{};  // takePeak() is a reader's call: it resets
  std::atomic<float> rms_[2]{};
  double meanSquare_[2]{};  // audio thread only

  mutable std::atomic<bool> loudnessOn_{false};  // measureLoudness() is a reader's call
  std::atomic<double> loudnessPower_{0.0};
  // Audio thread only: the filters, their design's rate, whether they ran in the last block.
  KWeightingDesign kDesign_ = KWeightingDesign::at(48000.0);
  double kRate_ = 48000.0;
  KWeightingState kState_[2];
  double kMeanSquare_[2]{};
  bool kRunning_ = false;
};

// -0.691 + 10 log10(power), or -infinity for silence.
double loudnessLufs(double power);

}  // namespace wstudio::engine

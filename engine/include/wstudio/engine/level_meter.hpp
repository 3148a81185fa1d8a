// Peak and RMS levels of one stereo output, written by the audio thread once per block and read
// lock-free by the UI.
#pragma once

#include <atomic>
#include <cstdint>

namespace wstudio::engine {

class LevelMeter {
 public:
  // RMS is an exponential average of the mean square over this time constant, so a UI polling at
  // any rate sees a steady reading.
  static constexpr double kRmsTimeConstantSeconds = 0.3;

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

 private:
  mutable std::atomic<float> peak_[2]{};  // takePeak() is a reader's call: it resets
  std::atomic<float> rms_[2]{};
  double meanSquare_[2]{};  // audio thread only
};

}  // namespace wstudio::engine

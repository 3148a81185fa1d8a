// Time spent on the audio thread by one track or one insert, summed by the audio thread and taken
// (read and reset) by whoever draws it. In a browser the engine's clock may tick in whole
// milliseconds (Chromium's AudioWorkletGlobalScope has no `performance`): a call shorter than a
// tick then counts as 0 or 1 ms, but with call boundaries unrelated to the ticks the expected
// reading is exactly the time spent, so a sum over many blocks is right while single calls are not.
#pragma once

#include <atomic>

namespace wstudio::engine {

class CpuMeter {
 public:
  CpuMeter() = default;
  // [main] Moved only while a graph is built (inserts live in a vector), never while it plays.
  CpuMeter(CpuMeter&& other) noexcept : seconds_(other.seconds_.load(std::memory_order_relaxed)) {}
  CpuMeter& operator=(CpuMeter&&) = delete;

  // [audio]
  void add(double seconds) {
    seconds_.store(seconds_.load(std::memory_order_relaxed) + seconds, std::memory_order_relaxed);
  }
  // [any] Seconds since the last take. A take racing an add may lose that one add: a meter's
  // reading, never a sum anything depends on.
  double take() const { return seconds_.exchange(0.0, std::memory_order_relaxed); }

 private:
  mutable std::atomic<double> seconds_{0.0};  // take() is a reader's call: it resets
};

}  // namespace wstudio::engine

// What one render call needs besides the graph: the time budget and where faults go.
#pragma once

#include "wstudio/engine/fault_report.hpp"
#include "wstudio/engine/spsc_queue.hpp"

namespace wstudio::engine {

using FaultQueue = SpscQueue<FaultReport, 64>;

struct RenderContext {
  // Longest a plugin call may take per frame it renders, in seconds; 0: no budget.
  double budgetSecondsPerFrame = 0.0;
  FaultQueue* faults = nullptr;  // reports that do not fit are dropped (the plugin stays disabled)
  bool latencyChanged = false;   // set when a plugin reports a latency the graph did not plan for
  // Time every track and insert into their CpuMeters, each reading multiplied by this (the
  // player times one block in several and scales: Player::kCpuSampleEvery); 0: not timed.
  double cpuScale = 0.0;
};

}  // namespace wstudio::engine

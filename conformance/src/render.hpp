// Runs audio and events through an instance the way a host does: block by block, each event
// delivered in its block at its frame. Faults, denormal output and a stale latency word become
// rule-named failures that say in which situation they happened.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wstudio/conformance/signals.hpp"
#include "wsp/wsp_plugin.h"
#include "wstudio/host/plugin.hpp"

namespace wstudio::conformance {

struct TimedEvent {
  uint64_t frame = 0;  // from the start of the render
  wsp_event event{};
};

wsp_event paramEvent(uint32_t id, double value);
wsp_event noteOn(uint16_t key, float velocity, int32_t noteId = -1);
wsp_event noteOff(uint16_t key, int32_t noteId = -1);
wsp_event midiEvent(uint8_t status, uint8_t data1, uint8_t data2);

struct RenderJob {
  const Audio* input = nullptr;  // null: silence
  size_t frames = 0;
  std::vector<TimedEvent> events;  // sorted by frame
  // Block sizes, used in turn (one entry: fixed blocks). Each must be <= the activation's max.
  std::vector<uint32_t> blockSizes{512};
  // Says what was being done, for failure reasons: "+12 dBFS noise at 48000 Hz, block 512,
  // params 'feedback' = 1.2 (max)".
  std::string situation;
};

// The output, planar. Fails (CheckFailed) when the instance faults (ABI-12 for NaN/Inf, ABI-17
// for a runaway call), when the host had to flush denormal output (ABI-12), or when after a
// block the instance's latency word differs from wsp_latency (ABI-20).
Audio render(host::PluginInstance& instance, const RenderJob& job);

}  // namespace wstudio::conformance

// One track (or bus, or the master) of a render graph: its sources, insert chain, fader, meter and
// the delay that aligns it with the other paths into its destination.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clip_player.hpp"
#include "compensation_delay.hpp"
#include "fader.hpp"
#include "insert_processor.hpp"
#include "note_sequencer.hpp"
#include "wstudio/engine/cpu_meter.hpp"
#include "wstudio/engine/level_meter.hpp"

namespace wstudio::engine {

struct TrackNode {
  TrackNode(std::string trackId, uint32_t maxFrames)
      : id(std::move(trackId)), maxFrames(maxFrames), buffer(2 * std::size_t(maxFrames)) {}

  float* channel(int c) { return buffer.data() + std::size_t(c) * maxFrames; }
  const float* channel(int c) const { return buffer.data() + std::size_t(c) * maxFrames; }

  std::string id;
  uint32_t maxFrames;
  std::vector<float> buffer;         // left then right; the bus input sums here too
  TrackNode* destination = nullptr;  // the bus it feeds; null: the master (or, for the master, out)
  std::vector<ClipPlayer> clips;
  std::optional<NoteSequencer> sequencer;
  std::optional<std::size_t> noteInsert;  // the insert the sequencer plays
  std::vector<InsertProcessor> inserts;
  std::optional<Fader> fader;
  LevelMeter meter;
  CpuMeter cpu;  // the whole track per block, when metered
  CompensationDelay compensation;  // applied on the way into the destination
  uint32_t outputLatency = 0;      // frames the post-fader signal lags the timeline
  std::optional<std::size_t> previousIndex;  // same track in the graph this one was built from
};

}  // namespace wstudio::engine

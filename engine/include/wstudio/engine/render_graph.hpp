// An immutable render graph: what the player runs. Built from a session on the main thread by
// GraphBuilder (graph_builder.hpp), with every buffer preallocated and the tracks in an order
// where each bus comes after everything that feeds it. The structure never changes after the
// build; only signal state (plugin instances, smoothers, delay lines, meters) moves as it plays.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wstudio/engine/cpu_meter.hpp"
#include "wstudio/engine/engine_format.hpp"
#include "wstudio/engine/level_meter.hpp"
#include "wstudio/engine/live_event.hpp"

namespace wstudio::host {
class PluginInstance;
}

namespace wstudio::engine {

struct TrackNode;
struct RenderContext;

// The loop region in engine frames, [start, end).
struct LoopFrames {
  int64_t start = 0;
  int64_t end = 0;
  bool enabled = false;
};

class RenderGraph {
 public:
  RenderGraph(const RenderGraph&) = delete;
  RenderGraph& operator=(const RenderGraph&) = delete;
  ~RenderGraph();

  // [any] Structure.
  const EngineFormat& format() const { return format_; }
  double tempoBpm() const { return tempoBpm_; }
  const LoopFrames& loop() const { return loop_; }
  // Frames by which the master output lags the timeline (plugin delay compensation).
  uint32_t latency() const { return latency_; }
  // Tracks in processing order (not display order); the master is not among them.
  std::size_t trackCount() const;
  const std::string& trackId(std::size_t track) const;
  std::optional<std::size_t> trackIndex(std::string_view id) const;
  // Frames by which this track's post-fader output lags the timeline.
  uint32_t trackLatency(std::size_t track) const;
  const LevelMeter& trackMeter(std::size_t track) const;
  const LevelMeter& masterMeter() const;
  // The inserts of a track (kMaster: the master bus's) in chain order, bypassed ones included
  // (they crossfade out, then pass the signal); those whose plugin was not available are not.
  static constexpr std::size_t kMaster = std::size_t(-1);
  std::size_t insertCount(std::size_t track) const;
  const std::string& insertId(std::size_t track, std::size_t slot) const;
  // The insert's plugin instance; null when the slot has none (plugin not found).
  const host::PluginInstance* insertInstance(std::size_t track, std::size_t slot) const;
  // Audio-thread time of a whole track (sources, inserts, fader, meter) and of one insert, summed
  // while the render context meters it (PlayerOptions::meterCpu); take() reads and resets.
  const CpuMeter& trackCpu(std::size_t track) const;
  const CpuMeter& insertCpu(std::size_t track, std::size_t slot) const;
  uint64_t generation() const { return generation_; }

  // [audio] Renders `frames` (<= maxBlockFrames) frames of the timeline from `timelineFrame`.
  // `jumped`: the previous call did not end where this one starts (a loop wrap): notes still
  // sounding are released at frame 0.
  void process(int64_t timelineFrame, uint32_t frames, bool jumped, RenderContext& context);
  // [audio] Hands a live event (live_event.hpp) to its insert or fader for the next process(),
  // at `frame` of it. Returns false when it addresses nothing here (no such track, slot,
  // parameter or instrument) or carries a non-finite value: it is dropped.
  bool deliver(const LiveEvent& event, uint32_t frame);
  // [audio] The last process() call's outputs: the master, and a track after its fader.
  const float* masterOutput(int channel) const;
  const float* trackOutput(std::size_t track, int channel) const;
  // [audio] Clears signal state for a stop or a seek: plugins reset, delay lines emptied, notes
  // forgotten, smoothers at their targets, meters at zero.
  void resetSignalState();
  // [audio] Volume, pan and mute at their targets now. Called at Play: nothing was heard while
  // stopped, so an edit or a live move made meanwhile has nothing to glide from (gliding would
  // play a track muted while stopped for the ramp's length).
  void snapControls();
  // [audio] Carries signal state over from the graph this one replaces at `timelineFrame`, when
  // it was built from it (smoother positions, delay lines of unchanged length, sounding notes,
  // meters). Plugin instances carry their own state: the provider hands the same ones over.
  void adoptStateFrom(const RenderGraph& previous, int64_t timelineFrame);

 private:
  friend class GraphAssembly;  // graph_builder.cpp
  RenderGraph();

  EngineFormat format_;
  double tempoBpm_ = 120.0;
  LoopFrames loop_;
  uint32_t latency_ = 0;
  uint64_t generation_ = 0;
  uint64_t builtFrom_ = 0;  // generation of the graph it was built against (0: none)
  std::vector<std::unique_ptr<TrackNode>> tracks_;  // processing order
  std::unique_ptr<TrackNode> master_;
};

}  // namespace wstudio::engine

#include "wstudio/engine/render_graph.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "render_context.hpp"
#include "track_node.hpp"

namespace wstudio::engine {

RenderGraph::RenderGraph() = default;
RenderGraph::~RenderGraph() = default;

std::size_t RenderGraph::trackCount() const { return tracks_.size(); }
const std::string& RenderGraph::trackId(std::size_t track) const { return tracks_[track]->id; }
uint32_t RenderGraph::trackLatency(std::size_t track) const {
  return tracks_[track]->outputLatency;
}
const LevelMeter& RenderGraph::trackMeter(std::size_t track) const { return tracks_[track]->meter; }
const LevelMeter& RenderGraph::masterMeter() const { return master_->meter; }
const float* RenderGraph::masterOutput(int channel) const { return master_->channel(channel); }
const float* RenderGraph::trackOutput(std::size_t track, int channel) const {
  return tracks_[track]->channel(channel);
}

namespace {
TrackNode& nodeAt(const std::vector<std::unique_ptr<TrackNode>>& tracks, TrackNode& master,
                  std::size_t track) {
  return track == RenderGraph::kMaster ? master : *tracks[track];
}
}  // namespace

std::size_t RenderGraph::insertCount(std::size_t track) const {
  return nodeAt(tracks_, *master_, track).inserts.size();
}
const std::string& RenderGraph::insertId(std::size_t track, std::size_t slot) const {
  return nodeAt(tracks_, *master_, track).inserts[slot].insertId();
}
const host::PluginInstance* RenderGraph::insertInstance(std::size_t track, std::size_t slot) const {
  return nodeAt(tracks_, *master_, track).inserts[slot].instance();
}
const CpuMeter& RenderGraph::trackCpu(std::size_t track) const {
  return nodeAt(tracks_, *master_, track).cpu;
}
const CpuMeter& RenderGraph::insertCpu(std::size_t track, std::size_t slot) const {
  return nodeAt(tracks_, *master_, track).inserts[slot].cpu();
}

bool RenderGraph::deliver(const LiveEvent& event, uint32_t frame) {
  if (!std::isfinite(event.value)) return false;
  if (event.track < -1 || (event.track >= 0 && std::size_t(event.track) >= tracks_.size())) {
    return false;
  }
  TrackNode& node = event.track < 0 ? *master_ : *tracks_[std::size_t(event.track)];
  frame = std::min(frame, format_.maxBlockFrames - 1);
  switch (event.kind) {
    case LiveEventKind::Param:
      for (auto& insert : node.inserts) {
        if (insert.slot() == event.slot) return insert.queueParam(frame, event.id, event.value);
      }
      return false;  // no such slot (or its plugin was not available)
    case LiveEventKind::NoteOn:
    case LiveEventKind::NoteOff: {
      if (!node.noteInsert || event.id > 127) return false;
      const bool on = event.kind == LiveEventKind::NoteOn && event.value > 0.0;
      const float velocity = on ? float(std::min(event.value, 1.0)) : 0.0f;
      node.inserts[*node.noteInsert].events().add(noteEvent(
          on ? WSP_EVENT_NOTE_ON : WSP_EVENT_NOTE_OFF, frame, uint16_t(event.id), velocity,
          event.channel));
      return true;
    }
    case LiveEventKind::Volume:
      node.fader->setVolumeDb(event.value);
      return true;
    case LiveEventKind::Pan:
      node.fader->setPan(event.value);
      return true;
  }
  return false;
}

std::optional<std::size_t> RenderGraph::trackIndex(std::string_view id) const {
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    if (tracks_[i]->id == id) return i;
  }
  return std::nullopt;
}

namespace {
// Inserts, fader and meter: what a track, a bus and the master all do to their summed input.
void runChain(TrackNode& node, int64_t timelineFrame, uint32_t frames, double sampleRate,
              RenderContext& context) {
  float* left = node.channel(0);
  float* right = node.channel(1);
  for (auto& insert : node.inserts) insert.process(timelineFrame, frames, left, right, context);
  node.fader->process(timelineFrame, frames, left, right);
  node.meter.update(left, right, frames, sampleRate);
}

using Clock = std::chrono::steady_clock;
Clock::time_point startTiming(const RenderContext& context) {
  return context.cpuScale > 0.0 ? Clock::now() : Clock::time_point{};
}
void stopTiming(TrackNode& node, Clock::time_point started, const RenderContext& context) {
  if (context.cpuScale > 0.0) {
    node.cpu.add(std::chrono::duration<double>(Clock::now() - started).count() * context.cpuScale);
  }
}

void clear(TrackNode& node, uint32_t frames) {
  std::fill_n(node.channel(0), frames, 0.0f);
  std::fill_n(node.channel(1), frames, 0.0f);
}
}  // namespace

void RenderGraph::process(int64_t timelineFrame, uint32_t frames, bool jumped,
                          RenderContext& context) {
  frames = std::min(frames, format_.maxBlockFrames);
  for (auto& track : tracks_) clear(*track, frames);
  clear(*master_, frames);
  // Processing order puts every bus after all that feed it, so its input is complete here.
  for (auto& track : tracks_) {
    const auto started = startTiming(context);
    for (const auto& clip : track->clips) {
      clip.addTo(timelineFrame, frames, track->channel(0), track->channel(1));
    }
    if (track->sequencer && track->noteInsert) {
      track->sequencer->collect(timelineFrame, frames, jumped,
                                track->inserts[*track->noteInsert].events());
    }
    runChain(*track, timelineFrame, frames, format_.sampleRate, context);
    TrackNode& destination = track->destination ? *track->destination : *master_;
    track->compensation.addDelayedTo(track->channel(0), track->channel(1), frames,
                                     destination.channel(0), destination.channel(1));
    stopTiming(*track, started, context);
  }
  const auto started = startTiming(context);
  runChain(*master_, timelineFrame, frames, format_.sampleRate, context);
  stopTiming(*master_, started, context);
}

void RenderGraph::resetSignalState() {
  auto resetNode = [](TrackNode& node) {
    for (auto& insert : node.inserts) insert.reset();
    if (node.sequencer) node.sequencer->clear();
    node.fader->snapToTargets();
    for (auto& insert : node.inserts) insert.snapBypass();
    node.compensation.clear();
    node.meter.clear();  // stopped graphs are not processed: meters would freeze otherwise
  };
  for (auto& track : tracks_) resetNode(*track);
  resetNode(*master_);
}

void RenderGraph::snapControls() {
  auto snap = [](TrackNode& node) {
    node.fader->snapToTargets();
    for (auto& insert : node.inserts) insert.snapBypass();
  };
  for (auto& track : tracks_) snap(*track);
  snap(*master_);
}

void RenderGraph::adoptStateFrom(const RenderGraph& previous, int64_t timelineFrame) {
  if (builtFrom_ == 0 || previous.generation_ != builtFrom_) return;
  auto adoptNode = [timelineFrame](TrackNode& node, const TrackNode& old) {
    node.fader->adopt(*old.fader);
    node.compensation.adopt(old.compensation);
    node.meter.adopt(old.meter);
    if (node.sequencer && old.sequencer) node.sequencer->adopt(*old.sequencer, timelineFrame);
    for (auto& insert : node.inserts) {
      for (const auto& before : old.inserts) {
        if (before.insertId() == insert.insertId()) insert.adopt(before);
      }
    }
  };
  for (auto& track : tracks_) {
    if (track->previousIndex && *track->previousIndex < previous.tracks_.size()) {
      adoptNode(*track, *previous.tracks_[*track->previousIndex]);
    }
  }
  adoptNode(*master_, *previous.master_);
}

}  // namespace wstudio::engine

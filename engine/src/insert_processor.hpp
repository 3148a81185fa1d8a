// One insert slot on the audio thread: hands the track's stereo signal and this call's events to
// the plugin instance, and takes it out of the signal path for good when it faults (trap, fuel,
// NaN/Inf, error status) or overruns its time budget. A removed plugin's place is taken by a delay
// of its latency, so delay compensation stays exact.
//
// A bypassed insert stays in the graph so that bypass crossfades: the graph that bypasses (or
// un-bypasses) a playing plugin blends its output with the dry signal over the control ramp, as a
// fader glides a mute, instead of cutting from one to the other. Once faded out it passes the
// signal untouched and does not call the plugin.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "compensation_delay.hpp"
#include "event_list.hpp"
#include "param_automation.hpp"
#include "render_context.hpp"
#include "wstudio/engine/cpu_meter.hpp"
#include "wstudio/engine/plugin_provider.hpp"
#include <wsp/dsp/smoother.hpp>

namespace wstudio::engine {

struct InsertIdentity {
  uint32_t slot = 0;
  std::string trackId;
  std::string insertId;
};

// Where an insert sits in its graph's signal path.
struct InsertPlacement {
  uint32_t plannedLatency = 0;  // the plugin's latency as compensated (0 when bypassed)
  uint32_t inputLatency = 0;    // frames by which the signal reaching the slot lags the timeline
  bool receivesNotes = false;
  bool inPath = true;           // false: bypassed
  double sampleRate = 48000.0;
  double bypassRampMs = 0.0;    // the crossfade's length when bypass changes
};

class InsertProcessor {
 public:
  // [main] plugin may be null (not found): the slot then passes its input through. Automation is
  // read `placement.inputLatency` back so that it stays aligned with the audio it acts on.
  InsertProcessor(InsertIdentity identity, std::shared_ptr<HostedPlugin> plugin,
                  InsertPlacement placement, std::vector<std::pair<uint32_t, double>> params,
                  std::vector<ParamAutomation> automation, uint32_t maxBlockFrames,
                  std::size_t noteEventCapacity);

  // Room per call for live events (LiveEvent: parameter changes and notes from the control
  // ring) on top of what the graph itself sends.
  static constexpr std::size_t kLiveEventsPerCall = 64;

  bool receivesNotes() const { return receivesNotes_; }
  // The events list a note sequencer and live events fill before process().
  EventList& events() { return events_; }
  const std::string& insertId() const { return identity_.insertId; }
  // The insert's place in its session chain (bypassed inserts are not in the graph, so this is
  // not always its index here).
  uint32_t slot() const { return identity_.slot; }
  // The plugin instance, or null when the slot never had one.
  const host::PluginInstance* instance() const { return plugin_ ? plugin_->instance.get() : nullptr; }
  const CpuMeter& cpu() const { return cpu_; }
  // [audio] A live parameter change at `frame` of the next call, clamped to the parameter's
  // range (as the session's edits are); an unknown id, a non-finite value or a slot without a
  // plugin drops it. False when dropped.
  bool queueParam(uint32_t frame, uint32_t id, double value);

  // [audio] Processes left/right in place. Events already in events() are kept and sorted in.
  void process(int64_t timelineFrame, uint32_t frames, float* left, float* right,
               RenderContext& context);
  // [audio] Forgets notes and signal; parameter changes not yet sent stay queued, so a live
  // change made while stopped is heard when playback starts.
  void reset();
  // [audio] At a graph swap: the same plugin in the previous graph was this far into (or out of)
  // the signal path, and the crossfade to this graph's bypass state starts from there.
  void adopt(const InsertProcessor& previous);
  // [audio] The bypass crossfade ends now (a stop or a seek: nothing is heard to blend).
  void snapBypass() { wet_.snap(); }

 private:
  bool active() const;
  void disable(Fault kind, RenderContext& context);

  InsertIdentity identity_;
  std::shared_ptr<HostedPlugin> plugin_;
  uint32_t plannedLatency_;
  uint32_t inputLatency_;
  bool receivesNotes_;
  bool inPath_;
  wsp::dsp::LinearSmoother wet_;  // 1: the plugin's output; 0: the dry signal
  std::vector<float> dry_;        // the dry signal while crossfading: left then right
  // The insert's parameters, sent once at this graph's first call: an instance carried over from
  // the previous graph learns of edits this way, without a main-thread call into it.
  std::vector<std::pair<uint32_t, double>> params_;
  bool paramsSent_ = false;
  std::vector<ParamAutomation> automation_;
  EventList events_;
  // The dry signal delayed by the plugin's latency, ready to take over if the plugin faults.
  CompensationDelay dryPath_;
  CpuMeter cpu_;  // time in process() when the render context meters it
};

}  // namespace wstudio::engine

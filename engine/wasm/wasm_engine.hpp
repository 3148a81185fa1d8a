// What engine.wasm holds between calls: the loaded session, the registered plugins and sources,
// the live player with its graph, and the results the exports hand out. The exports
// (engine_exports.cpp) are thin wrappers over this class.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "host_supplied_sources.hpp"
#include "imported_plugin_library.hpp"
#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/engine/offline_renderer.hpp"
#include "wstudio/engine/player.hpp"
#include "wstudio/session/edit_history.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::engine::wasm {

class WasmEngine {
 public:
  // [main] Parses and validates; on errors the previous session stays loaded. True when loaded.
  bool loadSession(std::string_view json);
  const session::Issues& issues() const { return issues_; }

  // [main] Edits of the loaded session as operations (docs/session-ops.md), answered in their
  // JSON result form (OPS-8). The graph plays an edited session from the next prepare().
  std::string applyOps(std::string_view batchJson);
  std::string undo();
  std::string redo();
  // The loaded session's canonical text; empty without one.
  std::string sessionJson() const;
  // What changed in the session since the last call (or since it was loaded), in
  // session::writeChanges' form: a page keeps its parsed copy current with it after an edit
  // without the whole text being written and parsed again.
  std::string sessionChanges();

  ImportedPluginLibrary& plugins() { return plugins_; }
  HostSuppliedSources& sources() { return sources_; }

  // [main] Builds the loaded session's graph for playback at this format and hands it to the
  // player (a new player when the format changed; otherwise the graph takes over the playing
  // one's state). Sizes every buffer render() uses (EW-10). False without a session or with a
  // format outside 1..4096 frames.
  bool prepare(double sampleRate, uint32_t maxBlockFrames, double pluginBudgetShare);
  // What the last build (prepare or renderOffline) could not honour.
  const std::vector<std::string>& warnings() const { return warnings_; }
  Player* player() { return player_.get(); }
  const RenderGraph* graph() const { return live_; }

  // [audio] Renders up to maxBlockFrames frames into output(0), output(1). Returns the frames
  // rendered (0 before prepare).
  uint32_t render(uint32_t frames);
  const float* output(int channel) const { return outputs_[channel].data(); }

  // [main] Whether playback times every track and insert (takeStats()).
  void setMeterCpu(bool enabled);
  // [main] The one track (besides the master, always) whose loudness the meters measure, by id
  // ("" for none); it stays chosen across rebuilds while the track exists.
  void setLoudnessTrack(std::string trackId);
  // [audio] A live control change for the next render() (Player::sendLive).
  bool sendLive(const LiveEvent& event) { return player_ != nullptr && player_->sendLive(event); }
  // [audio] The graph's meters as statsSlots() doubles, taken (peaks and times reset): for each
  // track in processing order, then the master: peak left, peak right (linear, since the last
  // take), the track's audio-thread seconds, its K-weighted power (LevelMeter::loudnessPower: 0
  // unless measured), then each insert's seconds in slot order.
  const double* takeStats();
  std::size_t statsSlots() const { return stats_.size(); }

  // [audio] Whether nextFault() has one (allocates nothing).
  bool faultWaiting() const {
    return !pendingFaults_.empty() || (player_ != nullptr && player_->faultWaiting());
  }
  // [main] Takes the next plugin fault (from playback or offline renders) into fault().
  bool nextFault();
  const FaultReport& fault() const { return fault_; }

  // [main] Renders [start, end) of the loaded session at the prepared format with plugin
  // instances of its own, into offlineOutput(0/1). Returns the frames, or -1 before prepare.
  int64_t renderOffline(int64_t startFrame, int64_t endFrame);
  const float* offlineOutput(int channel) const;

 private:
  std::optional<session::EditHistory> history_;  // the loaded session and its undo steps
  session::Issues issues_;
  session::Session reported_;  // the session as sessionChanges() last described it
  ImportedPluginLibrary plugins_;
  HostSuppliedSources sources_;
  std::vector<std::string> warnings_;

  EngineFormat format_;
  std::unique_ptr<PluginProvider> provider_;
  std::unique_ptr<GraphBuilder> builder_;
  std::unique_ptr<Player> player_;
  const RenderGraph* live_ = nullptr;
  std::vector<float> outputs_[2];
  bool meterCpu_ = false;
  std::string loudnessTrack_;
  std::vector<double> stats_;  // sized by prepare() for the graph it builds

  std::deque<FaultReport> pendingFaults_;  // offline faults, and player faults drained early
  FaultReport fault_;
  StereoBuffer offline_;
};

}  // namespace wstudio::engine::wasm

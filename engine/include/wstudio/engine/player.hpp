// The real-time player: runs the current RenderGraph on the audio thread.
//
// Threads: the main thread calls setGraph/play/stop/seek/setLooping and drains faults and retired
// graphs; the audio thread calls render(). They meet only through wait-free queues and atomics:
// render() never allocates, locks or waits, and never destroys a graph (the one it replaces goes
// back to the main thread, which deletes it in collectRetired()).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "wstudio/engine/fault_report.hpp"
#include "wstudio/engine/live_event.hpp"
#include "wstudio/engine/render_graph.hpp"
#include "wstudio/engine/spsc_queue.hpp"

namespace wstudio::engine {

struct PlayerOptions {
  EngineFormat format;
  // Per-call plugin time budget as a share of the real-time duration of the frames in the call;
  // a plugin call that takes longer is bypassed from then on. 0 disables the budget (offline).
  double pluginBudgetShare = 0.5;
  // Time tracks and inserts into the graph's CpuMeters (RenderGraph::trackCpu/insertCpu): one
  // block in kCpuSampleEvery, counted for all of them, so a reading is right on average over
  // many blocks, not for any one.
  bool meterCpu = false;
};

class Player {
 public:
  // CPU meters time one block in this many (PlayerOptions::meterCpu).
  static constexpr uint32_t kCpuSampleEvery = 8;

  explicit Player(PlayerOptions options);
  ~Player();
  Player(const Player&) = delete;
  Player& operator=(const Player&) = delete;

  // [main] Hands a graph to the audio thread; it takes over at its next block. A graph handed
  // over earlier and not yet taken is deleted here. Returns the graph now in the mailbox (valid
  // until the next setGraph on this thread): read its meters.
  const RenderGraph* setGraph(std::unique_ptr<RenderGraph> graph);
  void play();
  void stop();
  void seek(int64_t timelineFrame);
  // Whether playback wraps at the graph's loop region (when the session enables it).
  void setLooping(bool enabled);
  // A live parameter, note or fader change (live_event.hpp) for the next render() call, at its
  // offset there. False when the queue is full (the event is dropped). While stopped, parameter
  // and fader changes still reach their targets (heard when playback starts); notes are dropped.
  bool sendLive(const LiveEvent& event);
  // Whether render() times tracks and inserts into the graph's CpuMeters (PlayerOptions::meterCpu).
  void setMeterCpu(bool enabled) { meterCpu_.store(enabled, std::memory_order_relaxed); }

  // [main] Deletes graphs the audio thread is done with. Call regularly (e.g. from the UI timer).
  void collectRetired();
  // [main] The next plugin fault, if any.
  std::optional<FaultReport> nextFault();
  // [any] Whether a fault is waiting for nextFault() (allocates nothing: the audio thread may ask).
  bool faultWaiting() const { return !faults_.empty(); }
  // [main] True once after a plugin's latency changed while playing: rebuild the graph.
  bool takeLatencyChanged() { return latencyChanged_.exchange(false, std::memory_order_relaxed); }

  // [any]
  int64_t position() const { return position_.load(std::memory_order_relaxed); }
  bool playing() const { return playingShared_.load(std::memory_order_relaxed); }

  // [audio] Writes `frames` frames to out[0..channels) (channel 0 left, 1 right; one channel gets
  // the mono sum, further channels silence). Any number of frames: split at maxBlockFrames.
  void render(float* const* out, uint32_t channels, uint32_t frames);
  // [audio] The graph render() is running (offline renderers read its stem taps).
  RenderGraph* currentGraph() { return current_; }

 private:
  enum class CommandType { Play, Stop, Seek, SetLooping };
  struct Command {
    CommandType type = CommandType::Play;
    int64_t frame = 0;
    bool flag = false;
  };

  void takeNewGraph();
  void applyCommands();
  void takeLiveEvents();
  // Delivers the pending live events that fall in [from, from + frames) of this render call.
  void deliverLive(uint32_t from, uint32_t frames);
  void renderPlaying(float* const* out, uint32_t channels, uint32_t frames);

  PlayerOptions options_;
  // Main -> audio.
  std::atomic<RenderGraph*> mailbox_{nullptr};
  SpscQueue<Command, 64> commands_;
  static constexpr std::size_t kLiveCapacity = 1024;
  SpscQueue<LiveEvent, kLiveCapacity> live_;
  // Audio -> main.
  SpscQueue<RenderGraph*, 16> retired_;
  SpscQueue<FaultReport, 64> faults_;
  std::atomic<bool> latencyChanged_{false};
  std::atomic<bool> meterCpu_;
  std::atomic<int64_t> position_{0};
  std::atomic<bool> playingShared_{false};
  // Audio thread only.
  RenderGraph* current_ = nullptr;
  int64_t frame_ = 0;
  bool playing_ = false;
  bool looping_ = true;
  bool jumped_ = false;
  // Live events taken from live_ for this render call, not yet delivered.
  std::array<LiveEvent, kLiveCapacity> pending_{};
  std::size_t pendingCount_ = 0;
  uint32_t cpuBlock_ = 0;  // blocks rendered, for the CPU meters' sampling
};

}  // namespace wstudio::engine

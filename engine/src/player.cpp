#include "wstudio/engine/player.hpp"

#include <algorithm>
#include <cstring>

#include "denormal_guard.hpp"
#include "render_context.hpp"

namespace wstudio::engine {

Player::Player(PlayerOptions options) : options_(options), meterCpu_(options.meterCpu) {}

Player::~Player() {
  // The audio thread is gone by now (its owner stopped calling render()).
  delete mailbox_.exchange(nullptr);
  collectRetired();
  delete current_;
}

const RenderGraph* Player::setGraph(std::unique_ptr<RenderGraph> graph) {
  collectRetired();
  RenderGraph* published = graph.release();
  // A graph still in the mailbox was never seen by the audio thread: ours to delete.
  delete mailbox_.exchange(published, std::memory_order_acq_rel);
  return published;
}

void Player::play() { commands_.push({CommandType::Play, 0, false}); }
void Player::stop() { commands_.push({CommandType::Stop, 0, false}); }
void Player::seek(int64_t timelineFrame) { commands_.push({CommandType::Seek, timelineFrame, false}); }
void Player::setLooping(bool enabled) { commands_.push({CommandType::SetLooping, 0, enabled}); }

bool Player::sendLive(const LiveEvent& event) { return live_.push(event); }

void Player::collectRetired() {
  while (auto graph = retired_.pop()) delete *graph;
}

std::optional<FaultReport> Player::nextFault() { return faults_.pop(); }

void Player::takeNewGraph() {
  // Only when the old graph can be handed back: the audio thread never deletes.
  if (!retired_.hasRoom()) return;
  RenderGraph* next = mailbox_.exchange(nullptr, std::memory_order_acq_rel);
  if (next == nullptr) return;
  if (current_ != nullptr) {
    next->adoptStateFrom(*current_, frame_);
    retired_.push(current_);
  }
  current_ = next;
}

void Player::applyCommands() {
  while (auto command = commands_.pop()) {
    switch (command->type) {
      case CommandType::Play:
        if (!playing_ && current_) current_->snapControls();
        playing_ = true;
        break;
      case CommandType::Stop:
        if (playing_ && current_) current_->resetSignalState();
        playing_ = false;
        break;
      case CommandType::Seek:
        frame_ = command->frame;
        if (current_) current_->resetSignalState();
        break;
      case CommandType::SetLooping:
        looping_ = command->flag;
        break;
    }
  }
}

void Player::takeLiveEvents() {
  while (pendingCount_ < pending_.size()) {
    auto event = live_.pop();
    if (!event) break;
    pending_[pendingCount_++] = *event;
  }
}

void Player::deliverLive(uint32_t from, uint32_t frames) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < pendingCount_; ++i) {
    const LiveEvent& event = pending_[i];
    const bool note = event.kind == LiveEventKind::NoteOn || event.kind == LiveEventKind::NoteOff;
    if (!playing_) {
      if (current_ != nullptr && !note) current_->deliver(event, 0);
    } else if (event.offset < from + frames) {
      if (current_ != nullptr) current_->deliver(event, event.offset > from ? event.offset - from : 0);
    } else {
      pending_[kept++] = event;  // a later block of this call, or a later call
    }
  }
  pendingCount_ = kept;
}

void Player::render(float* const* out, uint32_t channels, uint32_t frames) {
  DenormalGuard denormals;
  takeNewGraph();
  applyCommands();
  takeLiveEvents();
  if (current_ == nullptr || !playing_) {
    deliverLive(0, frames);
    for (uint32_t c = 0; c < channels; ++c) std::fill_n(out[c], frames, 0.0f);
  } else {
    renderPlaying(out, channels, frames);
  }
  position_.store(frame_, std::memory_order_relaxed);
  playingShared_.store(playing_, std::memory_order_relaxed);
}

void Player::renderPlaying(float* const* out, uint32_t channels, uint32_t frames) {
  RenderContext context;
  context.faults = &faults_;
  context.budgetSecondsPerFrame = options_.pluginBudgetShare / options_.format.sampleRate;
  const bool metered = meterCpu_.load(std::memory_order_relaxed);
  const LoopFrames& loop = current_->loop();
  const bool wraps = looping_ && loop.enabled && loop.end > loop.start;
  uint32_t done = 0;
  while (done < frames) {
    uint32_t n = std::min(frames - done, options_.format.maxBlockFrames);
    // A call never crosses the loop end: the next one starts at the loop start, sample-exactly.
    if (wraps && frame_ < loop.end) n = uint32_t(std::min<int64_t>(n, loop.end - frame_));
    deliverLive(done, n);
    // One block in kCpuSampleEvery is timed and counts for all of them: a clock read costs
    // about 0.1 µs in a browser, and timing every insert of a 64-track session in every block
    // took 10% of its render time.
    context.cpuScale = metered && cpuBlock_++ % kCpuSampleEvery == 0 ? double(kCpuSampleEvery) : 0.0;
    current_->process(frame_, n, jumped_, context);
    jumped_ = false;
    const float* left = current_->masterOutput(0);
    const float* right = current_->masterOutput(1);
    if (channels == 1) {
      for (uint32_t i = 0; i < n; ++i) out[0][done + i] = 0.5f * (left[i] + right[i]);
    } else if (channels >= 2) {
      std::memcpy(out[0] + done, left, n * sizeof(float));
      std::memcpy(out[1] + done, right, n * sizeof(float));
      for (uint32_t c = 2; c < channels; ++c) std::fill_n(out[c] + done, n, 0.0f);
    }
    frame_ += n;
    done += n;
    if (wraps && frame_ == loop.end) {
      frame_ = loop.start;
      jumped_ = true;
    }
  }
  if (context.latencyChanged) latencyChanged_.store(true, std::memory_order_relaxed);
  // What is left was meant for a later call: its offsets now count from the next one.
  for (std::size_t i = 0; i < pendingCount_; ++i) pending_[i].offset -= frames;
}

}  // namespace wstudio::engine

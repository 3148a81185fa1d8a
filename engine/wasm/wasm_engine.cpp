#include "wasm_engine.hpp"

#include <algorithm>

#include "wsp/wsp_plugin.h"
#include "wstudio/boundary/boundary.hpp"

namespace wstudio::engine::wasm {

bool WasmEngine::loadSession(std::string_view json) {
  session::LoadResult loaded = session::load(json);
  issues_ = std::move(loaded.errors);
  if (!loaded.session) return false;
  reported_ = *loaded.session;
  history_.emplace(std::move(*loaded.session));
  return true;
}

std::string WasmEngine::applyOps(std::string_view batchJson) {
  if (!history_) return session::writeRefused({{"", "no session loaded"}});
  const session::ParsedBatch parsed = session::parseBatch(batchJson);
  if (!parsed.batch) return session::writeRefused(parsed.errors);
  return session::writeApplied(history_->apply(*parsed.batch), history_->revision());
}

std::string WasmEngine::undo() {
  if (!history_) return session::writeRefused({{"", "no session loaded"}});
  return session::writeApplied(history_->undo(), history_->revision());
}

std::string WasmEngine::redo() {
  if (!history_) return session::writeRefused({{"", "no session loaded"}});
  return session::writeApplied(history_->redo(), history_->revision());
}

std::string WasmEngine::sessionJson() const {
  return history_ ? session::save(history_->session()) : std::string();
}

std::string WasmEngine::sessionChanges() {
  if (!history_) return {};
  std::string changes = session::writeChanges(reported_, history_->session());
  reported_ = history_->session();
  return changes;
}

bool WasmEngine::prepare(double sampleRate, uint32_t maxBlockFrames, double pluginBudgetShare) {
  if (!history_ || maxBlockFrames == 0 || maxBlockFrames > WSP_MAX_BLOCK_FRAMES ||
      !(sampleRate >= 1.0)) {
    return false;
  }
  const EngineFormat format{sampleRate, maxBlockFrames};
  const bool sameFormat = player_ != nullptr && format.sampleRate == format_.sampleRate &&
                          format.maxBlockFrames == format_.maxBlockFrames;
  if (!sameFormat) {
    live_ = nullptr;
    player_.reset();  // deletes its graphs, which release their plugin instances
    builder_.reset();
    format_ = format;
    provider_ = std::make_unique<PluginProvider>(plugins_, format_);
    builder_ = std::make_unique<GraphBuilder>(*provider_, sources_);
    player_ = std::make_unique<Player>(PlayerOptions{format_, pluginBudgetShare, meterCpu_});
    for (auto& channel : outputs_) channel.assign(maxBlockFrames, 0.0f);
  }
  BuildResult built = builder_->build(history_->session(), live_);
  warnings_ = std::move(built.warnings);
  live_ = player_->setGraph(std::move(built.graph));
  player_->collectRetired();
  setLoudnessTrack(loudnessTrack_);  // on the new graph
  std::size_t slots = wstudio::boundary::kTrackStatSlots * (live_->trackCount() + 1) +
                      live_->insertCount(RenderGraph::kMaster);
  for (std::size_t t = 0; t < live_->trackCount(); ++t) slots += live_->insertCount(t);
  stats_.assign(slots, 0.0);
  return true;
}

void WasmEngine::setMeterCpu(bool enabled) {
  meterCpu_ = enabled;
  if (player_ != nullptr) player_->setMeterCpu(enabled);
}

void WasmEngine::setLoudnessTrack(std::string trackId) {
  loudnessTrack_ = std::move(trackId);
  if (live_ == nullptr) return;
  for (std::size_t t = 0; t < live_->trackCount(); ++t) {
    live_->trackMeter(t).measureLoudness(live_->trackId(t) == loudnessTrack_);
  }
}

const double* WasmEngine::takeStats() {
  // live_ is the graph the player runs from its next render on: right after a render, the one
  // it ran (in a worklet both happen on the audio thread, prepare only between quanta).
  if (live_ == nullptr) return stats_.data();
  const RenderGraph& graph = *live_;
  double* slot = stats_.data();
  auto take = [&](std::size_t track, const LevelMeter& meter) {
    using wstudio::boundary::TrackStat;
    slot[int(TrackStat::PeakLeft)] = meter.takePeak(0);
    slot[int(TrackStat::PeakRight)] = meter.takePeak(1);
    slot[int(TrackStat::Cpu)] = graph.trackCpu(track).take();
    slot[int(TrackStat::LoudnessPower)] = meter.loudnessPower();
    slot += wstudio::boundary::kTrackStatSlots;
    for (std::size_t i = 0; i < graph.insertCount(track); ++i) *slot++ = graph.insertCpu(track, i).take();
  };
  for (std::size_t t = 0; t < graph.trackCount(); ++t) take(t, graph.trackMeter(t));
  take(RenderGraph::kMaster, graph.masterMeter());
  return stats_.data();
}

uint32_t WasmEngine::render(uint32_t frames) {
  if (player_ == nullptr) return 0;
  frames = std::min(frames, format_.maxBlockFrames);
  float* out[2] = {outputs_[0].data(), outputs_[1].data()};
  player_->render(out, 2, frames);
  return frames;
}

bool WasmEngine::nextFault() {
  if (player_ != nullptr) {
    player_->collectRetired();
    while (auto report = player_->nextFault()) pendingFaults_.push_back(*report);
  }
  if (pendingFaults_.empty()) return false;
  fault_ = pendingFaults_.front();
  pendingFaults_.pop_front();
  return true;
}

int64_t WasmEngine::renderOffline(int64_t startFrame, int64_t endFrame) {
  if (!history_ || player_ == nullptr || endFrame < startFrame) return -1;
  // Instances of its own: the playing graph's must not be called from here (engine/README.md).
  PluginProvider provider(plugins_, format_);
  GraphBuilder builder(provider, sources_);
  BuildResult built = builder.build(history_->session());
  warnings_ = std::move(built.warnings);
  OfflineRenderRequest request;
  request.startFrame = startFrame;
  request.endFrame = endFrame;
  OfflineRender rendered = engine::renderOffline(std::move(built.graph), request);
  for (const FaultReport& report : rendered.faults) pendingFaults_.push_back(report);
  offline_ = std::move(rendered.master);
  return int64_t(offline_.left.size());
}

const float* WasmEngine::offlineOutput(int channel) const {
  return channel == 0 ? offline_.left.data() : offline_.right.data();
}

}  // namespace wstudio::engine::wasm

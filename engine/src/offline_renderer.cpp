#include "wstudio/engine/offline_renderer.hpp"

#include <algorithm>
#include <optional>

#include "wstudio/engine/player.hpp"

namespace wstudio::engine {

namespace {
// Keeps the frames of a signal that lags the timeline by `latency` frames and fall inside the
// requested range: rendered frame r holds timeline frame r - latency.
class AlignedWriter {
 public:
  AlignedWriter(StereoBuffer& target, uint32_t latency) : target_(target), latency_(latency) {}
  void write(int64_t rendered, const float* left, const float* right, uint32_t frames) {
    const auto size = int64_t(target_.left.size());
    for (uint32_t i = 0; i < frames; ++i) {
      const int64_t at = rendered + i - latency_;
      if (at < 0 || at >= size) continue;
      target_.left[std::size_t(at)] = left[i];
      target_.right[std::size_t(at)] = right[i];
    }
  }

 private:
  StereoBuffer& target_;
  int64_t latency_;
};
}  // namespace

OfflineRender renderOffline(std::unique_ptr<RenderGraph> graph, const OfflineRenderRequest& request) {
  OfflineRender result;
  const int64_t length = std::max<int64_t>(0, request.endFrame - request.startFrame);
  const EngineFormat format = graph->format();
  const uint32_t latency = graph->latency();
  const uint32_t block = request.blockFrames == 0
                             ? format.maxBlockFrames
                             : std::min(request.blockFrames, format.maxBlockFrames);
  const LoopFrames loop = graph->loop();
  const bool wraps = request.followLoop && loop.enabled && loop.end > loop.start;

  result.master.left.assign(std::size_t(length), 0.0f);
  result.master.right.assign(std::size_t(length), 0.0f);
  std::vector<std::optional<std::size_t>> stemTrack;
  for (const auto& id : request.stemTracks) {
    stemTrack.push_back(graph->trackIndex(id));
    result.stems.push_back({std::vector<float>(std::size_t(length)), std::vector<float>(std::size_t(length))});
  }
  std::vector<AlignedWriter> stems;
  for (std::size_t s = 0; s < stemTrack.size(); ++s) {
    stems.emplace_back(result.stems[s], stemTrack[s] ? graph->trackLatency(*stemTrack[s]) : 0);
  }
  AlignedWriter master(result.master, latency);

  Player player(PlayerOptions{format, 0.0});  // no time budget offline
  player.setGraph(std::move(graph));
  player.setLooping(request.followLoop);
  player.seek(request.startFrame);
  player.play();

  std::vector<float> left(block);
  std::vector<float> right(block);
  float* out[2] = {left.data(), right.data()};
  // Render past the end by the latency so that the end of the range comes out too.
  const int64_t total = length + latency;
  int64_t rendered = 0;
  int64_t position = request.startFrame;
  while (rendered < total) {
    uint32_t n = uint32_t(std::min<int64_t>(block, total - rendered));
    // One render call = one graph call, so that the stem taps hold the whole call.
    if (wraps && position < loop.end) n = uint32_t(std::min<int64_t>(n, loop.end - position));
    player.render(out, 2, n);
    RenderGraph* current = player.currentGraph();
    master.write(rendered, left.data(), right.data(), n);
    for (std::size_t s = 0; s < stems.size(); ++s) {
      if (!stemTrack[s]) continue;
      stems[s].write(rendered, current->trackOutput(*stemTrack[s], 0),
                     current->trackOutput(*stemTrack[s], 1), n);
    }
    rendered += n;
    position = player.position();
    while (auto fault = player.nextFault()) result.faults.push_back(*fault);
    if (request.progress && !request.progress(double(rendered) / double(std::max<int64_t>(total, 1)))) {
      result.cancelled = true;
      break;
    }
  }
  return result;
}

}  // namespace wstudio::engine

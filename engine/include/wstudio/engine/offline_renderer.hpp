// Offline rendering (bounce, export, stems): the same graph and player as live playback, driven
// as fast as possible on the calling thread, with no plugin time budget.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/fault_report.hpp"
#include "wstudio/engine/render_graph.hpp"

namespace wstudio::engine {

struct OfflineRenderRequest {
  int64_t startFrame = 0;  // timeline range [startFrame, endFrame)
  int64_t endFrame = 0;
  // Post-fader outputs of these tracks (ids) are rendered too, as stems.
  std::vector<std::string> stemTracks;
  bool followLoop = false;  // exports normally ignore the loop region
  uint32_t blockFrames = 0;  // 0: the graph's maxBlockFrames
  // Called after each block with the fraction done (0..1]; returning false cancels.
  std::function<bool(double)> progress;
};

struct StereoBuffer {
  std::vector<float> left;
  std::vector<float> right;
};

struct OfflineRender {
  // Aligned with the timeline: delay compensation is taken out, so frame 0 is startFrame.
  StereoBuffer master;
  std::vector<StereoBuffer> stems;  // in the order of stemTracks; unknown ids give silence
  std::vector<FaultReport> faults;
  bool cancelled = false;
};

// [the calling thread] The graph's plugin instances must not be playing elsewhere meanwhile:
// build offline graphs with their own PluginProvider.
OfflineRender renderOffline(std::unique_ptr<RenderGraph> graph, const OfflineRenderRequest& request);

}  // namespace wstudio::engine

#include "engine_fixture.hpp"

#include <gtest/gtest.h>

namespace wstudio::engine::testing {

std::unique_ptr<RenderGraph> Rig::build(const session::Session& s, const RenderGraph* previous) {
  const auto problems = session::validate(s);
  for (const auto& problem : problems) ADD_FAILURE() << "invalid session: " << problem.message;
  BuildResult result = builder_.build(s, previous);
  for (const auto& warning : result.warnings) ADD_FAILURE() << "build warning: " << warning;
  return std::move(result.graph);
}

OfflineRender Rig::render(const session::Session& s, int64_t start, int64_t end,
                          std::vector<std::string> stems, uint32_t blockFrames) {
  OfflineRenderRequest request;
  request.startFrame = start;
  request.endFrame = end;
  request.stemTracks = std::move(stems);
  request.blockFrames = blockFrames;
  return renderOffline(build(s), request);
}

Stereo playBlocks(Player& player, std::size_t blocks, uint32_t blockFrames) {
  Stereo out;
  std::vector<float> left(blockFrames);
  std::vector<float> right(blockFrames);
  float* channels[2] = {left.data(), right.data()};
  for (std::size_t b = 0; b < blocks; ++b) {
    player.render(channels, 2, blockFrames);
    out.left.insert(out.left.end(), left.begin(), left.end());
    out.right.insert(out.right.end(), right.begin(), right.end());
  }
  return out;
}

}  // namespace wstudio::engine::testing

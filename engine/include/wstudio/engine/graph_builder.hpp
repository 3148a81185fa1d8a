// Session -> RenderGraph, on the main thread.
//
// Signal flow per track: clips (or the MIDI sequencer feeding the first instrument insert) ->
// inserts in order (bypassed ones pass the signal, after a crossfade) -> volume, mute/solo and pan (automated
// sample-accurately, otherwise smoothed) -> meter -> delay compensation -> the track's output
// (a bus or the master). The master runs its inserts and volume and writes the output.
// The rules (pan law, solo, automation events, delay compensation) are in engine/README.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/audio_source.hpp"
#include "wstudio/engine/plugin_provider.hpp"
#include "wstudio/engine/render_graph.hpp"
#include "wstudio/session/model.hpp"

namespace wstudio::engine {

struct BuildOptions {
  // Ramp time of volume, pan and mute changes that are not automation (edits, solo).
  double controlRampMs = 10.0;
  // Plugin-parameter automation is sent as a PARAM event every this many timeline frames (plus
  // at each block start and at each automation point's frame).
  uint32_t paramEventInterval = 32;
};

struct BuildResult {
  std::unique_ptr<RenderGraph> graph;
  // What the graph could not honour: plugins not found or not activated, sources not available.
  // The affected inserts pass their input through; the affected clips play silence.
  std::vector<std::string> warnings;
};

class GraphBuilder {
 public:
  GraphBuilder(PluginProvider& plugins, SourceProvider& sources, BuildOptions options = {});

  // [main] `session` must be valid (session::validate). `previous`: the last graph given to the
  // player, so that the new one can take over its signal state at the swap; it is only read.
  BuildResult build(const session::Session& session, const RenderGraph* previous = nullptr);

 private:
  PluginProvider& plugins_;
  SourceProvider& sources_;
  BuildOptions options_;
};

}  // namespace wstudio::engine

// What the engine tests share: a plugin resolver over the natively linked factory plugins (and
// modules the test registers, such as the host's .wasm fixture), an in-memory source provider, a
// session builder with short names, and rendering a session through the real builder and player.
#pragma once

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/engine/offline_renderer.hpp"
#include "wstudio/engine/player.hpp"
#include "wstudio/factory_plugins.hpp"
#include "wstudio/session/validate.hpp"

namespace wstudio::engine::testing {

inline constexpr double kRate = 48000.0;
inline constexpr double kTempo = 120.0;  // one beat = 0.5 s = 24000 frames
inline constexpr int64_t kFramesPerBeat = 24000;

// Factory plugins by descriptor id ("studio.wasm.<folder>"), plus modules added by the test.
class TestPlugins : public PluginResolver {
 public:
  host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) override {
    if (auto found = extra_.find(ref.id); found != extra_.end()) return found->second;
    if (const wsp_plugin_api* api = findFactoryPluginById(ref.id)) return host::loadNativePlugin(api);
    return host::fail("no plugin \"" + ref.id + "\"");
  }
  void add(const std::string& id, std::shared_ptr<host::PluginModule> module) {
    extra_[id] = std::move(module);
  }

 private:
  std::map<std::string, std::shared_ptr<host::PluginModule>> extra_;
};

// Sources by path.
class TestSources : public SourceProvider {
 public:
  std::shared_ptr<const DecodedAudio> decoded(const session::AudioSource& source, double) override {
    auto found = sources_.find(source.path.value_or(""));
    return found == sources_.end() ? nullptr : found->second;
  }
  void add(const std::string& path, std::vector<float> left, std::vector<float> right = {},
           double rate = kRate) {
    auto audio = std::make_shared<DecodedAudio>();
    audio->sampleRate = rate;
    audio->channels.push_back(std::move(left));
    if (!right.empty()) audio->channels.push_back(std::move(right));
    sources_[path] = std::move(audio);
  }

 private:
  std::map<std::string, std::shared_ptr<const DecodedAudio>> sources_;
};

inline session::Session emptySession() {
  session::Session s;
  s.tempoBpm = kTempo;
  s.sampleRate = int(kRate);
  return s;
}

inline session::Track& addTrack(session::Session& s, const std::string& id,
                                session::TrackKind kind = session::TrackKind::audio) {
  session::Track track;
  track.id = id;
  track.kind = kind;
  s.tracks.push_back(track);
  return s.tracks.back();
}

inline session::AudioClip& addClip(session::Track& track, const std::string& id,
                                   const std::string& path, double start, double length) {
  session::AudioClip clip;
  clip.id = id;
  clip.source.path = path;
  clip.start = start;
  clip.length = length;
  track.audioClips.push_back(clip);
  return track.audioClips.back();
}

inline session::Insert& addInsert(std::vector<session::Insert>& chain, const std::string& id,
                                  const std::string& plugin) {
  session::Insert insert;
  insert.id = id;
  insert.plugin.id = plugin;
  chain.push_back(insert);
  return chain.back();
}

inline session::AutomationLane& addLane(session::Session& s, const std::string& id,
                                        const std::string& track, session::AutomatedControl control) {
  session::AutomationLane lane;
  lane.id = id;
  lane.target.track = track;
  lane.target.control = control;
  s.automation.push_back(lane);
  return s.automation.back();
}

inline session::AutomationPoint point(double time, double value,
                                      session::SegmentShape shape = session::SegmentShape::linear) {
  session::AutomationPoint p;
  p.time = time;
  p.value = value;
  p.shape = shape;
  return p;
}

// A stereo render as two vectors.
struct Stereo {
  std::vector<float> left;
  std::vector<float> right;
};

// Everything one test needs to build graphs and play them.
class Rig {
 public:
  explicit Rig(uint32_t maxBlock = 256)
      : format_{kRate, maxBlock}, provider_(plugins, format_), builder_(provider_, sources) {}

  TestPlugins plugins;
  TestSources sources;

  const EngineFormat& format() const { return format_; }
  PluginProvider& provider() { return provider_; }

  // Builds, failing the test on an invalid session or on warnings.
  std::unique_ptr<RenderGraph> build(const session::Session& s, const RenderGraph* previous = nullptr);

  // Offline render of [start, end) timeline frames, aligned to the timeline.
  OfflineRender render(const session::Session& s, int64_t start, int64_t end,
                       std::vector<std::string> stems = {}, uint32_t blockFrames = 0);

 private:
  EngineFormat format_;
  PluginProvider provider_;
  GraphBuilder builder_;
};

// Drives a player block by block like an audio callback would, collecting its output.
Stereo playBlocks(Player& player, std::size_t blocks, uint32_t blockFrames);

}  // namespace wstudio::engine::testing

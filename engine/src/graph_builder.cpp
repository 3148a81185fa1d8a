#include "wstudio/engine/graph_builder.hpp"

#include <algorithm>
#include <atomic>
#include <map>

#include "linear_resampler.hpp"
#include "routing.hpp"
#include "timeline_clock.hpp"
#include "track_node.hpp"

namespace wstudio::engine {

namespace {

std::atomic<uint64_t> nextGeneration{1};

// Events a sequencer may add to one call beyond its own notes: releases at a wrap or swap.
constexpr std::size_t kReleaseEventRoom = 256;
constexpr std::size_t kMaxNoteEvents = std::size_t{1} << 16;

// The automation lanes of the session by target.
class LaneIndex {
 public:
  explicit LaneIndex(const session::Session& session) {
    for (const auto& lane : session.automation) {
      if (!lane.points.empty()) lanes_.push_back(&lane);
    }
  }
  std::optional<session::AutomationLane> control(const std::string& track,
                                                 session::AutomatedControl control) const {
    for (const auto* lane : lanes_) {
      if (lane->target.track == track && lane->target.control == control) return *lane;
    }
    return std::nullopt;
  }
  std::vector<const session::AutomationLane*> params(const std::string& track,
                                                     const std::string& insert) const {
    std::vector<const session::AutomationLane*> found;
    for (const auto* lane : lanes_) {
      if (lane->target.track == track &&
          lane->target.control == session::AutomatedControl::parameter &&
          lane->target.insert == insert) {
        found.push_back(lane);
      }
    }
    return found;
  }

 private:
  std::vector<const session::AutomationLane*> lanes_;
};

// An insert as the chain will run it: its instance (null when it could not be made) and whether
// it is in the signal path at all.
struct PlannedInsert {
  const session::Insert* insert = nullptr;
  std::shared_ptr<HostedPlugin> plugin;
  bool inPath = false;
  uint32_t latency = 0;
};

struct PlannedChain {
  std::vector<PlannedInsert> inserts;
  uint32_t latency = 0;  // sum over the inserts in the path
};

}  // namespace

// Assembles one graph; a friend of RenderGraph, which nothing else may construct.
class GraphAssembly {
 public:
  GraphAssembly(PluginProvider& plugins, SourceProvider& sources, const BuildOptions& options,
        const session::Session& session)
      : plugins_(plugins),
        sources_(sources),
        options_(options),
        session_(session),
        format_(plugins.format()),
        clock_{session.tempoBpm, plugins.format().sampleRate},
        lanes_(session) {}

  BuildResult run(const RenderGraph* previous);

 private:
  PlannedChain planChain(const std::vector<session::Insert>& inserts, const std::string& owner);
  void addInserts(TrackNode& node, const PlannedChain& chain, uint32_t inputLatency,
                  bool instrument);
  void addClips(TrackNode& node, const session::Track& track);
  void addNotes(TrackNode& node, const session::Track& track);
  std::shared_ptr<const DecodedAudio> source(const session::AudioSource& source);

  PluginProvider& plugins_;
  SourceProvider& sources_;
  const BuildOptions& options_;
  const session::Session& session_;
  EngineFormat format_;
  TimelineClock clock_;
  LaneIndex lanes_;
  std::vector<std::string> usedInserts_;
  std::vector<std::string> warnings_;
  std::map<const DecodedAudio*, std::shared_ptr<const DecodedAudio>> resampled_;
};

PlannedChain GraphAssembly::planChain(const std::vector<session::Insert>& inserts,
                              const std::string& owner) {
  PlannedChain chain;
  for (const auto& insert : inserts) {
    usedInserts_.push_back(insert.id);
    PlannedInsert planned{&insert, nullptr, false, 0};
    auto acquired = plugins_.acquire(insert);
    if (!acquired) {
      warnings_.push_back(owner + " insert \"" + insert.id + "\" (" + insert.plugin.id +
                          "): " + acquired.error() + "; passing audio through");
    } else {
      planned.plugin = acquired.value();
      planned.inPath = !insert.bypass;
      if (planned.inPath && !planned.plugin->disabled.load(std::memory_order_relaxed)) {
        planned.latency = planned.plugin->latency.load(std::memory_order_relaxed);
      }
    }
    chain.latency += planned.latency;
    chain.inserts.push_back(std::move(planned));
  }
  return chain;
}

void GraphAssembly::addInserts(TrackNode& node, const PlannedChain& chain, uint32_t inputLatency,
                       bool instrument) {
  const std::size_t noteCapacity =
      node.sequencer ? std::min(node.sequencer->edgeCount() + kReleaseEventRoom, kMaxNoteEvents) : 0;
  uint32_t latency = inputLatency;
  uint32_t slot = 0;
  for (const auto& planned : chain.inserts) {
    const uint32_t index = slot++;
    if (!planned.plugin) continue;  // not available: the audio passes through
    const session::Insert& insert = *planned.insert;
    const auto& descriptor = planned.plugin->instance->descriptor();
    const bool receivesNotes = planned.inPath && instrument && !node.noteInsert &&
                               (descriptor.midi || descriptor.kind == host::PluginKind::Instrument);
    if (receivesNotes) node.noteInsert = node.inserts.size();
    std::vector<ParamAutomation> automation;
    for (const auto* lane : lanes_.params(node.id, insert.id)) {
      automation.emplace_back(*lane, clock_, options_.paramEventInterval);
    }
    node.inserts.emplace_back(InsertIdentity{index, node.id, insert.id}, planned.plugin,
                              InsertPlacement{planned.latency, latency, receivesNotes,
                                              planned.inPath, format_.sampleRate,
                                              options_.controlRampMs},
                              std::vector<std::pair<uint32_t, double>>(insert.params.begin(),
                                                                       insert.params.end()),
                              std::move(automation), format_.maxBlockFrames,
                              receivesNotes ? noteCapacity : 0);
    latency += planned.latency;
  }
}

std::shared_ptr<const DecodedAudio> GraphAssembly::source(const session::AudioSource& source) {
  auto audio = sources_.decoded(source, format_.sampleRate);
  if (!audio || audio->sampleRate == format_.sampleRate) return audio;
  auto& converted = resampled_[audio.get()];
  if (!converted) converted = std::make_shared<const DecodedAudio>(resampleLinear(*audio, format_.sampleRate));
  return converted;
}

void GraphAssembly::addClips(TrackNode& node, const session::Track& track) {
  for (const auto& clip : track.audioClips) {
    if (clip.mute) continue;
    ClipPlayer player;
    player.audio = source(clip.source);
    if (!player.audio) {
      warnings_.push_back("clip \"" + clip.id + "\" on track \"" + track.id +
                          "\": source not available; playing silence");
      continue;
    }
    player.start = clock_.frameAt(clip.start);
    player.end = clock_.frameAt(clip.start + clip.length);
    player.sourceStart = clock_.framesOfSeconds(clip.offsetSeconds);
    player.gain = volumeGain(clip.gainDb);
    player.fadeInFrames = clock_.frameAt(clip.start + clip.fadeIn) - player.start;
    player.fadeOutFrames = player.end - clock_.frameAt(clip.start + clip.length - clip.fadeOut);
    player.fadeInCurve = clip.fadeInCurve;
    player.fadeOutCurve = clip.fadeOutCurve;
    node.clips.push_back(std::move(player));
  }
}

void GraphAssembly::addNotes(TrackNode& node, const session::Track& track) {
  std::vector<NoteEdge> starts;
  std::vector<NoteEdge> ends;
  for (const auto& clip : track.midiClips) {
    if (clip.mute) continue;
    const int64_t clipEnd = clock_.frameAt(clip.start + clip.length);
    for (const auto& note : clip.notes) {
      const int64_t start = clock_.frameAt(clip.start + note.start);
      const int64_t end = std::min(clock_.frameAt(clip.start + note.start + note.length), clipEnd);
      if (start >= clipEnd || end <= start) continue;
      const auto key = uint16_t(note.pitch);
      starts.push_back({start, key, float(note.velocity)});
      ends.push_back({end, key, 0.0f});
    }
  }
  node.sequencer.emplace(std::move(starts), std::move(ends));
}

BuildResult GraphAssembly::run(const RenderGraph* previous) {
  const auto& tracks = session_.tracks;
  const Routing routing = planRouting(session_);

  // Plugins first: their latencies decide the compensation.
  std::vector<PlannedChain> chains;
  chains.reserve(tracks.size());
  for (const auto& track : tracks) chains.push_back(planChain(track.inserts, "track \"" + track.id + "\""));
  const PlannedChain masterChain = planChain(session_.master.inserts, "master");
  plugins_.keepOnly(usedInserts_);

  // Latency reaching each track's input (buses: their slowest source) and leaving its fader.
  std::vector<uint32_t> inputLatency(tracks.size(), 0);
  std::vector<uint32_t> outputLatency(tracks.size(), 0);
  uint32_t masterInput = 0;
  for (const std::size_t t : routing.order) {
    outputLatency[t] = inputLatency[t] + chains[t].latency;
    const auto d = routing.destination[t];
    uint32_t& destination = d >= 0 ? inputLatency[std::size_t(d)] : masterInput;
    destination = std::max(destination, outputLatency[t]);
  }

  std::unique_ptr<RenderGraph> graph(new RenderGraph());
  graph->format_ = format_;
  graph->tempoBpm_ = session_.tempoBpm;
  graph->loop_ = {clock_.frameAt(session_.loop.start), clock_.frameAt(session_.loop.end),
                  session_.loop.enabled};
  graph->generation_ = nextGeneration.fetch_add(1);
  graph->builtFrom_ = previous ? previous->generation() : 0;
  graph->latency_ = masterInput + masterChain.latency;

  std::vector<TrackNode*> nodeOf(tracks.size(), nullptr);
  for (const std::size_t t : routing.order) {
    const session::Track& track = tracks[t];
    auto node = std::make_unique<TrackNode>(track.id, format_.maxBlockFrames);
    nodeOf[t] = node.get();
    const bool instrument = track.kind == session::TrackKind::instrument;
    if (track.kind == session::TrackKind::audio) addClips(*node, track);
    if (instrument) addNotes(*node, track);
    addInserts(*node, chains[t], inputLatency[t], instrument);
    node->fader.emplace(FaderSettings{track.volumeDb, track.pan, true, routing.audible[t],
                                      lanes_.control(track.id, session::AutomatedControl::volume),
                                      lanes_.control(track.id, session::AutomatedControl::pan),
                                      outputLatency[t]},
                        clock_, options_.controlRampMs);
    node->outputLatency = outputLatency[t];
    const auto d = routing.destination[t];
    const uint32_t arrival = d >= 0 ? inputLatency[std::size_t(d)] : masterInput;
    node->compensation = CompensationDelay(arrival - outputLatency[t]);
    if (previous) node->previousIndex = previous->trackIndex(track.id);
    graph->tracks_.push_back(std::move(node));
  }
  // Buses come after their sources, so every destination exists by now.
  for (const std::size_t t : routing.order) {
    const auto d = routing.destination[t];
    nodeOf[t]->destination = d >= 0 ? nodeOf[std::size_t(d)] : nullptr;
  }

  auto master = std::make_unique<TrackNode>(std::string(session::kMasterId), format_.maxBlockFrames);
  master->meter.measureLoudness(true);  // the mix's loudness is always on show
  addInserts(*master, masterChain, masterInput, false);
  master->fader.emplace(FaderSettings{session_.master.volumeDb, 0.0, false, true,
                                      lanes_.control(master->id, session::AutomatedControl::volume),
                                      std::nullopt, graph->latency_},
                        clock_, options_.controlRampMs);
  master->outputLatency = graph->latency_;
  graph->master_ = std::move(master);
  return BuildResult{std::move(graph), std::move(warnings_)};
}

GraphBuilder::GraphBuilder(PluginProvider& plugins, SourceProvider& sources, BuildOptions options)
    : plugins_(plugins), sources_(sources), options_(options) {}

BuildResult GraphBuilder::build(const session::Session& session, const RenderGraph* previous) {
  return GraphAssembly(plugins_, sources_, options_, session).run(previous);
}

}  // namespace wstudio::engine
